import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";

import { pickMessages, type Namespace } from "@/lib/i18n/messages";

/** What every client component may use, on every page: the root layout hands these out. */
export const SHARED_CLIENT_NAMESPACES = ["common", "validation"] as const satisfies readonly Namespace[];

/**
 * Hands the client components below it the catalog's `namespaces` (and the shared ones), and no
 * more: a page's JavaScript payload carries only the messages its client components use. Locale,
 * time zone and "now" are passed on by next-intl.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly Namespace[]; children: ReactNode }) {
  const messages = await getMessages();
  return (
    <NextIntlClientProvider messages={pickMessages(messages, [...SHARED_CLIENT_NAMESPACES, ...namespaces])}>
      {children}
    </NextIntlClientProvider>
  );
}
