import { describe, expect, it } from "vitest";

import { unreportedMessage, type InboxMessage } from "@/lib/inbox/views";

import { reactionsByMessage } from "./reactions";

let sequence = 0;
function reaction(direction: InboxMessage["direction"], messageId: string, emoji: string | undefined, status: InboxMessage["status"] = null): InboxMessage {
  sequence += 1;
  return unreportedMessage({
    id: `id-${sequence}`,
    conversationId: "c",
    wamid: `wamid.reaction.${sequence}`,
    direction,
    type: "reaction",
    content: { reaction: emoji === undefined ? { message_id: messageId } : { message_id: messageId, emoji } },
    sentAt: new Date(Date.UTC(2025, 0, 1, 12, 0, sequence)).toISOString(),
    status: direction === "outbound" ? (status ?? "read") : null,
  });
}

/** Oldest first in the test, newest first as the timeline gets them. */
const newestFirst = (...messages: InboxMessage[]) => [...messages].reverse();

describe("reactionsByMessage", () => {
  it("keeps one reaction per side, the latest", () => {
    const result = reactionsByMessage(
      newestFirst(reaction("outbound", "wamid.A", "👍"), reaction("inbound", "wamid.A", "❤️"), reaction("outbound", "wamid.A", "🙏")),
    );
    expect(result.get("wamid.A")).toEqual({ customer: "❤️", business: "🙏" });
  });

  it("removes a side's reaction on an empty or missing emoji, and forgets a message with none left", () => {
    const result = reactionsByMessage(
      newestFirst(
        reaction("outbound", "wamid.A", "👍"),
        reaction("inbound", "wamid.A", "❤️"),
        reaction("outbound", "wamid.A", ""),
        reaction("inbound", "wamid.B", "😂"),
        reaction("inbound", "wamid.B", undefined),
      ),
    );
    expect(result.get("wamid.A")).toEqual({ customer: "❤️" });
    expect(result.has("wamid.B")).toBe(false);
  });

  it("ignores a reaction WhatsApp refused: the earlier one stays", () => {
    const result = reactionsByMessage(newestFirst(reaction("outbound", "wamid.A", "👍"), reaction("outbound", "wamid.A", "😮", "failed")));
    expect(result.get("wamid.A")).toEqual({ business: "👍" });
  });

  it("skips other messages and reactions without a target", () => {
    const text: InboxMessage = { ...reaction("inbound", "wamid.A", "👍"), type: "text", content: { text: { body: "hi" } } };
    const broken: InboxMessage = { ...reaction("inbound", "", "👍"), content: { reaction: { emoji: "👍" } } };
    expect(reactionsByMessage(newestFirst(text, broken)).size).toBe(0);
  });
});
