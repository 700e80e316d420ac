import { describe, expect, it } from "vitest";

import { openConversationOf, shouldNotify, titleWithCount, type NotifyCandidate, type NotifyContext } from "./should-notify";

const ME = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";
const CONVERSATION = "33333333-3333-4333-8333-333333333333";
const SINCE = Date.parse("2026-03-01T10:00:00Z");

const context = (change: Partial<NotifyContext> = {}): NotifyContext => ({
  enabled: true,
  permission: "granted",
  userId: ME,
  openConversationId: null,
  tabVisible: true,
  ...change,
});

const message = (change: Partial<Extract<NotifyCandidate, { kind: "message" }>> = {}): NotifyCandidate => ({
  kind: "message",
  conversationId: CONVERSATION,
  assigneeId: null,
  lastInboundAt: "2026-03-01T10:05:00Z",
  alreadyNotifiedInboundAt: null,
  since: SINCE,
  ...change,
});

describe("shouldNotify", () => {
  it("tells of a customer's new message in an unassigned conversation or one assigned to the reader", () => {
    expect(shouldNotify(message(), context())).toBe(true);
    expect(shouldNotify(message({ assigneeId: ME }), context())).toBe(true);
  });

  it("keeps quiet about a conversation assigned to someone else", () => {
    expect(shouldNotify(message({ assigneeId: OTHER }), context())).toBe(false);
  });

  it("needs the reader's setting and the browser's permission", () => {
    expect(shouldNotify(message(), context({ enabled: false }))).toBe(false);
    expect(shouldNotify(message(), context({ permission: "default" }))).toBe(false);
    expect(shouldNotify(message(), context({ permission: "denied" }))).toBe(false);
    expect(shouldNotify(message(), context({ permission: "unsupported" }))).toBe(false);
  });

  it("does not tell of the conversation on screen, but does when the tab is hidden or another one is open", () => {
    expect(shouldNotify(message(), context({ openConversationId: CONVERSATION }))).toBe(false);
    expect(shouldNotify(message(), context({ openConversationId: CONVERSATION, tabVisible: false }))).toBe(true);
    expect(shouldNotify(message(), context({ openConversationId: OTHER }))).toBe(true);
  });

  it("tells of an inbound message once, and not of our own messages (the customer's last message unchanged or old)", () => {
    expect(shouldNotify(message({ alreadyNotifiedInboundAt: "2026-03-01T10:05:00Z" }), context())).toBe(false);
    expect(shouldNotify(message({ alreadyNotifiedInboundAt: "2026-03-01T10:01:00Z" }), context())).toBe(true);
    expect(shouldNotify(message({ lastInboundAt: "2026-03-01T09:59:59Z" }), context())).toBe(false);
    expect(shouldNotify(message({ lastInboundAt: null }), context())).toBe(false);
  });

  it("tells of mentions and assignments, whoever the conversation is assigned to, except on screen", () => {
    const mention: NotifyCandidate = { kind: "notification", conversationId: CONVERSATION, notificationId: "n1" };
    expect(shouldNotify(mention, context())).toBe(true);
    expect(shouldNotify(mention, context({ openConversationId: CONVERSATION }))).toBe(false);
    expect(shouldNotify({ ...mention, notificationId: null }, context())).toBe(false);
    expect(shouldNotify(mention, context({ permission: "denied" }))).toBe(false);
  });
});

describe("openConversationOf", () => {
  it("reads the conversation of an inbox path", () => {
    expect(openConversationOf(`/inbox/${CONVERSATION}`)).toBe(CONVERSATION);
    expect(openConversationOf(`/inbox/${CONVERSATION}/`)).toBe(CONVERSATION);
    expect(openConversationOf("/inbox")).toBeNull();
    expect(openConversationOf("/contacts/abc")).toBeNull();
    expect(openConversationOf(null)).toBeNull();
  });
});

describe("titleWithCount", () => {
  it("puts the count in front, replaces an earlier one, and drops it at zero", () => {
    expect(titleWithCount("Inbox · Dashboard", 3)).toBe("(3) Inbox · Dashboard");
    expect(titleWithCount("(3) Inbox · Dashboard", 12)).toBe("(12) Inbox · Dashboard");
    expect(titleWithCount("(12) Inbox · Dashboard", 0)).toBe("Inbox · Dashboard");
    expect(titleWithCount("Inbox", 0)).toBe("Inbox");
  });
});
