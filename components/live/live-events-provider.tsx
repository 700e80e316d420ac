"use client";

import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useEffect, useState } from "react";

import { followLiveEvents, type LiveConnection } from "./follow-live-events";

const LiveConnectionContext = createContext<LiveConnection>("connecting");

/**
 * The dashboard's one stream of live events (mounted once, in the dashboard layout): listens to
 * /api/events and refreshes the queries each event touches, on whichever page is open. Events carry
 * ids only; the data is refetched through the role-checked routes. EventSource reconnects by
 * itself with Last-Event-ID, and the server replays what was missed.
 */
export function LiveEventsProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [connection, setConnection] = useState<LiveConnection>("connecting");
  useEffect(() => followLiveEvents(new EventSource("/api/events"), queryClient, setConnection), [queryClient]);
  return <LiveConnectionContext value={connection}>{children}</LiveConnectionContext>;
}

/** How the live stream is, for a header's "Live / Connecting…" indicator. */
export function useLiveConnection(): LiveConnection {
  return useContext(LiveConnectionContext);
}
