import "server-only";

import { cache } from "react";

import { getDb } from "@/db";
import { findShellSnapshot, type ShellSnapshot } from "@/db/queries/shell";
import { sessionCookie } from "@/lib/auth/session";

/**
 * The frame's snapshot (db/queries/shell.ts) once per request: the dashboard layout reads the header's
 * connections and the endpoints banner from it, the inbox layout its deliveries notice, one query for both.
 */
export const shellSnapshot = cache(async (userId: string): Promise<ShellSnapshot> => findShellSnapshot(await getDb(), userId));

/**
 * Starts the snapshot's query for the user the session cookie names, beside the session's own
 * query rather than after it (one round trip to the database instead of two before the page can
 * render). Its answer is read only through {@link shellSnapshot} with the id of the user
 * `requirePageAccess()` confirmed, which is the cookie's; for a cookie that turns out signed out,
 * it is dropped unread.
 */
export async function startShellSnapshot(): Promise<void> {
  const cookie = await sessionCookie();
  // A failure is not lost: it is thrown again to the layout that awaits the same promise.
  if (cookie) shellSnapshot(cookie.userId).catch(() => {});
}
