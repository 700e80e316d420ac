"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useEffect, useRef, useState } from "react";

import { readActionResult } from "@/lib/action-result";
import { uploadTemplateHeaderSampleAction } from "@/lib/actions/templates";
import { MEDIA_HEADER_FORMATS, checkHeaderSample, type MediaHeaderFormat, type SizeWriter } from "@/lib/actions/templates.schema";
import { formatFileSize } from "@/lib/i18n/format";

/** The sample picked in this editor session: for the preview (an image's object URL) and the status line. */
export interface HeaderSample {
  format: MediaHeaderFormat;
  fileName: string;
  size: number;
  /** An object URL of the picked image; null for videos and documents. */
  url: string | null;
}

export const isMediaHeaderFormat = (format: string): format is MediaHeaderFormat => (MEDIA_HEADER_FORMATS as readonly string[]).includes(format);

/** Sizes written the reader's way ("960 kB"), for the sample rules. */
export function useSizeWriter(): SizeWriter {
  const format = useFormatter();
  return (bytes) => formatFileSize(format, bytes);
}

/**
 * Picks a media header's sample: checks it in the browser (type, size: nothing is sent when it fails),
 * uploads it through the action (Meta's Resumable Upload API on the server), then hands the handle to
 * `onHandle`. The picked image stays available as an object URL for the preview until replaced.
 */
export function useHeaderSampleUpload({ wabaId, onHandle }: { wabaId: string; onHandle: (format: MediaHeaderFormat, handle: string) => boolean }) {
  const [sample, setSample] = useState<HeaderSample | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const objectUrl = useRef<string | null>(null);
  const upload = useAction(uploadTemplateHeaderSampleAction);
  const t = useTranslations("templates.sample");
  const tAll = useTranslations();
  const size = useSizeWriter();

  const replaceUrl = (url: string | null) => {
    if (objectUrl.current) URL.revokeObjectURL(objectUrl.current);
    objectUrl.current = url;
  };
  useEffect(() => () => {
    if (objectUrl.current) URL.revokeObjectURL(objectUrl.current);
  }, []);

  /** Resolves true when the file was uploaded and its handle taken. */
  const pick = async (format: MediaHeaderFormat, file: File): Promise<boolean> => {
    setError(null);
    const check = checkHeaderSample(format, { type: file.type, size: file.size }, size);
    if (!check.ok) {
      setError(tAll(check.reason.key, check.reason.values));
      return false;
    }
    const form = new FormData();
    form.set("wabaId", wabaId);
    form.set("format", format);
    form.set("file", file, file.name);
    setUploading(file.name);
    try {
      const uploaded = readActionResult(await upload.executeAsync(form), t("uploadFailedRetry"));
      if (!uploaded.ok) {
        setError(uploaded.code === "VALIDATION" ? t("unreadable") : uploaded.message);
        return false;
      }
      const { handle } = uploaded.data;
      // The header type changed while the file was on its way: this sample no longer belongs.
      if (!onHandle(format, handle)) return false;
      const url = format === "IMAGE" ? URL.createObjectURL(file) : null;
      replaceUrl(url);
      setSample({ format, fileName: file.name, size: file.size, url });
      return true;
    } catch {
      setError(t("connectionFailed"));
      return false;
    } finally {
      setUploading(null);
    }
  };

  const clear = () => {
    replaceUrl(null);
    setSample(null);
    setError(null);
  };

  return { sample, error, uploading, pending: uploading !== null, pick, clear };
}
