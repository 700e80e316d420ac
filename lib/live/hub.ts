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

type Subscriber = (events: LiveEvent[]) => void;

const KEEP_EVENTS_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 10 * 60 * 1000;

/**
 * One listener per process on the database's live-event channel, fanned out to every open
 * event stream. With PostgreSQL, NOTIFY reaches every dashboard instance on the database.
 */
class LiveHub {
  private readonly subscribers = new Set<Subscriber>();
  private lastId = 0;
  /** Ids already broadcast within the look-back window, so a late commit is sent once and only once. */
  private readonly seen = new Set<number>();
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
      do {
        this.readAgain = false;
        let batch: LiveEvent[];
        let from = Math.max(0, this.lastId - LIVE_EVENTS_LOOK_BACK);
        do {
          batch = await liveEventsAfter(db, from, 1000);
          if (batch.length === 0) break;
          from = batch.at(-1)!.id;
          const fresh = batch.filter((event) => !this.seen.has(event.id));
          for (const event of fresh) this.seen.add(event.id);
          this.lastId = Math.max(this.lastId, from);
          if (fresh.length > 0) for (const subscriber of this.subscribers) subscriber(fresh);
        } while (batch.length === 1000);
        for (const id of this.seen) if (id <= this.lastId - LIVE_EVENTS_LOOK_BACK) this.seen.delete(id);
      } while (this.readAgain);
      if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
        this.lastPrune = Date.now();
        await pruneLiveEvents(db, new Date(Date.now() - KEEP_EVENTS_MS));
      }
    } catch (error) {
      console.error("[live] reading new events failed:", error);
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
