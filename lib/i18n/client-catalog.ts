import "server-only";

import { createHash } from "node:crypto";

import type { Messages } from "next-intl";

import type { Locale } from "@/i18n/locales";

import { loadMessages, pickMessages, type Namespace } from "./messages";

/** Where the browser fetches a part of a catalog: `/api/i18n/<locale>?ns=<namespaces>&v=<version>`. */
const CLIENT_CATALOG_PATH = "/api/i18n";

/** More namespaces than any page hands out in one place: a longer list is refused. */
export const MAX_CLIENT_NAMESPACES = 40;

const NAMESPACE_SYNTAX = /^[A-Za-z]+(\.[A-Za-z]+)?$/;

export interface ClientCatalog {
  messages: Partial<Messages>;
  /** A digest of exactly these messages: the URL changes when, and only when, they do. */
  version: string;
  href: string;
}

const catalogs = new Map<string, Promise<ClientCatalog>>();

/**
 * The messages of `namespaces` in `locale`, with their version and URL. Computed once per process
 * for each language and list: pages hand out a fixed few lists, so this stays small.
 */
export function clientCatalog(locale: Locale, namespaces: readonly Namespace[]): Promise<ClientCatalog> {
  const list = namespaces.join(",");
  const key = `${locale}|${list}`;
  let catalog = catalogs.get(key);
  if (!catalog) {
    catalog = loadMessages(locale).then((all) => {
      const messages = pickMessages(all, namespaces);
      const version = createHash("sha256").update(JSON.stringify(messages)).digest("base64url").slice(0, 16);
      // Language tags, namespaces (letters and dots) and the digest (base64url) need no escaping in a URL.
      return { messages, version, href: `${CLIENT_CATALOG_PATH}/${locale}?ns=${list}&v=${version}` };
    });
    catalog.catch(() => catalogs.delete(key));
    catalogs.set(key, catalog);
  }
  return catalog;
}

export type NamespaceListProblem = { kind: "missing" } | { kind: "tooMany"; max: number } | { kind: "unknown"; namespace: string };

/**
 * Reads a comma-separated list of namespaces (`common,inbox.list`) against the catalog: each must be
 * a top-level namespace or a key one level down (a group of messages or a single one) that the catalog has.
 */
export function parseNamespaceList(raw: string | null, catalog: Messages): { namespaces: Namespace[] } | { problem: NamespaceListProblem } {
  if (!raw) return { problem: { kind: "missing" } };
  const names = raw.split(",");
  if (names.length > MAX_CLIENT_NAMESPACES) return { problem: { kind: "tooMany", max: MAX_CLIENT_NAMESPACES } };
  const source = catalog as unknown as Record<string, unknown>;
  for (const name of names) {
    const [top, part] = name.split(".") as [string, string | undefined];
    const namespace = NAMESPACE_SYNTAX.test(name) && Object.hasOwn(source, top) ? source[top] : undefined;
    const found = part === undefined ? isObject(namespace) : isObject(namespace) && Object.hasOwn(namespace, part);
    if (!found) return { problem: { kind: "unknown", namespace: name.slice(0, 80) } };
  }
  return { namespaces: names as Namespace[] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
