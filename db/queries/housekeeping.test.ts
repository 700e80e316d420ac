import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "../client";
import { apiIdempotencyKeys, outboundEvents, webhookDeliveries, webhookEndpoints } from "../schema";
import { testDatabases } from "../test-databases";
import { deleteExpiredIdempotencyKeys } from "./api-idempotency";
import { pruneOutboundEvents } from "./outbound-webhooks";
import { insertUser } from "./users";

const DAY = 24 * 60 * 60 * 1000;

describe.each(testDatabases)("what the housekeeping jobs remove on $name", (database) => {
  let handle: DatabaseHandle;

  beforeEach(async () => {
    handle = await database.open();
  });
  afterEach(async () => {
    await handle.close();
  });

  it("prunes old events whose deliveries are all finished, keeping recent ones and any still pending", async () => {
    const { db } = handle;
    const [endpoint] = await db
      .insert(webhookEndpoints)
      .values({ url: "https://crm.example.com/hooks", events: ["message.received"], secret: "whsec_x" })
      .returning();
    const now = Date.now();
    const event = async (id: string, ageDays: number, status: string) => {
      const createdAt = new Date(now - ageDays * DAY);
      await db.insert(outboundEvents).values({ id, type: "message.received", payload: {}, createdAt });
      await db.insert(webhookDeliveries).values({ id: `dlv_${id}`, endpointId: endpoint!.id, eventId: id, eventType: "message.received", status, createdAt });
    };
    await event("old-done", 40, "succeeded");
    await event("old-failed", 40, "failed");
    await event("old-pending", 40, "pending");
    await event("recent-done", 2, "succeeded");

    expect(await pruneOutboundEvents(db, new Date(now - 30 * DAY))).toBe(2);
    const left = await db.select({ id: outboundEvents.id }).from(outboundEvents).orderBy(outboundEvents.id);
    expect(left.map((row) => row.id)).toEqual(["old-pending", "recent-done"]);
    const deliveries = await db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).orderBy(webhookDeliveries.id);
    expect(deliveries.map((row) => row.id)).toEqual(["dlv_old-pending", "dlv_recent-done"]);
  });

  it("forgets idempotency keys older than a day, everyone's, and keeps the recent ones", async () => {
    const { db } = handle;
    const ada = (await insertUser(db, { email: "ada@x.test", name: "Ada", role: "admin", passwordHash: "h" }))!;
    const bob = (await insertUser(db, { email: "bob@x.test", name: "Bob", role: "agent", passwordHash: "h" }))!;
    await db.insert(apiIdempotencyKeys).values([
      { userId: ada.id, key: "old", requestHash: "h", status: 201, body: {}, createdAt: sql`now() - interval '25 hours'` },
      { userId: bob.id, key: "old", requestHash: "h", status: 201, body: {}, createdAt: sql`now() - interval '30 hours'` },
      { userId: bob.id, key: "new", requestHash: "h", status: 201, body: {}, createdAt: sql`now() - interval '1 hour'` },
    ]);
    expect(await deleteExpiredIdempotencyKeys(db)).toBe(2);
    const left = await db.select({ key: apiIdempotencyKeys.key }).from(apiIdempotencyKeys);
    expect(left.map((row) => row.key)).toEqual(["new"]);
  });
});
