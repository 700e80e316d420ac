import { getLocale, getNow, getTimeZone } from "next-intl/server";
import type { ReactNode } from "react";

import type { Locale } from "@/i18n/locales";
import { clientCatalog } from "@/lib/i18n/client-catalog";
import type { Namespace } from "@/lib/i18n/messages";

import { CatalogBranch, CatalogRoot, type CatalogSource } from "./catalog-provider";

/** What every client component may use, on every page: the root layout hands these out. */
const SHARED_CLIENT_NAMESPACES = ["common", "validation"] as const satisfies readonly Namespace[];

/**
 * Where the client components below find the catalog's `namespaces`. The messages do not travel in
 * the page's React payload: the server renders with the catalog it holds and puts the same messages
 * in the HTML as a data block, read before hydration; a page reached by navigation fetches them
 * from a versioned URL the browser keeps in its cache (`/api/i18n`). See catalog-provider.tsx.
 */
async function catalogSource(namespaces: readonly Namespace[]): Promise<CatalogSource> {
  const locale = (await getLocale()) as Locale;
  const { href } = await clientCatalog(locale, namespaces);
  return { locale, namespaces, href };
}


/** Hands the client components below it the catalog's `namespaces`, beside the ones handed out above. */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly Namespace[]; children: ReactNode }) {
  const source = await catalogSource(namespaces);
  return <CatalogBranch source={source}>{children}</CatalogBranch>;
}

/** The root layout's: the reader's language, time zone and "now", and the namespaces every page shares. */
export async function RootClientMessages({ children }: { children: ReactNode }) {
  const [source, timeZone, now] = await Promise.all([catalogSource(SHARED_CLIENT_NAMESPACES), getTimeZone(), getNow()]);
  return (
    <CatalogRoot source={source} timeZone={timeZone} now={now}>
      {children}
    </CatalogRoot>
  );
}
