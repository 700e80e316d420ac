import { QueryClient } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { queryKeys } from "@/lib/query-keys";

import { followLiveEvents, type LiveConnection, type LiveEventSource } from "./use-live-events";

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

const keys = {
  list: queryKeys.inbox.conversationList({ assignee: "all", status: "open", window: "any", q: "", number: "" }),
  conversationA: queryKeys.inbox.conversation("a"),
  messagesA: queryKeys.inbox.messages("a"),
  conversationB: queryKeys.inbox.conversation("b"),
  messagesB: queryKeys.inbox.messages("b"),
  numbers: queryKeys.phoneNumbers.list(),
  inboxNumbers: queryKeys.inbox.phoneNumbers(),
  templates: queryKeys.templates.list(""),
};

describe("followLiveEvents", () => {
  let queryClient: QueryClient;
  let source: FakeEventSource;
  let connections: LiveConnection[];
  let stop: () => void;

  const stale = () =>
    Object.entries(keys)
      .filter(([, queryKey]) => queryClient.getQueryState(queryKey)?.isInvalidated)
      .map(([name]) => name);

  beforeEach(() => {
    vi.useFakeTimers();
    queryClient = new QueryClient();
    for (const queryKey of Object.values(keys)) queryClient.setQueryData(queryKey, { fresh: true });
    source = new FakeEventSource();
    connections = [];
    stop = followLiveEvents(source, queryClient, (connection) => connections.push(connection));
  });

  afterEach(() => {
    stop();
    queryClient.clear();
    vi.useRealTimers();
  });

  it("refreshes everything live events keep fresh when it connects: what is on screen may predate the stream", () => {
    source.emit("open");
    expect(connections).toEqual(["live"]);
    vi.advanceTimersByTime(16);
    expect(stale()).toEqual(["list", "conversationA", "messagesA", "conversationB", "messagesB", "numbers", "inboxNumbers"]);
  });

  it("refreshes everything again after a reconnection, and says when the stream is down", () => {
    source.emit("open");
    vi.advanceTimersByTime(200);
    for (const queryKey of Object.values(keys)) queryClient.setQueryData(queryKey, { fresh: true });
    source.emit("error");
    expect(connections).toEqual(["live", "reconnecting"]);
    expect(stale()).toEqual([]);
    source.emit("open");
    vi.advanceTimersByTime(200);
    expect(connections).toEqual(["live", "reconnecting", "live"]);
    expect(stale()).toContain("list");
    expect(stale()).toContain("messagesB");
  });

  it("a new message refreshes its conversation, its messages and the lists, nothing else", () => {
    source.emit("message.created", { conversationId: "a", messageId: "m1" });
    vi.advanceTimersByTime(16);
    expect(stale()).toEqual(["list", "conversationA", "messagesA"]);
  });

  it("a status refreshes the conversation's messages; a conversation change its header and the lists", () => {
    source.emit("message.status", { conversationId: "b", messageId: "m2" });
    source.emit("conversation.updated", { conversationId: "a" });
    vi.advanceTimersByTime(16);
    expect(stale()).toEqual(["list", "conversationA", "messagesB"]);
  });

  it("a number's change refreshes the numbers; an event it cannot read refreshes only the lists", () => {
    source.emit("phone_number.updated", { phoneNumberId: "p" });
    vi.advanceTimersByTime(16);
    expect(stale()).toEqual(["numbers", "inboxNumbers"]);
    source.emit("conversation.updated", "not json {");
    vi.advanceTimersByTime(200);
    expect(stale()).toEqual(["list", "numbers", "inboxNumbers"]);
  });

  it("stopping closes the stream and drops refreshes not yet run", () => {
    source.emit("message.created", { conversationId: "a" });
    stop();
    vi.advanceTimersByTime(200);
    expect(source.closed).toBe(true);
    expect(stale()).toEqual([]);
  });
});
