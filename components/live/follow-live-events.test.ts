import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from "vitest";

import type { LiveEventKind as PublishedLiveEventKind } from "@/db/queries/live-events";
import { queryKeys } from "@/lib/query-keys";

import { followLiveEvents, LIVE_REFRESHES, type LiveConnection, type LiveEventKind, type LiveEventSource } from "./follow-live-events";

class FakeEventSource implements LiveEventSource {
  private readonly listeners = new Map<string, Array<(event: Event) => void>>();
  closed = false;

  addEventListener(type: string, listener: (event: Event) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close() {
    this.closed = true;
  }

  emit(type: string, data?: unknown) {
    const event = data === undefined ? new Event(type) : new MessageEvent(type, { data: JSON.stringify(data) });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

/** Queries of every page, as the screens key them; the last ones no live event changes. */
const keys = {
  list: queryKeys.inbox.conversationList({ assignee: "all", status: "open", window: "any", q: "", number: "", label: "" }),
  conversationA: queryKeys.inbox.conversation("a"),
  messagesA: queryKeys.inbox.messages("a"),
  conversationB: queryKeys.inbox.conversation("b"),
  messagesB: queryKeys.inbox.messages("b"),
  inboundMedia: queryKeys.media.inbound("p"),
  templates: queryKeys.templates.list(""),
  otherWabaTemplates: queryKeys.templates.list("waba-2"),
  pickerTemplates: queryKeys.inbox.templates("a"),
  numbers: queryKeys.phoneNumbers.list(),
  inboxNumbers: queryKeys.inbox.phoneNumbers(),
  connections: queryKeys.connections.overview(),
  selectedNumber: queryKeys.phoneNumbers.selected(),
  agents: queryKeys.inbox.agents(),
  library: queryKeys.media.library("p"),
  profile: queryKeys.profile.business("p"),
  health: queryKeys.connections.health(),
  contactsList: queryKeys.contacts.list({ sort: "last_message" }),
  contactsCount: queryKeys.contacts.count({ consent: ["opted_in"] }),
  contactTags: queryKeys.contacts.tags(),
  contactA: queryKeys.contacts.detail("a"),
  contactB: queryKeys.contacts.detail("b"),
  imports: queryKeys.contacts.imports(),
  importI: queryKeys.contacts.import("i"),
  counts: queryKeys.inbox.counts(),
  labels: queryKeys.inbox.labels(),
  canned: queryKeys.inbox.cannedResponses(),
  notifications: queryKeys.notifications.all,
  inboxSettings: queryKeys.inboxSettings.ofNumber("p"),
  presence: queryKeys.account.presence(),
};

type KeyName = keyof typeof keys;

const NEVER_LIVE: KeyName[] = ["selectedNumber", "library", "profile", "health"];

describe("followLiveEvents", () => {
  let queryClient: QueryClient;
  let source: FakeEventSource;
  let connections: LiveConnection[];
  let stop: () => void;

  const stale = () =>
    Object.entries(keys)
      .filter(([, queryKey]) => queryClient.getQueryState(queryKey)?.isInvalidated)
      .map(([name]) => name);
  const freshen = () => {
    for (const queryKey of Object.values(keys)) queryClient.setQueryData(queryKey, { fresh: true });
  };

  beforeEach(() => {
    vi.useFakeTimers();
    queryClient = new QueryClient();
    freshen();
    source = new FakeEventSource();
    connections = [];
    stop = followLiveEvents(source, queryClient, (connection) => connections.push(connection));
  });

  afterEach(() => {
    stop();
    queryClient.clear();
    vi.useRealTimers();
  });

  it("follows exactly the kinds of event the server publishes", () => {
    expectTypeOf<LiveEventKind>().toEqualTypeOf<PublishedLiveEventKind>();
    expect(Object.keys(LIVE_REFRESHES).sort()).toEqual(
      [
        "campaign.updated",
        "canned_response.updated",
        "contact.updated",
        "contact_import.updated",
        "conversation.updated",
        "conversation_label.updated",
        "inbox_settings.updated",
        "message.created",
        "message.status",
        "notification.created",
        "phone_number.updated",
        "template.updated",
        "user.availability",
      ],
    );
  });

  it("refreshes everything live events keep fresh when it connects, on every page: what is shown may predate the stream", () => {
    source.emit("open");
    expect(connections).toEqual(["live"]);
    vi.advanceTimersByTime(16);
    expect(stale()).toEqual(Object.keys(keys).filter((name) => !NEVER_LIVE.includes(name as KeyName)));
  });

  it("refreshes everything again after a reconnection, and says when the stream is down", async () => {
    source.emit("open");
    await vi.advanceTimersByTimeAsync(200);
    freshen();
    source.emit("error");
    expect(connections).toEqual(["live", "reconnecting"]);
    expect(stale()).toEqual([]);
    source.emit("open");
    await vi.advanceTimersByTimeAsync(200);
    expect(connections).toEqual(["live", "reconnecting", "live"]);
    expect(stale()).toContain("list");
    expect(stale()).toContain("messagesB");
    expect(stale()).toContain("templates");
    expect(stale()).toContain("connections");
  });

  const table: Array<[LiveEventKind, Record<string, unknown>, KeyName[]]> = [
    // A new message changes its conversation too (last message, order, unread count), and may be a customer's file.
    ["message.created", { conversationId: "a", messageId: "m1" }, ["list", "conversationA", "messagesA", "inboundMedia", "counts"]],
    ["message.status", { conversationId: "b", messageId: "m2" }, ["messagesB"]],
    ["conversation.updated", { conversationId: "a" }, ["list", "conversationA", "counts"]],
    // The list and the detail page read the WABA's list; the inbox's picker offers what is approved.
    ["template.updated", { templateId: "t1", status: "APPROVED" }, ["templates", "otherWabaTemplates", "pickerTemplates"]],
    ["phone_number.updated", { phoneNumberId: "p" }, ["numbers", "inboxNumbers", "connections"]],
    // A contact's record: the contact lists and counts, tag counts, that record, and the inbox's conversations (name, consent).
    ["contact.updated", { contactId: "a" }, ["list", "conversationA", "conversationB", "contactsList", "contactsCount", "contactTags", "contactA"]],
    // An import's batch: the imports, the contacts it changed and the tags it created.
    ["contact_import.updated", { importId: "i" }, ["contactsList", "contactTags", "imports", "importI"]],
    ["notification.created", { forUserId: "u", notificationId: "n", conversationId: "a" }, ["notifications"]],
    ["conversation_label.updated", { labelId: "l" }, ["list", "conversationA", "conversationB", "labels"]],
    ["canned_response.updated", { cannedResponseId: "c" }, ["canned"]],
    ["user.availability", { availabilityOf: "u" }, ["agents", "inboxSettings", "presence"]],
    ["inbox_settings.updated", { settingsOf: "p" }, ["inboxSettings"]],
  ];

  it.each(table)("%s refreshes exactly its queries", (kind, payload, refreshed) => {
    source.emit(kind, payload);
    vi.advanceTimersByTime(16);
    expect(stale()).toEqual(refreshed);
  });

  it("an event it cannot read refreshes only what needs no id", () => {
    source.emit("conversation.updated", "not json {");
    source.emit("message.status", null);
    source.emit("message.created", { conversationId: 7 });
    vi.advanceTimersByTime(200);
    expect(stale()).toEqual(["list", "inboundMedia", "counts"]);
  });

  it("a burst of events refreshes each query once per moment", async () => {
    const invalidate = vi.spyOn(queryClient, "invalidateQueries");
    source.emit("message.created", { conversationId: "a" });
    await vi.advanceTimersByTimeAsync(16);
    expect(invalidate).toHaveBeenCalledTimes(5);
    for (let index = 0; index < 20; index++) source.emit("message.status", { conversationId: "a" });
    source.emit("template.updated", { templateId: "t1" });
    expect(invalidate).toHaveBeenCalledTimes(5);
    await vi.advanceTimersByTimeAsync(150);
    expect(invalidate.mock.calls.map(([filters]) => filters?.queryKey)).toEqual([
      queryKeys.inbox.conversationLists(),
      queryKeys.inbox.counts(),
      keys.conversationA,
      keys.messagesA,
      queryKeys.media.allInbound(),
      keys.messagesA,
      queryKeys.templates.all,
      queryKeys.inbox.allTemplates(),
    ]);
  });

  it("never cancels a refresh in flight: a change seen meanwhile refreshes once more when it is back", async () => {
    let answers = 0;
    let release: () => void = () => {};
    const key = queryKeys.campaigns.detail("c1");
    const observer = new QueryObserver(queryClient, {
      queryKey: key,
      queryFn: () => new Promise<number>((resolve) => (release = () => resolve((answers += 1)))),
    });
    // An active query (a screen shows it), so a refresh fetches it; its first answer is in.
    const unsubscribe = observer.subscribe(() => {});
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(queryClient.getQueryData(key)).toBe(1);
    source.emit("campaign.updated", { campaignId: "c1" });
    await vi.advanceTimersByTimeAsync(16);
    expect(queryClient.isFetching({ queryKey: key })).toBe(1);
    const firstRelease = release;
    // Events keep coming while the answer is slow: the fetch goes on, it is not restarted.
    for (let index = 0; index < 5; index++) {
      source.emit("campaign.updated", { campaignId: "c1" });
      await vi.advanceTimersByTimeAsync(150);
    }
    expect(release).toBe(firstRelease);
    firstRelease();
    await vi.advanceTimersByTimeAsync(0);
    // Once back, one more refresh for what changed meanwhile.
    expect(queryClient.isFetching({ queryKey: key })).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(queryClient.getQueryData(key)).toBe(3);
    expect(queryClient.isFetching({ queryKey: key })).toBe(0);
    unsubscribe();
  });

  it("stopping closes the stream and drops refreshes not yet run", () => {
    source.emit("message.created", { conversationId: "a" });
    stop();
    vi.advanceTimersByTime(200);
    expect(source.closed).toBe(true);
    expect(stale()).toEqual([]);
  });
});
