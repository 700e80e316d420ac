"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import type { Formatter } from "@/lib/i18n/format";
import type { Translate } from "@/lib/i18n/translatable";
import type { ConversationListPage } from "@/lib/inbox/views";
import { customerHandles, customerLabel } from "@/lib/inbox/customer-label";
import { checkUpload, isAnimatedWebp, mimeTypeForFile, type UploadCheck } from "@/lib/media/rules";
import type { InboundMediaView, LibraryMediaView, ProblemAnswer, UploadAnswer } from "@/lib/media/types";
import { queryKeys } from "@/lib/query-keys";

import { useTranslate } from "@/components/i18n/use-translate";

/** A route's JSON; its refusal's message (already in the reader's words) as the error. */
async function getJson<T>(url: string, t: Translate): Promise<T> {
  const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ProblemAnswer | null;
    throw new Error(body?.error?.message ?? t("media.transport.serverAnswered", { status: response.status }));
  }
  return (await response.json()) as T;
}

export function useLibraryMedia(phoneNumberId: string, initialData?: LibraryMediaView[]) {
  const t = useTranslate();
  return useQuery({
    queryKey: queryKeys.media.library(phoneNumberId),
    queryFn: async () => (await getJson<{ media: LibraryMediaView[] }>(`/api/media/library?phoneNumberId=${encodeURIComponent(phoneNumberId)}`, t)).media,
    initialData,
    staleTime: 10_000,
  });
}

export function useInboundMedia(phoneNumberId: string, enabled: boolean) {
  const t = useTranslate();
  return useQuery({
    queryKey: queryKeys.media.inbound(phoneNumberId),
    queryFn: async () => (await getJson<{ media: InboundMediaView[] }>(`/api/media/inbound?phoneNumberId=${encodeURIComponent(phoneNumberId)}`, t)).media,
    enabled,
    staleTime: 10_000,
  });
}

export interface ConversationChoice {
  id: string;
  /** What the inbox calls the customer (`customerLabel`). */
  name: string;
  /** Their @username and +number, each when known and not already the name; never the key shown as a number. */
  handles: string[];
  waId: string;
  lastInboundAt: string | null;
}

/** Recent conversations of a number, to send a file to. */
export function useConversationChoices(phoneNumberId: string, q: string, enabled: boolean) {
  const t = useTranslate();
  const common = useTranslations("common");
  return useQuery({
    queryKey: queryKeys.media.conversationChoices(phoneNumberId, q),
    queryFn: async () => {
      const params = new URLSearchParams({ assignee: "all", status: "all", window: "all", number: phoneNumberId, limit: "20" });
      if (q) params.set("q", q);
      const page = await getJson<ConversationListPage>(`/api/inbox/conversations?${params}`, t);
      return page.conversations.map((conversation): ConversationChoice => {
        const name = customerLabel(conversation, common);
        return {
          id: conversation.id,
          waId: conversation.waId,
          name,
          handles: customerHandles(conversation).filter((handle) => handle !== name),
          lastInboundAt: conversation.lastInboundAt,
        };
      });
    },
    enabled,
  });
}

/**
 * WhatsApp's type and size limits for a file the person picked, checked in the browser before any
 * byte is sent. A WebP's first bytes tell a static sticker (100 KB) from an animated one (500 KB).
 * `format` (the reader's `useFormatter()`) writes the sizes a refusal names.
 */
export async function checkFileForUpload(file: File, format: Formatter): Promise<UploadCheck> {
  const mimeType = mimeTypeForFile(file);
  const animated = mimeType === "image/webp" ? isAnimatedWebp(new Uint8Array(await file.slice(0, 32).arrayBuffer())) : undefined;
  return checkUpload({ name: file.name, mimeType, size: file.size, animated }, format);
}

/**
 * Uploads one file as the raw request body, so the server can stream it; reports progress from
 * XMLHttpRequest's upload events. Resolves with the server's answer or rejects with its message
 * (the server's, in the reader's words already; else one of ours, through `t`).
 */
export function uploadFile(
  file: File,
  options: { phoneNumberId: string; mimeType: string; onProgress: (loaded: number, total: number) => void; signal?: AbortSignal; t: Translate },
): Promise<UploadAnswer> {
  const { t } = options;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/media/upload?phoneNumberId=${encodeURIComponent(options.phoneNumberId)}`);
    xhr.setRequestHeader("Content-Type", options.mimeType);
    xhr.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress(event.loaded, event.total);
    };
    xhr.onload = () => {
      const body = xhr.response as UploadAnswer | ProblemAnswer | null;
      if (xhr.status >= 200 && xhr.status < 300 && body && "media" in body) resolve(body);
      else reject(new Error(body && "error" in body ? body.error.message : t("media.transport.uploadFailedStatus", { status: xhr.status })));
    };
    xhr.onerror = () => reject(new Error(t("media.transport.connectionLost")));
    xhr.onabort = () => reject(new Error(t("media.transport.cancelled")));
    options.signal?.addEventListener("abort", () => xhr.abort());
    xhr.send(file);
  });
}
