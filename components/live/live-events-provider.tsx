"use client";

import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from "react";

import { followLiveEvents, LIVE_REFRESHES, type LiveConnection, type LiveEventKind } from "./follow-live-events";

const LiveConnectionContext = createContext<LiveConnection>("connecting");

/** Told of each live event with its payload as sent (ids only), for what a refreshed query cannot do (a desktop notification). */
export type LiveEventListener = (kind: LiveEventKind, payload: Record<string, unknown>) => void;
const LiveEventListenersContext = createContext<Set<LiveEventListener> | null>(null);

function payloadOf(event: Event): Record<string, unknown> {
  try {
    const data: unknown = JSON.parse((event as MessageEvent<string>).data);
    return typeof data === "object" && data !== null ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The dashboard's one stream of live events (mounted once, in the dashboard layout): listens to
 * /api/events and refreshes the queries each event touches, on whichever page is open. Events carry
 * ids only; the data is refetched through the role-checked routes. EventSource reconnects by
 * itself with Last-Event-ID, and the server replays what was missed.
 */
export function LiveEventsProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [connection, setConnection] = useState<LiveConnection>("connecting");
  const [listeners] = useState(() => new Set<LiveEventListener>());
  useEffect(() => {
    const source = new EventSource("/api/events");
    for (const kind of Object.keys(LIVE_REFRESHES) as LiveEventKind[]) {
      source.addEventListener(kind, (event) => {
        if (listeners.size === 0) return;
        const payload = payloadOf(event);
        for (const listener of listeners) listener(kind, payload);
      });
    }
    return followLiveEvents(source, queryClient, setConnection);
  }, [queryClient, listeners]);
  return (
    <LiveEventListenersContext value={listeners}>
      <LiveConnectionContext value={connection}>{children}</LiveConnectionContext>
    </LiveEventListenersContext>
  );
}

/** Calls `listener` with each live event while the component is mounted (the latest `listener`, without resubscribing). */
export function useLiveEvent(listener: LiveEventListener): void {
  const listeners = useContext(LiveEventListenersContext);
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => {
    if (!listeners) return;
    const forward: LiveEventListener = (kind, payload) => latest.current(kind, payload);
    listeners.add(forward);
    return () => {
      listeners.delete(forward);
    };
  }, [listeners]);
}

/** How the live stream is, for a header's "Live / Connecting…" indicator. */
export function useLiveConnection(): LiveConnection {
  return useContext(LiveConnectionContext);
}
