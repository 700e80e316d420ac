import { describe, expect, it } from "vitest";

import { formatterIn, inLanguage } from "@/lib/i18n/test-translate";

import { checkMediaFile, mediaKindForMimeType } from "./media";
import { businessProfileUpdateSchema } from "./profile";

describe("media rules", () => {
  it("finds the kind from the MIME type", () => {
    expect(mediaKindForMimeType("image/jpeg")).toBe("image");
    expect(mediaKindForMimeType("audio/ogg; codecs=opus")).toBe("audio");
    expect(mediaKindForMimeType("application/pdf")).toBe("document");
    expect(mediaKindForMimeType("image/webp")).toBe("sticker");
    expect(mediaKindForMimeType("image/gif")).toBeUndefined();
  });

  it("checks sizes per kind", () => {
    expect(checkMediaFile({ mimeType: "image/png", size: 5 * 1024 * 1024 })).toEqual({ ok: true, kind: "image" });
    const tooLarge = checkMediaFile({ mimeType: "image/png", size: 5 * 1024 * 1024 + 1 });
    expect(!tooLarge.ok && inLanguage("en", tooLarge.reason)).toBe("an image may be at most 5 MB (this file is 5 MB)");
    expect(checkMediaFile({ mimeType: "video/mp4", size: 17 * 1024 * 1024 }).ok).toBe(false);
    expect(checkMediaFile({ mimeType: "image/png", size: 10, kind: "document" }).ok).toBe(false);
    expect(checkMediaFile({ mimeType: "text/plain", size: 0 }).ok).toBe(false);
  });

  it("gives its reasons in the reader's language, sizes written their way", () => {
    const spanish = checkMediaFile({ mimeType: "video/mp4", size: 17.5 * 1024 * 1024 }, formatterIn("es"));
    expect(!spanish.ok && inLanguage("es", spanish.reason)).toBe("un vídeo puede ocupar como máximo 16 MB (este archivo ocupa 17,5 MB)");
    const arabicSizes = formatterIn("ar");
    const arabic = checkMediaFile({ mimeType: "image/gif", size: 10 }, arabicSizes);
    expect(!arabic.ok && inLanguage("ar", arabic.reason)).toContain("image/gif");
    const empty = checkMediaFile({ mimeType: "text/plain", size: 0 }, arabicSizes);
    expect(!empty.ok && inLanguage("ar", empty.reason)).toBe("الملف فارغ");
  });
});

describe("business profile update", () => {
  it("enforces Graph's limits", () => {
    expect(businessProfileUpdateSchema.safeParse({ about: "We sell shoes", websites: ["https://a.example"], vertical: "RETAIL" }).success).toBe(true);
    expect(businessProfileUpdateSchema.safeParse({ about: "x".repeat(140) }).success).toBe(false);
    expect(businessProfileUpdateSchema.safeParse({ websites: ["a.example"] }).success).toBe(false);
    expect(businessProfileUpdateSchema.safeParse({ websites: ["https://a", "https://b", "https://c"] }).success).toBe(false);
    expect(businessProfileUpdateSchema.safeParse({ email: "not-an-email" }).success).toBe(false);
    expect(businessProfileUpdateSchema.safeParse({ vertical: "SHOES" }).success).toBe(false);
  });
});
