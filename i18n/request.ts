import { getRequestConfig } from "next-intl/server";

import { loadMessages } from "@/lib/i18n/messages";
import { requestPreferences } from "@/lib/i18n/preferences";

/** next-intl's configuration for each request: the reader's language, time zone and catalog. */
export default getRequestConfig(async () => {
  const { locale, timeZone } = await requestPreferences();
  return { locale, timeZone, messages: await loadMessages(locale), now: new Date() };
});
