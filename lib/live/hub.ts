import "server-only";

import { databaseHandle } from "@/db";
import { LIVE_EVENTS_CHANNEL, latestLiveEventId, liveEventsAfter, pruneLiveEvents } from "@/db/queries/live-events";
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
        do {
          batch = await liveEventsAfter(db, this.lastId);
          if (batch.length === 0) break;
          this.lastId = batch.at(-1)!.id;
          for (const subscriber of this.subscribers) subscriber(batch);
        } while (batch.length > 0);
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
