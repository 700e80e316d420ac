"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import type { AttributeDefinitionView, ContactImportView } from "@/lib/contacts/views";
import { queryKeys } from "@/lib/query-keys";
import { RouteError, getRouteJson } from "@/components/data/route-json";

/**
 * The largest file the import accepts (the server refuses more with 413): checked in the browser
 * first, so a file too big never starts uploading.
 */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

/** What the file input offers; the server checks the content again. */
export const IMPORT_ACCEPT = ".csv,text/csv";

/** A failed read in words: the route's own message, else its status; anything else as no answer. */
export function useImportErrorText(): (error: Error) => string {
  const t = useTranslations("contacts.importer.errors");
  return (error) => {
    if (!(error instanceof RouteError)) return t("noAnswer");
    return error.serverMessage ?? t("serverAnswered", { status: error.status });
  };
}

// A missing import stays missing: asking again only delays the message.
const retryUnlessMissing = (count: number, error: Error) => !(error instanceof RouteError && error.status === 404) && count < 2;

/**
 * The latest imports, newest first. Kept fresh by the live `contact_import.updated` events (and a
 * refresh of every contacts query when the live stream reconnects), so it never polls.
 */
export function useImports() {
  return useQuery({
    queryKey: queryKeys.contacts.imports(),
    queryFn: () => getRouteJson<ContactImportView[]>("/api/contacts/imports"),
  });
}

/**
 * One import, as the server has it now: its status, mapping and counters. A running import's
 * counters move with each committed batch, announced by `contact_import.updated`; the page needs
 * nothing else to follow it, and a reload reads the same state from the server.
 */
export function useImport(importId: string) {
  return useQuery({
    queryKey: queryKeys.contacts.import(importId),
    queryFn: () => getRouteJson<ContactImportView>(`/api/contacts/imports/${encodeURIComponent(importId)}`),
    retry: retryUnlessMissing,
  });
}

/** The custom attributes a column may be mapped to (the same query the contact screens share). */
export function useImportAttributes() {
  return useQuery({
    queryKey: queryKeys.contacts.attributes(),
    queryFn: () => getRouteJson<AttributeDefinitionView[]>("/api/contacts/attributes"),
    staleTime: 60_000,
  });
}

/** Where an import's rejected rows are downloaded as CSV (the original columns, with the row and the reason). */
export function rejectsUrl(importId: string): string {
  return `/api/contacts/imports/${encodeURIComponent(importId)}/rejects`;
}

export type FileRefusal = { kind: "tooBig"; maximum: number } | { kind: "notCsv" } | { kind: "empty" };

/** Why a picked file cannot be imported, found before any byte is sent; undefined when it may go. */
export function refuseImportFile(file: { name: string; size: number; type: string }): FileRefusal | undefined {
  const csvByName = /\.csv$/i.test(file.name);
  const csvByType = file.type === "text/csv" || file.type === "application/vnd.ms-excel";
  if (!csvByName && !csvByType) return { kind: "notCsv" };
  if (file.size === 0) return { kind: "empty" };
  if (file.size > IMPORT_MAX_BYTES) return { kind: "tooBig", maximum: IMPORT_MAX_BYTES };
  return undefined;
}

/** The browser's own words for what can go wrong while sending, in the reader's language. */
export interface UploadWords {
  failedStatus: (status: number) => string;
  connectionLost: string;
  cancelled: string;
}

/**
 * Sends one CSV as the multipart field `file`, reporting progress from XMLHttpRequest's upload
 * events (fetch reports none). Resolves with the import the server created (status "uploaded"), or
 * rejects with the server's message, already in the reader's words, else one of `words`.
 */
export function uploadImportFile(
  file: File,
  options: { onProgress: (loaded: number, total: number) => void; signal?: AbortSignal; words: UploadWords },
): Promise<ContactImportView> {
  const { words } = options;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/contacts/imports");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress(event.loaded, event.total);
    };
    xhr.onload = () => {
      const body = xhr.response as (ContactImportView & { error?: { message?: string } }) | null;
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body.id === "string") resolve(body);
      else reject(new RouteError(body?.error?.message ?? words.failedStatus(xhr.status), xhr.status));
    };
    xhr.onerror = () => reject(new Error(words.connectionLost));
    xhr.onabort = () => reject(new Error(words.cancelled));
    options.signal?.addEventListener("abort", () => xhr.abort());
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
}
