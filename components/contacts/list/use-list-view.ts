"use client";

import { useRouter, useSearchParams } from "next/navigation";
import * as React from "react";

import { contactListHref, filterFromSearchParams, type ContactListView } from "./url";

/** The list's view, kept in the URL: a reload, a shared link or the back button shows the same contacts. */
export function useListView(): [ContactListView, (view: ContactListView) => void] {
  const searchParams = useSearchParams();
  const router = useRouter();
  const query = searchParams.toString();
  const view = React.useMemo(() => filterFromSearchParams(new URLSearchParams(query)), [query]);
  const setView = React.useCallback((next: ContactListView) => router.replace(contactListHref(next), { scroll: false }), [router]);
  return [view, setView];
}

const COLUMNS_KEY = "contacts.list.attributeColumns";
const listeners = new Set<() => void>();
/** This tab's latest choice, which stands even where storage is refused (private modes). */
let chosenHere: string | null = null;

function readShownColumns(): string {
  if (chosenHere !== null) return chosenHere;
  try {
    return window.localStorage.getItem(COLUMNS_KEY) ?? "[]";
  } catch {
    return "[]";
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

/**
 * Which custom attributes show as columns (by key), remembered in this browser: a person's own
 * arrangement, not part of a shared link. None on the server's render.
 */
export function useShownAttributeColumns(): [string[], (keys: string[]) => void] {
  const stored = React.useSyncExternalStore(subscribe, readShownColumns, () => "[]");
  const keys = React.useMemo(() => {
    try {
      const parsed: unknown = JSON.parse(stored);
      return Array.isArray(parsed) ? parsed.filter((key): key is string => typeof key === "string") : [];
    } catch {
      return [];
    }
  }, [stored]);
  const setKeys = React.useCallback((next: string[]) => {
    chosenHere = JSON.stringify(next);
    try {
      window.localStorage.setItem(COLUMNS_KEY, chosenHere);
    } catch {
      // Refused storage: the choice lasts until the page is reloaded.
    }
    for (const listener of listeners) listener();
  }, []);
  return [keys, setKeys];
}
