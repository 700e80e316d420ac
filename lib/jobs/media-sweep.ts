import "server-only";

import { sweepOrphanMedia } from "@/lib/media/sweep";

import { defineJob } from "./engine";

const DAY_SECONDS = 24 * 60 * 60;

/**
 * Once a day (and shortly after each start, as every recurring job), removes media bytes on disk no
 * live media id refers to: what a crash between a deletion's commit and its file removal leaves.
 * Disk and database only: it makes no gateway call, so it takes nothing from the account's budget.
 */
export const mediaSweepJob = defineJob("media-sweep", async (_run, { db }) => sweepOrphanMedia(db), { everySeconds: DAY_SECONDS });
