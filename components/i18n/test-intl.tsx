/**
 * For component tests: renders a tree the way a page hands it its catalog, in English (or another
 * language) and UTC, at a fixed "now".
 */
import { NextIntlClientProvider } from "next-intl";
import type { ReactElement } from "react";

import type { Locale } from "@/i18n/locales";
import { CATALOGS } from "@/lib/i18n/test-translate";
import type en from "@/messages/en.json";

export function withIntl(node: ReactElement, options: { locale?: Locale; now?: Date; timeZone?: string } = {}): ReactElement {
  const locale = options.locale ?? "en";
  return (
    <NextIntlClientProvider
      locale={locale}
      messages={CATALOGS[locale] as typeof en}
      timeZone={options.timeZone ?? "UTC"}
      now={options.now ?? new Date("2026-03-02T12:00:00.000Z")}
    >
      {node}
    </NextIntlClientProvider>
  );
}
