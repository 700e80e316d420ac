import "server-only";

import { deleteExpiredIdempotencyKeys } from "@/db/queries/api-idempotency";

import { defineJob } from "./engine";

const HOUR_SECONDS = 60 * 60;

/**
 * Every hour, forgets the API's idempotency keys older than the time their answers are kept (a
 * user's own expired keys also go when they next claim one; this catches everyone else's).
 */
export const apiIdempotencySweepJob = defineJob("api-idempotency-sweep", async (_run, { db }) => ({ removed: await deleteExpiredIdempotencyKeys(db) }), {
  everySeconds: HOUR_SECONDS,
});
