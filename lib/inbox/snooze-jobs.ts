import "server-only";

import type { Database } from "@/db";
import { endDueSnoozes } from "@/db/queries/conversation-snooze";
import { defineJob } from "@/lib/jobs/engine";

/** How often due snoozes are looked for: a conversation comes back within this long of its time. */
const SNOOZE_SWEEP_SECONDS = 60;

/**
 * Brings back the conversations whose snooze time came: the list already derives "snoozed" from the
 * time, so this marks them as ended (`snoozeEndedAt`) and tells the open tabs to refresh, once each.
 */
export async function endDueSnoozesOnce(db: Database, now = new Date()): Promise<{ ended: number }> {
  return { ended: (await endDueSnoozes(db, now)).length };
}

/** Every minute, in one instance at a time. Database only: nothing is sent to the gateway. */
export const snoozeReturnJob = defineJob("snooze-return", async (_run, { db }) => endDueSnoozesOnce(db), { everySeconds: SNOOZE_SWEEP_SECONDS });
