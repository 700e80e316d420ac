import "server-only";

import { cache } from "react";

import { getDb } from "@/db";
import { findShellSnapshot, type ShellSnapshot } from "@/db/queries/shell";

/**
 * The frame's snapshot (db/queries/shell.ts) once per request: the dashboard layout reads the header's
 * connections and the endpoints banner from it, the inbox layout its deliveries notice, one query for both.
 * `adminCounts`: whether the user may manage webhooks, the only ones shown the counts.
 */
export const shellSnapshot = cache(async (userId: string, adminCounts: boolean): Promise<ShellSnapshot> =>
  findShellSnapshot(await getDb(), { userId, adminCounts }),
);
