import "server-only";

import { databaseHandle } from "@/db";
import {
  LIVE_EVENTS_CHANNEL,
  LIVE_EVENTS_LOOK_BACK,
  latestLiveEventId,
  liveEventsAfter,
  pruneLiveEvents,
} from "@/db/queries/live-events";
import type { LiveEvent } from "@/db/schema";
import { logger } from "@/lib/log";

const log = logger("live");

type Subscriber = (events: LiveEvent[]) => void;

const KEEP_EVENTS_MS = 24 * 60 * 60 * 1000;
const READ_LIMIT = 1000;
const PRUNE_EVERY_MS = 10 * 60 * 1000;

/**
 * One listener per process on the database's live-event channel, fanned out to every open
 * event stream. With PostgreSQL, NOTIFY reaches every dashboard instance on the database.
 */
export class LiveHub {
  private readonly subscribers = new Set<Subscriber>();
  private lastId = 0;
  /**
   * Ids at or below `lastId`, within the look-back window, not seen yet: handed out to a transaction
   * that had not committed when we read (or that rolled back). Each read asks for the ids after
   * `lastId` and for these, so a late commit is sent once and only once, and a read costs the new
   * rows only, however busy the table.
   */
  private readonly gaps = new Set<number>();
  private started: Promise<void> | undefined;
  private reading = false;
  private readAgain = false;
  private lastPrune = 0;

  start(): Promise<void> {
    this.started ??= (async () => {
      const handle = await databaseHandle();
      this.lastId = await latestLiveEventId(handle.db);
      await handle.listen(LIVE_EVENTS_CHANNEL, () => void this.readNewEvents());
    })().catch((error: unknown) => {
      this.started = undefined;
      throw error;
    });
    return this.started;
  }

  /** The id a new stream starts after when the browser has seen nothing yet. */
  get currentId(): number {
    return this.lastId;
  }

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  private async readNewEvents(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = true;
    try {
      const { db } = await databaseHandle();
      if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
        this.lastPrune = Date.now();
        await pruneLiveEvents(db, new Date(Date.now() - KEEP_EVENTS_MS));
      }
      do {
        this.readAgain = false;
        let batch: LiveEvent[];
        do {
          for (const id of this.gaps) if (id <= this.lastId - LIVE_EVENTS_LOOK_BACK) this.gaps.delete(id);
          batch = await liveEventsAfter(db, this.lastId, READ_LIMIT, [...this.gaps]);
          const fresh = batch.filter((event) => event.id > this.lastId || this.gaps.delete(event.id));
          const newest = batch.reduce((max, event) => Math.max(max, event.id), this.lastId);
          const arrived = new Set(batch.map((event) => event.id));
          for (let id = Math.max(this.lastId + 1, newest - LIVE_EVENTS_LOOK_BACK + 1); id < newest; id += 1) {
            if (!arrived.has(id)) this.gaps.add(id);
          }
          this.lastId = newest;
          if (fresh.length > 0) for (const subscriber of this.subscribers) subscriber(fresh);
        } while (batch.length === READ_LIMIT);
      } while (this.readAgain);
      // Nothing may be awaited between the last check of readAgain and the end of reading: a
      // notification arriving there would be dropped until the next one.
    } catch (error) {
      log.error({ err: error }, "reading new events failed");
    } finally {
      this.reading = false;
    }
  }
}

const globalForHub = globalThis as unknown as { dashboardLiveHub?: LiveHub };

export function liveHub(): LiveHub {
  globalForHub.dashboardLiveHub ??= new LiveHub();
  return globalForHub.dashboardLiveHub;
}
