/**
 * The Send media dialog's upload, as plain state: one file at a time, from picked to ready to send.
 * No React here, so the steps are unit-tested on their own.
 */
import { formatFileSize, type Formatter } from "@/lib/i18n/format";
import { translateMessage, type Translatable, type Translate } from "@/lib/i18n/translatable";

export interface PickedFile {
  name: string;
  size: number;
}

/** A file of the media library, as the dialog needs it to send. */
export interface AttachableMedia {
  id: string;
  kind: string;
  fileName: string;
}

export type AttachUpload =
  | { state: "idle" }
  /** `percent` of the bytes sent to the dashboard; at 100 the dashboard is passing the file on to WhatsApp. */
  | { state: "uploading"; file: PickedFile; percent: number }
  | { state: "ready"; file: PickedFile; media: AttachableMedia; reused: boolean }
  /** Refused by the browser's check or by the server, or lost on the way: `message` says which limit or what happened. */
  | { state: "problem"; file: PickedFile; message: Translatable | string };

export type AttachUploadEvent =
  | { type: "start"; file: PickedFile }
  | { type: "progress"; loaded: number; total: number }
  | { type: "uploaded"; media: AttachableMedia; reused: boolean }
  | { type: "refused"; file: PickedFile; message: Translatable | string }
  | { type: "clear" };

export const NO_UPLOAD: AttachUpload = { state: "idle" };

export function attachUploadReducer(current: AttachUpload, event: AttachUploadEvent): AttachUpload {
  switch (event.type) {
    case "start":
      return { state: "uploading", file: event.file, percent: 0 };
    case "progress":
      if (current.state !== "uploading" || event.total <= 0) return current;
      // Never backwards, and never past 100 whatever the browser reports.
      return { ...current, percent: Math.max(current.percent, Math.min(100, Math.round((event.loaded / event.total) * 100))) };
    case "uploaded":
      return current.state === "uploading" ? { state: "ready", file: current.file, media: event.media, reused: event.reused } : current;
    case "refused":
      return { state: "problem", file: event.file, message: event.message };
    case "clear":
      return NO_UPLOAD;
  }
}

/** The line under the file while it uploads or once it is ready, in the reader's words (`t`: the whole catalog's translator). */
export function uploadStatusText(upload: AttachUpload, t: Translate, format: Formatter): string {
  switch (upload.state) {
    case "idle":
      return "";
    case "uploading":
      return upload.percent >= 100
        ? t("media.attach.processing")
        : t("media.attach.uploading", { percent: format.number(upload.percent / 100, { style: "percent" }) });
    case "ready":
      return t(upload.reused ? "media.attach.reused" : "media.attach.uploaded", { size: formatFileSize(format, upload.file.size) });
    case "problem":
      return translateMessage(t, upload.message);
  }
}

/** Sending waits for the upload: nothing goes out while a file is on its way or after it failed with no other file picked. */
export function uploadBlocksSending(upload: AttachUpload, mediaId: string): boolean {
  if (upload.state === "uploading") return true;
  return upload.state === "problem" && mediaId.trim() === "";
}

/** The dialog's fields for a library file: its id and kind, and for a document its file name (what the customer sees). */
export function attachFieldsFor(media: AttachableMedia): Record<string, string> {
  return { mediaId: media.id, mediaKind: media.kind, filename: media.kind === "document" ? media.fileName : "" };
}

/** Kinds WhatsApp sends with a caption; audio and stickers go without. */
export function kindTakesCaption(kind: string | undefined): boolean {
  return kind === undefined || kind === "image" || kind === "video" || kind === "document";
}
