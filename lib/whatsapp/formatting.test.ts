import { describe, expect, it } from "vitest";

import { characterCount, parseWhatsAppText } from "./formatting";

describe("parseWhatsAppText", () => {
  it("keeps plain text as one text node", () => {
    expect(parseWhatsAppText("Hello there")).toEqual([{ kind: "text", text: "Hello there" }]);
  });

  it("parses bold, italic and strike, nested", () => {
    expect(parseWhatsAppText("a *bold _and italic_* ~gone~")).toEqual([
      { kind: "text", text: "a " },
      { kind: "bold", children: [{ kind: "text", text: "bold " }, { kind: "italic", children: [{ kind: "text", text: "and italic" }] }] },
      { kind: "text", text: " " },
      { kind: "strike", children: [{ kind: "text", text: "gone" }] },
    ]);
  });

  it("leaves markers inside words and around spaces alone", () => {
    expect(parseWhatsAppText("2*3*4 and snake_case_name and * not bold *")).toEqual([
      { kind: "text", text: "2*3*4 and snake_case_name and * not bold *" },
    ]);
  });

  it("keeps monospace literal, formatting markers included", () => {
    expect(parseWhatsAppText("run ```npm *install*``` now")).toEqual([
      { kind: "text", text: "run " },
      { kind: "mono", text: "npm *install*" },
      { kind: "text", text: " now" },
    ]);
  });

  it("finds links without the sentence's punctuation", () => {
    expect(parseWhatsAppText("See https://example.com/a?b=1. Or www.example.org!")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "https://example.com/a?b=1", href: "https://example.com/a?b=1" },
      { kind: "text", text: ". Or " },
      { kind: "link", text: "www.example.org", href: "https://www.example.org" },
      { kind: "text", text: "!" },
    ]);
  });

  it("never turns markup into anything but text", () => {
    const nodes = parseWhatsAppText("<script>alert(1)</script> <img src=x onerror=alert(1)>");
    expect(nodes).toEqual([{ kind: "text", text: "<script>alert(1)</script> <img src=x onerror=alert(1)>" }]);
  });

  it("does not treat javascript: as a link", () => {
    expect(parseWhatsAppText("javascript:alert(1)")).toEqual([{ kind: "text", text: "javascript:alert(1)" }]);
  });
});

describe("characterCount", () => {
  it("counts an emoji as one character, like WhatsApp", () => {
    expect(characterCount("hi 👋")).toBe(4);
    expect("hi 👋".length).toBe(5);
  });
});
