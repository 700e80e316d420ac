/**
 * zod, configured: the one import of zod for the product's code (ESLint refuses `import { z } from
 * "zod"` elsewhere). zod reads its configuration when a schema is built, so the configuration must run
 * before any module builds one — importing z from here guarantees it, whichever module the browser
 * happens to load first. Pages without a schema load no zod at all.
 */
import { z } from "zod";

import { configureValidationMessages } from "./i18n/validation";

configureValidationMessages();

export { z };
