import { describe, expect, it } from "vitest";

import { matchingTeammates, mentionQueryAt, mentionsInText } from "./mention-picker";
import { noteSegments } from "./note-bubble";

const agents = [
  { id: "a", name: "Alex Agent", email: "agent@demo.test", availability: "available" as const },
  { id: "b", name: "Sam Lee", email: "sam@demo.test", availability: "available" as const },
  { id: "me", name: "Mia Me", email: "me@demo.test", availability: "available" as const },
];

describe("mentions in a note", () => {
  it("finds the @ being typed before the caret, names with spaces included, and nothing after an email-like @", () => {
    expect(mentionQueryAt("Hi @Sam L", 9)).toEqual({ start: 3, query: "Sam L" });
    expect(mentionQueryAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionQueryAt("mail me at x@y", 14)).toBeUndefined();
    expect(mentionQueryAt("no mention", 10)).toBeUndefined();
    // A picked mention ends with a space: the list does not open again on it.
    expect(mentionQueryAt("Ask @Sam Lee ", 13)).toBeUndefined();
  });

  it("matches teammates by a word of their name or their email, leaving the writer out", () => {
    expect(matchingTeammates(agents, "lee", "me").map((agent) => agent.id)).toEqual(["b"]);
    expect(matchingTeammates(agents, "", "me").map((agent) => agent.id)).toEqual(["a", "b"]);
    expect(matchingTeammates(agents, "mia", "me")).toEqual([]);
  });

  it("keeps only the mentions still written in the text, once each", () => {
    const picked = [{ id: "a", name: "Alex Agent" }, { id: "b", name: "Sam Lee" }, { id: "a", name: "Alex Agent" }];
    expect(mentionsInText("@Alex Agent please", picked)).toEqual([{ id: "a", name: "Alex Agent" }]);
  });

  it("marks each mentioned name in a note's text, the longest name first", () => {
    expect(noteSegments("Ask @Sam Lee and @Sam", [{ name: "Sam" }, { name: "Sam Lee" }])).toEqual([
      { text: "Ask ", mention: false },
      { text: "@Sam Lee", mention: true },
      { text: " and ", mention: false },
      { text: "@Sam", mention: true },
    ]);
  });
});
