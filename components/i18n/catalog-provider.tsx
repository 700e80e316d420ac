"use client";

import type { Messages } from "next-intl";
import { NextIntlClientProvider, useMessages } from "next-intl";
import { use, useMemo, type ReactNode } from "react";

import type { Locale } from "@/i18n/locales";
import { loadMessages, pickMessages, type Namespace } from "@/lib/i18n/messages";

type Catalog = Partial<Messages>;

/** What a provider needs to find its messages: on the server, in the catalog in memory; in the browser, in the page or at `href`. */
export interface CatalogSource {
  locale: Locale;
  namespaces: readonly Namespace[];
  /** Versioned by the messages' digest, so the browser keeps each answer as long as it likes. */
  href: string;
}

interface LoadedCatalog {
  messages: Catalog;
  /** On the server: the messages as the page's data block carries them. */
  json?: string;
}

/** A promise React's `use` reads at once, without suspending: what the page itself carried. */
type SettledPromise<T> = Promise<T> & { status: "fulfilled"; value: T };
const settled = <T,>(value: T): SettledPromise<T> => Object.assign(Promise.resolve(value), { status: "fulfilled" as const, value });

const ATTEMPTS = 3;
const loaded = new Map<string, Promise<LoadedCatalog>>();

/**
 * The messages of one source, read once per process on the server and once per page session in
 * the browser, and kept: `use` sees the same, settled promise on every later render.
 * - Server: picked from the catalog in memory, with their JSON for the page's data block.
 * - Browser, a page loaded whole: from that data block, at once, so hydration never waits for them.
 * - Browser, a page reached by navigation: fetched from the versioned URL (the browser's cache
 *   keeps it), while the page shown until then stays.
 */
function catalogOf(source: CatalogSource): Promise<LoadedCatalog> {
  if (typeof window === "undefined") {
    const key = `${source.locale}|${source.namespaces.join(",")}`;
    let catalog = loaded.get(key);
    if (!catalog) {
      catalog = loadMessages(source.locale).then((all) => {
        const messages = pickMessages(all, source.namespaces);
        // "<" escaped: the data block cannot end early, whatever a message says.
        return { messages, json: JSON.stringify(messages).replaceAll("<", "\\u003c") };
      });
      // A failed read is forgotten, so the next request tries again.
      catalog.catch(() => loaded.delete(key));
      loaded.set(key, catalog);
    }
    return catalog;
  }
  let catalog = loaded.get(source.href);
  if (!catalog) {
    const carried = document.querySelector(`script[data-catalog="${CSS.escape(source.href)}"]`)?.textContent;
    // A failure is kept: the error shows once instead of a render asking again and again.
    catalog = carried ? settled({ messages: JSON.parse(carried) as Catalog }) : fetchCatalog(source.href).then((messages) => ({ messages }));
    loaded.set(source.href, catalog);
  }
  return catalog;
}

/** The catalog from its route; a network failure or a server error is tried again twice before it counts. */
async function fetchCatalog(href: string): Promise<Catalog> {
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await fetch(href, { credentials: "same-origin" }).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    if (outcome instanceof Response && outcome.ok) return (await outcome.json()) as Catalog;
    const failure = outcome instanceof Response ? new Error(`The dashboard's messages could not be loaded (HTTP ${outcome.status}).`) : outcome;
    // A refusal (4xx) will not change on a second try.
    if (attempt >= ATTEMPTS || (outcome instanceof Response && outcome.status < 500)) throw failure;
    await new Promise((resolve) => setTimeout(resolve, 400 * attempt));
  }
}

/**
 * The page's copy of a provider's messages, as data (never run): rendered by the server, read by
 * `catalogOf` before hydration and left as it is after (the browser renders it empty).
 */
function CatalogData({ href, json }: { href: string; json: string | undefined }) {
  return <script type="application/json" data-catalog={href} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: json ?? "" }} />;
}

/**
 * A part of the catalog on top of what the providers above hand out, merged one namespace level
 * down ("inbox.list" beside an "inbox.title" from above).
 */
export function mergeCatalogs(base: Catalog, extra: Catalog): Catalog {
  const merged: Record<string, unknown> = { ...base };
  for (const [namespace, value] of Object.entries(extra)) {
    const current = merged[namespace];
    merged[namespace] = isPlainObject(current) && isPlainObject(value) ? { ...current, ...value } : value;
  }
  return merged as Catalog;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The root's provider: the reader's language, time zone and "now", and the messages every page's client components use. */
export function CatalogRoot({ source, timeZone, now, children }: { source: CatalogSource; timeZone: string; now: Date; children: ReactNode }) {
  const catalog = use(catalogOf(source));
  return (
    <NextIntlClientProvider locale={source.locale} timeZone={timeZone} now={now} messages={catalog.messages}>
      <CatalogData key={source.href} href={source.href} json={catalog.json} />
      {children}
    </NextIntlClientProvider>
  );
}

/** A page's or a layout's provider: its own namespaces beside those handed out above it. */
export function CatalogBranch({ source, children }: { source: CatalogSource; children: ReactNode }) {
  const inherited = useMessages() as Catalog;
  const catalog = use(catalogOf(source));
  const messages = useMemo(() => mergeCatalogs(inherited, catalog.messages), [inherited, catalog.messages]);
  return (
    <NextIntlClientProvider locale={source.locale} messages={messages}>
      <CatalogData key={source.href} href={source.href} json={catalog.json} />
      {children}
    </NextIntlClientProvider>
  );
}
