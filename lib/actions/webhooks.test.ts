import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { latestAuditEntries } from "@/db/queries/audit";
import { findUserByEmail } from "@/db/queries/users";
import { insertWebhookEvent } from "@/db/queries/webhook-events";
import { seedDemoUsers } from "@/db/seed";
import { openTestSessions, testSessionId } from "@/db/test-sessions";
import { messages } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { inbound } from "@/lib/webhooks/test-payloads";

import { replayWebhookAction } from "./webhooks";

const session = vi.hoisted(() => ({ userId: undefined as string | undefined }));
vi.mock("@/auth", () => ({
  auth: async () => (session.userId ? { user: { id: session.userId }, sessionId: testSessionId(session.userId), expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

describe("replaying a stored webhook delivery", () => {
  let eventId: number;
  beforeEach(async () => {
    database.handle = await testDatabases[0]!.open();
    await seedDemoUsers(database.handle.db);
    await openTestSessions(database.handle.db);
    // Stored but never processed, as after a crash between the two steps.
    eventId = await insertWebhookEvent(database.handle.db, {
      body: JSON.stringify(inbound("15551230000", "text", { body: "lost and found" })),
      authenticatedBy: "signature",
    });
  });
  afterEach(async () => {
    await database.handle.close();
    session.userId = undefined;
  });
  const signInAs = async (email: string) => {
    session.userId = (await findUserByEmail(database.handle.db, email))!.id;
  };

  it("is refused to marketers and agents, and changes nothing", async () => {
    for (const email of ["marketer@demo.test", "agent@demo.test"]) {
      await signInAs(email);
      expect((await replayWebhookAction({ eventId })).serverError?.code).toBe("FORBIDDEN");
    }
    expect(await database.handle.db.select().from(messages)).toEqual([]);
  });

  it("processes the delivery for an admin, once, and audits it", async () => {
    await signInAs("admin@demo.test");
    expect((await replayWebhookAction({ eventId })).data).toMatchObject({ processed: true, summary: { messages: 1 } });
    expect((await replayWebhookAction({ eventId })).data).toMatchObject({ processed: true, summary: { messages: 0, duplicates: 1 } });
    expect(await database.handle.db.select().from(messages)).toHaveLength(1);
    const [entry] = await latestAuditEntries(database.handle.db, 1);
    expect(entry).toMatchObject({ action: "webhook.replayed", targetId: String(eventId), actorEmail: "admin@demo.test" });
  });

  it("names the delivery that does not exist", async () => {
    await signInAs("admin@demo.test");
    expect((await replayWebhookAction({ eventId: 999_999 })).serverError).toMatchObject({
      message: "Delivery 999999 is not stored.",
      field: "eventId",
    });
  });
});
