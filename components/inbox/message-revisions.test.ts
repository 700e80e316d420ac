import { describe, expect, it } from "vitest";

import { earlierVersions, orphanEditText, versionText } from "./message-revisions";

const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute)).toISOString();
const textContent = (body: string) => ({ text: { body } });

describe("earlierVersions", () => {
  it("lists what an edited message said before, each with when it was written", () => {
    const message = {
      type: "text",
      content: textContent("See you at 11"),
      sentAt: at(0),
      revokedAt: null,
      revisions: [
        { wamid: "wamid.edit2", at: at(7), content: textContent("See you at 10") },
        { wamid: "wamid.edit1", at: at(3), content: textContent("See you at 9") },
      ],
    };
    expect(earlierVersions(message)).toEqual([
      { writtenAt: at(0), text: "See you at 9" },
      { writtenAt: at(3), text: "See you at 10" },
    ]);
  });

  it("leaves out the copy a deletion kept of the last version", () => {
    const message = {
      type: "text",
      content: textContent("See you at 10"),
      sentAt: at(0),
      revokedAt: at(9),
      revisions: [
        { wamid: "wamid.edit", at: at(3), content: textContent("See you at 9") },
        { wamid: "wamid.revoke", at: at(9), content: textContent("See you at 10") },
      ],
    };
    expect(earlierVersions(message)).toEqual([{ writtenAt: at(0), text: "See you at 9" }]);
  });

  it("reads a caption when the message is media", () => {
    const message = {
      type: "image",
      content: { image: { id: "m1", caption: "Blue mug" } },
      sentAt: at(0),
      revokedAt: null,
      revisions: [{ wamid: "wamid.edit", at: at(2), content: { image: { id: "m1", caption: "Blu mug" } } }],
    };
    expect(earlierVersions(message)).toEqual([{ writtenAt: at(0), text: "Blu mug" }]);
  });

  it("is empty when nothing was kept", () => {
    expect(earlierVersions({ type: "text", content: textContent("Hi"), sentAt: at(0), revokedAt: null, revisions: null })).toEqual([]);
  });
});

describe("versionText", () => {
  it("is the text's body or the caption", () => {
    expect(versionText("text", textContent("Hello"))).toBe("Hello");
    expect(versionText("video", { video: { caption: "Unboxing" } })).toBe("Unboxing");
    expect(versionText("sticker", { sticker: { id: "s" } })).toBe("");
  });
});

describe("orphanEditText", () => {
  it("reads the new text of an edit whose message is not in the inbox", () => {
    expect(orphanEditText({ edit: { original_message_id: "wamid.old", message: { type: "text", text: { body: "Actually, two bags" } } } })).toBe("Actually, two bags");
    expect(orphanEditText({ edit: { original_message_id: "wamid.old", message: { type: "image", image: { caption: "New caption" } } } })).toBe("New caption");
    expect(orphanEditText({ edit: { original_message_id: "wamid.old" } })).toBe("");
  });
});
