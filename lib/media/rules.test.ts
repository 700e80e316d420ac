import { describe, expect, it } from "vitest";

import { checkUpload, expiryOf, isAnimatedWebp, mimeTypeForFile } from "./rules";

const MB = 1024 * 1024;

describe("media library rules", () => {
  it("names the kind's limit and the file's size", () => {
    expect(checkUpload({ name: "a.mp4", mimeType: "video/mp4", size: Math.round(17.2 * MB) })).toEqual({
      ok: false,
      message: "Videos can be at most 16 MB; this file is 17.2 MB.",
    });
    expect(checkUpload({ name: "a.png", mimeType: "image/png", size: 6 * MB })).toMatchObject({ message: "Images can be at most 5 MB; this file is 6 MB." });
    expect(checkUpload({ name: "a.mp4", mimeType: "video/mp4", size: 16 * MB })).toEqual({ ok: true, kind: "video", mimeType: "video/mp4" });
  });

  it("refuses other types, listing what is accepted", () => {
    const result = checkUpload({ name: "a.gif", mimeType: "image/gif", size: 10 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain("WhatsApp does not accept files of type image/gif (a.gif). Accepted: images JPEG or PNG, up to 5 MB; videos MP4 or 3GP, up to 16 MB");
  });

  it("holds static stickers to 100 KB and animated ones to 500 KB", () => {
    expect(checkUpload({ name: "s.webp", mimeType: "image/webp", size: 200 * 1024, animated: false })).toMatchObject({ message: "Static stickers can be at most 100 KB; this file is 200 KB." });
    expect(checkUpload({ name: "s.webp", mimeType: "image/webp", size: 200 * 1024, animated: true })).toMatchObject({ ok: true, kind: "sticker" });
    const head = new Uint8Array(32);
    head.set(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8X"));
    expect(isAnimatedWebp(head)).toBe(false);
    head[20] = 0x02;
    expect(isAnimatedWebp(head)).toBe(true);
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
