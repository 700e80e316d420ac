import { describe, expect, it } from "vitest";

import { shortcutKey } from "./shortcuts";

describe("shortcutKey", () => {
  it("is the character typed on a Latin layout, wherever its key is", () => {
    expect(shortcutKey({ key: "j", code: "KeyJ", shiftKey: false })).toBe("j");
    // AZERTY: "/" is typed with Shift on another key; the character counts, not the place.
    expect(shortcutKey({ key: "/", code: "Period", shiftKey: true })).toBe("/");
    expect(shortcutKey({ key: "?", code: "Slash", shiftKey: true })).toBe("?");
    expect(shortcutKey({ key: "Escape", code: "Escape", shiftKey: false })).toBe("Escape");
  });

  it("is the key's place on an Arabic layout, where the letters are not Latin", () => {
    expect(shortcutKey({ key: "ت", code: "KeyJ", shiftKey: false })).toBe("j");
    expect(shortcutKey({ key: "ن", code: "KeyK", shiftKey: false })).toBe("k");
    expect(shortcutKey({ key: "ظ", code: "Slash", shiftKey: false })).toBe("/");
    expect(shortcutKey({ key: "؟", code: "Slash", shiftKey: true })).toBe("?");
  });

  it("leaves other keys of a non-Latin layout alone", () => {
    expect(shortcutKey({ key: "ش", code: "KeyA", shiftKey: false })).toBe("ش");
  });
});
