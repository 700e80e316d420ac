"use client";

import type { Messages } from "next-intl";
import { NextIntlClientProvider, useMessages } from "next-intl";
import { use, useMemo, type ReactNode } from "react";
import { preload } from "react-dom";

import type { Locale } from "@/i18n/locales";
import { loadMessages, pickMessages, type Namespace } from "@/lib/i18n/messages";

type Catalog = Partial<Messages>;

/** What a provider needs to find its messages: on the server, from the catalog in memory; in the browser, at `href`. */
export interface CatalogSource {
  locale: Locale;
  namespaces: readonly Namespace[];
  /** Versioned by the messages' digest, so the browser keeps each answer as long as it likes. */
  href: string;
}

const ATTEMPTS = 3;
const loaded = new Map<string, Promise<Catalog>>();

/**
 * The messages of one source, read once per page session (server: per process) and kept: React's
 * `use` sees the same, settled promise on every later render.
 */
function catalogOf(source: CatalogSource): Promise<Catalog> {
  // Rendering the page's HTML: a preload in its head starts the browser's fetch before any script
  // runs. In the browser the fetch below starts at once (a preload added then would be a second).
  if (typeof window === "undefined") preload(source.href, { as: "fetch", crossOrigin: "anonymous" });
  const key = typeof window === "undefined" ? `${source.locale}|${source.namespaces.join(",")}` : source.href;
  let catalog = loaded.get(key);
  if (!catalog) {
    catalog =
      typeof window === "undefined"
        ? loadMessages(source.locale).then((all) => pickMessages(all, source.namespaces))
        : fetchCatalog(source.href);
    // On the server a failed read is forgotten, so the next request tries again. In the browser it
    // is kept: the error shows once instead of a render asking again and again.
    if (typeof window === "undefined") catalog.catch(() => loaded.delete(key));
    loaded.set(key, catalog);
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
  const messages = use(catalogOf(source));
  return (
    <NextIntlClientProvider locale={source.locale} timeZone={timeZone} now={now} messages={messages}>
      {children}
    </NextIntlClientProvider>
  );
}

/** A page's or a layout's provider: its own namespaces beside those handed out above it. */
export function CatalogBranch({ source, children }: { source: CatalogSource; children: ReactNode }) {
  const inherited = useMessages() as Catalog;
  const own = use(catalogOf(source));
  const messages = useMemo(() => mergeCatalogs(inherited, own), [inherited, own]);
  return (
    <NextIntlClientProvider locale={source.locale} messages={messages}>
      {children}
    </NextIntlClientProvider>
  );
}
