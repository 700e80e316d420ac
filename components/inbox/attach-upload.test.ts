import { describe, expect, it } from "vitest";

import type { Locale } from "@/i18n/locales";
import { message } from "@/lib/i18n/translatable";
import { formatterIn, translatorIn } from "@/lib/i18n/test-translate";

import { attachFieldsFor, attachUploadReducer, kindTakesCaption, NO_UPLOAD, uploadBlocksSending, uploadStatusText, type AttachUpload } from "./attach-upload";

const file = { name: "logo.png", size: 12 * 1024 };
const media = { id: "1480000000000042", kind: "image", fileName: "logo.png" };

function run(...events: Parameters<typeof attachUploadReducer>[1][]): AttachUpload {
  return events.reduce(attachUploadReducer, NO_UPLOAD);
}

/** The status line as a reader of `locale` sees it. */
const statusIn = (upload: AttachUpload, locale: Locale = "en") => uploadStatusText(upload, translatorIn(locale), formatterIn(locale));

describe("the Send media dialog's upload", () => {
  it("goes from picked to uploading to ready, with the progress in whole percents that never go back", () => {
    expect(run({ type: "start", file })).toEqual({ state: "uploading", file, percent: 0 });
    expect(run({ type: "start", file }, { type: "progress", loaded: 1, total: 3 })).toMatchObject({ percent: 33 });
    expect(run({ type: "start", file }, { type: "progress", loaded: 2, total: 3 }, { type: "progress", loaded: 1, total: 3 })).toMatchObject({ percent: 67 });
    expect(run({ type: "start", file }, { type: "progress", loaded: 5, total: 3 })).toMatchObject({ percent: 100 });
    expect(run({ type: "start", file }, { type: "progress", loaded: 3, total: 3 }, { type: "uploaded", media, reused: false })).toEqual({
      state: "ready",
      file,
      media,
      reused: false,
    });
  });

  it("ignores progress and answers that arrive after the upload was removed", () => {
    expect(run({ type: "start", file }, { type: "clear" }, { type: "progress", loaded: 1, total: 2 })).toEqual(NO_UPLOAD);
    expect(run({ type: "start", file }, { type: "clear" }, { type: "uploaded", media, reused: false })).toEqual(NO_UPLOAD);
  });

  it("keeps the refusal's message, whether the browser or the server refused", () => {
    const refused = run({ type: "refused", file, message: "Images can be at most 5 MB; this file is 6 MB." });
    expect(refused).toEqual({ state: "problem", file, message: "Images can be at most 5 MB; this file is 6 MB." });
    expect(statusIn(refused)).toBe("Images can be at most 5 MB; this file is 6 MB.");
    // The browser's own refusal travels as a catalog message, put into words where it is shown.
    const checked = run({ type: "refused", file, message: message("media.check.empty", { name: "logo.png" }) });
    expect(statusIn(checked)).toBe("logo.png is empty.");
    expect(run({ type: "start", file }, { type: "refused", file, message: "Forbidden" })).toMatchObject({ state: "problem", message: "Forbidden" });
  });

  it("says what is happening: the percent, then WhatsApp's turn, then where the file went", () => {
    expect(statusIn(run({ type: "start", file }, { type: "progress", loaded: 1, total: 4 }))).toBe("Uploading… 25%");
    expect(statusIn(run({ type: "start", file }, { type: "progress", loaded: 4, total: 4 }))).toBe("Sending to WhatsApp…");
    expect(statusIn(run({ type: "start", file }, { type: "uploaded", media, reused: false }))).toBe("12 kB · uploaded and added to the media library");
    expect(statusIn(run({ type: "start", file }, { type: "uploaded", media, reused: true }))).toBe("12 kB · already in the media library, reused");
  });

  it("says it in the reader's language, with their number and size formats", () => {
    const big = { name: "catalogo.pdf", size: 1.5 * 1024 * 1024 };
    expect(statusIn(run({ type: "start", file: big }, { type: "uploaded", media, reused: false }), "es")).toBe("1,5 MB · subido y añadido a la biblioteca multimedia");
    expect(statusIn(run({ type: "start", file }, { type: "progress", loaded: 1, total: 4 }), "es")).toBe("Subiendo… 25\u00a0%");
    const arabic = statusIn(run({ type: "start", file }, { type: "uploaded", media, reused: true }), "ar");
    expect(arabic).toContain(formatterIn("ar").number(12, { style: "unit", unit: "kilobyte", unitDisplay: "short" }));
    expect(arabic).toContain("مكتبة الوسائط");
  });

  it("holds Send until the upload has its media id", () => {
    expect(uploadBlocksSending(NO_UPLOAD, "")).toBe(false);
    expect(uploadBlocksSending(run({ type: "start", file }), "")).toBe(true);
    expect(uploadBlocksSending(run({ type: "start", file }, { type: "progress", loaded: 1, total: 1 }), "123")).toBe(true);
    expect(uploadBlocksSending(run({ type: "start", file }, { type: "uploaded", media, reused: false }), media.id)).toBe(false);
    expect(uploadBlocksSending(run({ type: "refused", file, message: "No" }), "")).toBe(true);
    // After a refusal the agent may still pick a library file or type an id.
    expect(uploadBlocksSending(run({ type: "refused", file, message: "No" }), "1480000000000001")).toBe(false);
  });

  it("keeps a document's file name and clears it for other kinds", () => {
    expect(attachFieldsFor(media)).toEqual({ mediaId: media.id, mediaKind: "image", filename: "" });
    expect(attachFieldsFor({ id: "77", kind: "document", fileName: "price-list.pdf" })).toEqual({ mediaId: "77", mediaKind: "document", filename: "price-list.pdf" });
  });

  it("offers a caption for images, videos and documents only", () => {
    expect(["image", "video", "document", "audio", "sticker"].filter(kindTakesCaption)).toEqual(["image", "video", "document"]);
    expect(kindTakesCaption(undefined)).toBe(true);
  });
});
