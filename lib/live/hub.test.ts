import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { publishLiveEvents } from "@/db/queries/live-events";
import type { LiveEvent } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";

import { LiveHub } from "./hub";

const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ databaseHandle: async () => database.handle }));

const publish = (db: DatabaseHandle["db"], name: string) =>
  db.transaction((tx) => publishLiveEvents(tx, [{ kind: "conversation.updated", payload: { conversationId: name } }]));

describe.each(testDatabases)("live hub on $name", (testDatabase) => {
  let hub: LiveHub;
  let received: string[];

  beforeEach(async () => {
    database.handle = await testDatabase.open();
    hub = new LiveHub();
    received = [];
    hub.subscribe((events: LiveEvent[]) => received.push(...events.map((event) => String(event.payload.conversationId))));
    await hub.start();
  });
  afterEach(async () => {
    await database.handle.close();
  });

  it("sends each committed event once, in order, and none from before it started", async () => {
    await publish(database.handle.db, "one");
    await publish(database.handle.db, "two");
    await vi.waitFor(() => expect(received).toEqual(["one", "two"]));
    await publish(database.handle.db, "three");
    await vi.waitFor(() => expect(received).toEqual(["one", "two", "three"]));
  });

  it("is not held up by an id whose transaction rolled back", async () => {
    await database.handle.db
      .transaction(async (tx) => {
        await publishLiveEvents(tx, [{ kind: "conversation.updated", payload: { conversationId: "never" } }]);
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    await publish(database.handle.db, "after");
    await vi.waitFor(() => expect(received).toEqual(["after"]));
  });

  it.runIf(testDatabase.name === "postgres")("sends an event committed after a newer one (ids are given at insert, seen at commit)", async () => {
    const { db } = database.handle;
    let commitLate!: () => void;
    const holding = new Promise<void>((resolve) => (commitLate = resolve));
    let inserted!: () => void;
    const insertedEarly = new Promise<void>((resolve) => (inserted = resolve));
    const late = db.transaction(async (tx) => {
      await publishLiveEvents(tx, [{ kind: "conversation.updated", payload: { conversationId: "early id, late commit" } }]);
      inserted();
      await holding;
    });
    await insertedEarly;
    await publish(db, "newer id");
    await vi.waitFor(() => expect(received).toEqual(["newer id"]));
    commitLate();
    await late;
    await vi.waitFor(() => expect(received).toEqual(["newer id", "early id, late commit"]));
    // A later read does not send it again.
    await publish(db, "last");
    await vi.waitFor(() => expect(received).toEqual(["newer id", "early id, late commit", "last"]));
    const [{ count }] = (await db.execute(sql`select count(*)::int as count from live_events`)) as unknown as [{ count: number }];
    expect(count).toBe(3);
  });
});
