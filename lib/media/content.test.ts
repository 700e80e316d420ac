import { describe, expect, it } from "vitest";

import type { Locale } from "@/i18n/locales";

import { checkUploadContent as checkContent } from "./content";
import { HTML_PAGE, tinyPng } from "./test-files";
import { inLanguage } from "@/lib/i18n/test-translate";

const text = (value: string) => new TextEncoder().encode(value);

/** The check, its refusal put into a reader's words (English unless said). */
async function checkUploadContent(declaredMimeType: string, head: Uint8Array, locale: Locale = "en") {
  const check = await checkContent(declaredMimeType, head);
  return check.ok ? check : { ok: false, message: inLanguage(locale, check.message) };
}

describe("an upload's bytes against its declared type", () => {
  it("accepts a real PNG, and refuses an HTML page sent as one, saying what it is", async () => {
    expect(await checkUploadContent("image/png", tinyPng())).toEqual({ ok: true });
    expect(await checkUploadContent("image/png", HTML_PAGE)).toEqual({ ok: false, message: "This file is not a PNG image: its content looks like HTML." });
  });

  it("names a detected format of another kind", async () => {
    expect(await checkUploadContent("image/jpeg", tinyPng())).toEqual({ ok: false, message: "This file is not a JPEG image: its content looks like a PNG image." });
    expect(await checkUploadContent("video/mp4", text("%PDF-1.4\n1 0 obj"))).toEqual({ ok: false, message: "This file is not an MP4 video: its content looks like a PDF document." });
    expect(await checkUploadContent("image/png", text("GIF89a\u0001\u0000\u0001\u0000"))).toEqual({ ok: false, message: "This file is not a PNG image: its content looks like a GIF image." });
  });

  it("says only what it is not when the bytes are of no known kind", async () => {
    expect(await checkUploadContent("image/png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 7, 0, 1, 2]))).toEqual({ ok: false, message: "This file's content is not a PNG image." });
    expect(await checkUploadContent("application/pdf", text("just some words"))).toEqual({ ok: false, message: "This file is not a PDF document: its content looks like text." });
  });

  it("accepts the same container under its related types (an M4A is an MP4 file)", async () => {
    const mp4 = new Uint8Array(64);
    mp4.set([0, 0, 0, 0x18, ...text("ftypisom")]);
    expect(await checkUploadContent("video/mp4", mp4)).toEqual({ ok: true });
    expect(await checkUploadContent("audio/mp4", mp4)).toEqual({ ok: true });
    expect((await checkUploadContent("image/png", mp4)).ok).toBe(false);
  });

  it("takes plain text with no signature and no NUL byte, and refuses binary bytes labelled as text", async () => {
    expect(await checkUploadContent("text/plain", text("Opening hours\nMon–Fri 9–17\n"))).toEqual({ ok: true });
    expect(await checkUploadContent("text/plain", text('<?xml version="1.0"?><menu/>'))).toEqual({ ok: true });
    expect(await checkUploadContent("text/plain", new Uint8Array([0xff, 0xfe, 0x68, 0, 0x69, 0]))).toEqual({ ok: true }); // UTF-16 with its mark
    expect(await checkUploadContent("text/plain", tinyPng())).toEqual({ ok: false, message: "This file is not a text file: its content looks like a PNG image." });
    expect(await checkUploadContent("text/plain", new Uint8Array([0x01, 0x02, 0x00, 0x03]))).toEqual({ ok: false, message: "This file's content is not a text file." });
  });

  it("accepts an Office file whose kind lies beyond the sample as a ZIP, but not a program", async () => {
    const zip = new Uint8Array([0x50, 0x4b, 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 19, 0, 0, 0]);
    expect(await checkUploadContent("application/vnd.openxmlformats-officedocument.wordprocessingml.document", zip)).toEqual({ ok: true });
    expect(await checkUploadContent("application/msword", text("MZ\u0090\u0000\u0003\u0000\u0000\u0000"))).toEqual({
      ok: false,
      message: "This file is not a Word document: its content looks like a Windows program.",
    });
  });

  it("names both kinds in the reader's language, and a type with no name of its own by its MIME type", async () => {
    expect(await checkUploadContent("image/png", HTML_PAGE, "es")).toEqual({ ok: false, message: "Este archivo no es una imagen PNG: su contenido parece HTML." });
    expect(await checkUploadContent("image/jpeg", tinyPng(), "pt-BR")).toEqual({ ok: false, message: "Este arquivo não é uma imagem JPEG: o conteúdo parece uma imagem PNG." });
    expect(await checkUploadContent("text/plain", new Uint8Array([0x01, 0x02, 0x00, 0x03]), "ar")).toEqual({ ok: false, message: "محتوى هذا الملف ليس ملفًا نصيًا." });
    const avi = new Uint8Array(32);
    avi.set([...text("RIFF"), 0, 0, 0, 0, ...text("AVI LIST")]);
    expect(await checkUploadContent("video/mp4", avi)).toEqual({ ok: false, message: "This file is not an MP4 video: its content looks like an AVI video." });
  });
});
