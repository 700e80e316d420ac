import { describe, expect, it } from "vitest";

import type { Locale } from "@/i18n/locales";

import { checkUpload, expiryOf, isAnimatedWebp, limitSummary, mimeTypeForFile, type UploadCheck } from "./rules";
import { formatterIn as formatter, inLanguage as say } from "@/lib/i18n/test-translate";

const MB = 1024 * 1024;
const en = formatter("en");

/** A check's refusal in a language's words (English by default), or the accepted check as it is. */
function inWords(check: UploadCheck, locale: Locale = "en") {
  return check.ok ? check : { ok: false, message: say(locale, check.message) };
}

describe("media library rules", () => {
  it("names the kind's limit and the file's size", () => {
    expect(inWords(checkUpload({ name: "a.mp4", mimeType: "video/mp4", size: Math.round(17.2 * MB) }, en))).toEqual({
      ok: false,
      message: "Videos can be at most 16 MB; this file is 17.2 MB.",
    });
    expect(inWords(checkUpload({ name: "a.png", mimeType: "image/png", size: 6 * MB }, en))).toMatchObject({ message: "Images can be at most 5 MB; this file is 6 MB." });
    expect(checkUpload({ name: "a.mp4", mimeType: "video/mp4", size: 16 * MB }, en)).toEqual({ ok: true, kind: "video", mimeType: "video/mp4" });
  });

  it("refuses other types, listing what is accepted", () => {
    const result = inWords(checkUpload({ name: "a.gif", mimeType: "image/gif", size: 10 }, en));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain("WhatsApp does not accept files of type image/gif (a.gif). Accepted: images JPEG or PNG, up to 5 MB; videos MP4 or 3GP, up to 16 MB");
    const unknown = inWords(checkUpload({ name: "a.bin", mimeType: "application/octet-stream", size: 10 }, en));
    expect(!unknown.ok && unknown.message).toMatch(/^WhatsApp does not accept this type of file \(a\.bin\)\. Accepted: .* stickers WebP, 100 kB \(animated 500 kB\)\.$/);
  });

  it("holds static stickers to 100 KB and animated ones to 500 KB", () => {
    expect(inWords(checkUpload({ name: "s.webp", mimeType: "image/webp", size: 200 * 1024, animated: false }, en))).toMatchObject({
      message: "Static stickers can be at most 100 kB; this file is 200 kB.",
    });
    expect(checkUpload({ name: "s.webp", mimeType: "image/webp", size: 200 * 1024, animated: true }, en)).toMatchObject({ ok: true, kind: "sticker" });
    const head = new Uint8Array(32);
    head.set(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8X"));
    expect(isAnimatedWebp(head)).toBe(false);
    head[20] = 0x02;
    expect(isAnimatedWebp(head)).toBe(true);
  });

  it("writes limits and sizes in the reader's language, numbers and units included", () => {
    expect(say("en", limitSummary("image", en))).toBe("JPEG or PNG, up to 5 MB");
    expect(say("es", limitSummary("sticker", formatter("es")))).toBe("WebP, 100 kB (animadas 500 kB)");
    expect(say("ar", limitSummary("video", formatter("ar")))).toBe(`MP4 أو 3GP، حتى ${formatter("ar").number(16, { style: "unit", unit: "megabyte", unitDisplay: "short" })}`);
    expect(inWords(checkUpload({ name: "a.mp4", mimeType: "video/mp4", size: Math.round(17.2 * MB) }, formatter("es")), "es")).toMatchObject({
      message: "Los vídeos pueden ocupar como máximo 16 MB; este archivo ocupa 17,2 MB.",
    });
    const arabic = inWords(checkUpload({ name: "a.png", mimeType: "image/png", size: 6 * MB }, formatter("ar")), "ar");
    expect(arabic).toMatchObject({ message: expect.stringContaining("الصور") });
    // The sizes are the Arabic formatter's own (digits and unit), not the English "5 MB".
    expect(!arabic.ok && arabic.message).toContain(formatter("ar").number(5, { style: "unit", unit: "megabyte", unitDisplay: "short" }));
    expect(!arabic.ok && arabic.message).not.toContain("MB");
  });

  it("guesses the type from the extension when the browser gives none", () => {
    expect(mimeTypeForFile({ name: "voice.AMR", type: "" })).toBe("audio/amr");
    expect(mimeTypeForFile({ name: "clip.3gp", type: "" })).toBe("video/3gpp");
    expect(mimeTypeForFile({ name: "x.bin", type: "" })).toBe("application/octet-stream");
    expect(mimeTypeForFile({ name: "v.ogg", type: "audio/ogg; codecs=opus" })).toBe("audio/ogg");
  });

  it("counts the days left of a 30-day id, warning under 3", () => {
    const now = new Date("2025-03-10T12:00:00Z");
    expect(expiryOf("2025-04-09T12:00:00Z", now)).toEqual({ state: "ok", daysLeft: 30 });
    expect(expiryOf("2025-03-12T11:00:00Z", now)).toEqual({ state: "soon", daysLeft: 2 });
    expect(expiryOf("2025-03-10T11:00:00Z", now)).toEqual({ state: "expired" });
  });
});
