import { queryKeys } from "@/lib/query-keys";

import type { CannedLibrary } from "./rules";

/** One library's list on the settings page, under the picker's prefix so `canned_response.updated` refreshes both. */
export const cannedLibraryKey = (library: CannedLibrary) => [...queryKeys.inbox.cannedResponses(), "library", library] as const;
