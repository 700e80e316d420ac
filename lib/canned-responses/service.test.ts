/**
 * Canned responses through their doors (actions, the inbox route) and the service, on a real database
 * (both drivers): who may change which library, personal ones hidden from everyone else, shortcuts
 * unique per library whatever their case, limits named at their field, media only from a usable
 * number, team changes audited, every change published live, variables filled per conversation.
 */
import { randomBytes } from "node:crypto";

import { and, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { GET as getCannedResponses } from "@/app/api/inbox/canned-responses/route";
import type { DatabaseHandle } from "@/db/client";
import { latestAuditEntries } from "@/db/queries/audit";
import { cannedResponses, connections, contacts, conversations, liveEvents, media, phoneNumbers, userConnections, users, userSessions, wabas } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { createCannedResponseAction, deleteCannedResponseAction, updateCannedResponseAction } from "@/lib/actions/canned-responses";

import { CANNED_BODY_MAX, CANNED_SHORTCUT_MAX } from "./rules";
import { cannedResponsesForConversation, createCannedResponse, listCannedResponses, updateCannedResponse } from "./service";
import type { CannedPickerList, CannedResponseList } from "./views";

const session = vi.hoisted(() => ({ userId: undefined as string | undefined, sessionId: undefined as string | undefined }));
vi.mock("@/auth", () => ({
  auth: async () => (session.userId ? { user: { id: session.userId }, sessionId: session.sessionId, expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));

const A = { connection: "canned-conn-a", waba: "canned-waba-a", number: "3000000001" } as const;
const B = { connection: "canned-conn-b", waba: "canned-waba-b", number: "4000000002" } as const;
const HOUR = 60 * 60 * 1000;
const MISSING = "00000000-0000-4000-8000-000000000000";

type Person = "admin" | "marketer" | "agent" | "otherAgent";

describe.each(testDatabases)("canned responses on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  const db = () => handle.db;
  const people: Record<Person, { id: string; name: string; email: string }> = {
    admin: { id: "", name: "Ada Admin", email: "admin@canned.test" },
    marketer: { id: "", name: "Mo Marketer", email: "marketer@canned.test" },
    agent: { id: "", name: "Ana Agent", email: "agent@canned.test" },
    otherAgent: { id: "", name: "Otto Agent", email: "other@canned.test" },
  };
  const conversation = { a: "", b: "", anonymous: "" };

  async function signInAs(who: Person | undefined) {
    if (!who) {
      session.userId = undefined;
      return;
    }
    const sessionId = randomBytes(16).toString("base64url");
    await db().insert(userSessions).values({ id: sessionId, userId: people[who].id, expiresAt: new Date(Date.now() + 24 * HOUR) });
    session.userId = people[who].id;
    session.sessionId = sessionId;
  }

  /** The service's actor for a person (scope: A only, admins all). */
  const actor = (who: Person) => ({
    ...people[who],
    role: who === "otherAgent" ? ("agent" as const) : who,
    connections: who === "admin" ? { all: true as const, connectionIds: [] } : { all: false as const, connectionIds: [A.connection] },
  });

  const route = async (query: string) => getCannedResponses(new Request(`http://127.0.0.1/api/inbox/canned-responses?${query}`));
  const shortcutsListed = async (query = "") => ((await (await route(query)).json()) as CannedResponseList).responses.map((response) => response.shortcut);
  const cannedEventsSince = async (afterId: number) =>
    db()
      .select({ payload: liveEvents.payload })
      .from(liveEvents)
      .where(and(eq(liveEvents.kind, "canned_response.updated"), gt(liveEvents.id, afterId)));
  const lastEventId = async () => (await db().select({ id: sql<number>`coalesce(max(${liveEvents.id}), 0)::int` }).from(liveEvents))[0]!.id;

  beforeAll(async () => {
    handle = await testDatabase.open();
    database.handle = handle;
    await db().insert(connections).values([
      { id: A.connection, status: "ACTIVE", label: "Bakery", matonCreatedAt: new Date("2025-01-01T00:00:00Z") },
      { id: B.connection, status: "ACTIVE", label: "Garage", matonCreatedAt: new Date("2025-02-01T00:00:00Z") },
    ]);
    await db().insert(wabas).values([
      { id: A.waba, connectionId: A.connection, name: "Bakery" },
      { id: B.waba, connectionId: B.connection, name: "Garage" },
    ]);
    await db().insert(phoneNumbers).values([
      { id: A.number, wabaId: A.waba, connectionId: A.connection, displayPhoneNumber: "+1 555 0301" },
      { id: B.number, wabaId: B.waba, connectionId: B.connection, displayPhoneNumber: "+1 555 0402" },
    ]);
    await db().insert(contacts).values([
      { waId: "15550300001", phoneNumber: "15550300001", profileName: "lu.b", displayName: "Lucia Baker", attributes: { city: "Porto" } },
      { waId: "15550400002", phoneNumber: "15550400002", profileName: "Gus" },
      { waId: "15550300003", phoneNumber: "15550300003", profileName: null },
    ]);
    const lastInboundAt = new Date(Date.now() - HOUR);
    const rows = await db()
      .insert(conversations)
      .values([
        { phoneNumberId: A.number, waId: "15550300001", lastInboundAt, lastMessageAt: lastInboundAt },
        { phoneNumberId: B.number, waId: "15550400002", lastInboundAt, lastMessageAt: lastInboundAt },
        { phoneNumberId: A.number, waId: "15550300003", lastInboundAt, lastMessageAt: lastInboundAt },
      ])
      .returning();
    [conversation.a, conversation.b, conversation.anonymous] = rows.map((row) => row.id) as [string, string, string];
    const file = { kind: "image", mimeType: "image/jpeg", size: 1000, sha256: "x".repeat(64), expiresAt: new Date(Date.now() + 24 * HOUR) };
    await db().insert(media).values([
      { id: "media-of-a", phoneNumberId: A.number, fileName: "menu.jpg", ...file },
      { id: "media-of-b", phoneNumberId: B.number, fileName: "garage.jpg", ...file },
      { id: "media-of-a-expired", phoneNumberId: A.number, fileName: "old.jpg", ...file, expiresAt: new Date(Date.now() - HOUR) },
    ]);
    const created = await db()
      .insert(users)
      .values((Object.keys(people) as Person[]).map((who) => ({ email: people[who].email, name: people[who].name, passwordHash: "x", role: actor(who).role })))
      .returning();
    for (const row of created) (Object.values(people).find((person) => person.email === row.email)!).id = row.id;
    await db().insert(userConnections).values(["marketer", "agent", "otherAgent"].map((who) => ({ userId: people[who as Person].id, connectionId: A.connection })));
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(async () => {
    database.handle = handle;
    await db().delete(cannedResponses);
    await signInAs(undefined);
  });

  it("refuses without a session, and refuses the team library to agents, changing nothing", async () => {
    expect((await createCannedResponseAction({ library: "personal", shortcut: "hi", body: "Hi" })).serverError?.code).toBe("UNAUTHENTICATED");
    expect((await route("")).status).toBe(401);
    await signInAs("agent");
    const auditBefore = (await latestAuditEntries(db(), 1))[0]?.id ?? 0;
    const refused = await createCannedResponseAction({ library: "team", shortcut: "hi", body: "Hi" });
    expect(refused.serverError).toMatchObject({ code: "FORBIDDEN", message: "Only marketers and admins can change the team's canned responses." });
    expect(await db().select().from(cannedResponses)).toEqual([]);
    expect((await latestAuditEntries(db(), 1))[0]?.id ?? 0).toBe(auditBefore);
  });

  it("lets a marketer keep the team library, audited and published; agents use it read-only", async () => {
    await signInAs("marketer");
    const eventsFrom = await lastEventId();
    const created = await createCannedResponseAction({ library: "team", shortcut: "/Hello", body: "Hi {{contact.name}}, *welcome*!", mediaId: "media-of-a" });
    expect(created.serverError).toBeUndefined();
    const response = created.data!;
    expect(response).toMatchObject({ library: "team", shortcut: "Hello", editable: true, media: { id: "media-of-a", fileName: "menu.jpg" }, createdBy: { id: people.marketer.id } });
    expect((await latestAuditEntries(db(), 1))[0]).toMatchObject({ action: "canned_response.created", actorId: people.marketer.id, targetType: "canned_response", targetId: response.id });
    expect((await cannedEventsSince(eventsFrom)).map((event) => event.payload)).toEqual([{ cannedResponseId: response.id }]);

    const updated = await updateCannedResponseAction({ cannedResponseId: response.id, shortcut: "hello-there", mediaId: null });
    expect(updated.data).toMatchObject({ shortcut: "hello-there", media: null, mediaMissing: false });
    expect((await latestAuditEntries(db(), 1))[0]).toMatchObject({
      action: "canned_response.updated",
      details: { shortcut: { before: "Hello", after: "hello-there" }, mediaId: { before: "media-of-a", after: null } },
    });

    await signInAs("agent");
    expect(await shortcutsListed()).toEqual(["hello-there"]);
    expect(((await (await route("")).json()) as CannedResponseList).responses[0]).toMatchObject({ editable: false });
    expect((await updateCannedResponseAction({ cannedResponseId: response.id, body: "Changed" })).serverError?.code).toBe("FORBIDDEN");
    expect((await deleteCannedResponseAction({ cannedResponseId: response.id })).serverError?.code).toBe("FORBIDDEN");
    expect((await db().select({ body: cannedResponses.body }).from(cannedResponses))[0]!.body).toBe("Hi {{contact.name}}, *welcome*!");

    await signInAs("admin");
    expect((await deleteCannedResponseAction({ cannedResponseId: response.id })).serverError).toBeUndefined();
    expect((await latestAuditEntries(db(), 1))[0]).toMatchObject({ action: "canned_response.deleted", actorId: people.admin.id, details: { shortcut: "hello-there" } });
    expect(await db().select().from(cannedResponses)).toEqual([]);
  });

  it("keeps personal responses to their owner: others neither see nor change them, and nothing is audited", async () => {
    await signInAs("agent");
    const auditBefore = (await latestAuditEntries(db(), 1))[0]?.id ?? 0;
    const eventsFrom = await lastEventId();
    const mine = (await createCannedResponseAction({ library: "personal", shortcut: "bye", body: "Bye {{contact.name}}" })).data!;
    expect(mine).toMatchObject({ library: "personal", editable: true });
    expect((await cannedEventsSince(eventsFrom)).map((event) => event.payload)).toEqual([{ cannedResponseId: mine.id, forUserId: people.agent.id }]);
    expect(await shortcutsListed("library=personal")).toEqual(["bye"]);

    for (const who of ["otherAgent", "marketer", "admin"] as const) {
      await signInAs(who);
      expect(await shortcutsListed()).toEqual([]);
      expect((await updateCannedResponseAction({ cannedResponseId: mine.id, body: "Hijacked" })).serverError?.code).toBe("NOT_FOUND");
      expect((await deleteCannedResponseAction({ cannedResponseId: mine.id })).serverError?.code).toBe("NOT_FOUND");
    }
    expect((await db().select({ body: cannedResponses.body }).from(cannedResponses))[0]!.body).toBe("Bye {{contact.name}}");

    await signInAs("agent");
    expect((await updateCannedResponseAction({ cannedResponseId: mine.id, body: "See you {{contact.name}}" })).data).toMatchObject({ body: "See you {{contact.name}}" });
    expect((await deleteCannedResponseAction({ cannedResponseId: mine.id })).serverError).toBeUndefined();
    expect((await deleteCannedResponseAction({ cannedResponseId: mine.id })).serverError?.code).toBe("NOT_FOUND");
    expect((await deleteCannedResponseAction({ cannedResponseId: MISSING })).serverError?.code).toBe("NOT_FOUND");
    expect((await latestAuditEntries(db(), 1))[0]?.id ?? 0).toBe(auditBefore);
  });

  it("keeps shortcuts unique within each library whatever their case, saying which library holds it", async () => {
    await signInAs("marketer");
    await createCannedResponseAction({ library: "team", shortcut: "price", body: "Our prices" });
    expect((await createCannedResponseAction({ library: "team", shortcut: "PRICE", body: "Again" })).serverError).toMatchObject({
      code: "CONFLICT",
      field: "shortcut",
      message: "The team already has a response with the shortcut /PRICE.",
    });
    await signInAs("agent");
    // The same shortcut in a personal library is the agent's own: both show in the picker.
    const mine = await createCannedResponseAction({ library: "personal", shortcut: "Price", body: "My prices" });
    expect(mine.serverError).toBeUndefined();
    const second = (await createCannedResponseAction({ library: "personal", shortcut: "other", body: "Other" })).data!;
    expect((await updateCannedResponseAction({ cannedResponseId: second.id, shortcut: "pRiCe" })).serverError).toMatchObject({
      code: "CONFLICT",
      field: "shortcut",
      message: "You already have a response with the shortcut /pRiCe.",
    });
    // Another agent's library is theirs: the same shortcut is free there.
    await signInAs("otherAgent");
    expect((await createCannedResponseAction({ library: "personal", shortcut: "price", body: "Hers" })).serverError).toBeUndefined();
    await signInAs("agent");
    expect(await shortcutsListed()).toEqual(["other", "price", "Price"]);
    // A race past the check is still told apart by the unique index.
    await expect(createCannedResponse(db(), actor("marketer"), { library: "team", shortcut: "Price", body: "x" })).rejects.toMatchObject({ code: "CONFLICT", field: "shortcut" });
  });

  it("refuses shortcuts and texts outside the limits at their field, storing nothing", async () => {
    await signInAs("agent");
    const tooLong = await createCannedResponseAction({ library: "personal", shortcut: "a".repeat(CANNED_SHORTCUT_MAX + 1), body: "x" });
    expect(tooLong.validationErrors).toMatchObject({ shortcut: { _errors: [`A shortcut has at most ${CANNED_SHORTCUT_MAX} characters.`] } });
    expect((await createCannedResponseAction({ library: "personal", shortcut: "two words", body: "x" })).validationErrors).toMatchObject({
      shortcut: { _errors: ["Use only letters, digits, - and _ in a shortcut (no spaces)."] },
    });
    expect((await createCannedResponseAction({ library: "personal", shortcut: "/", body: "x" })).validationErrors).toMatchObject({ shortcut: { _errors: ["Enter a shortcut."] } });
    expect((await createCannedResponseAction({ library: "personal", shortcut: "ok", body: "  \n " })).validationErrors).toMatchObject({
      body: { _errors: ["Enter the text of the response."] },
    });
    expect((await createCannedResponseAction({ library: "personal", shortcut: "ok", body: "x".repeat(CANNED_BODY_MAX + 1) })).validationErrors).toMatchObject({
      body: { _errors: [`The text has at most ${CANNED_BODY_MAX} characters.`] },
    });
    // The service holds the same rules for any other door.
    await expect(createCannedResponse(db(), actor("agent"), { library: "personal", shortcut: "a".repeat(33), body: "x" })).rejects.toMatchObject({ field: "shortcut" });
    await expect(createCannedResponse(db(), actor("agent"), { library: "personal", shortcut: "ok", body: "x".repeat(4097) })).rejects.toMatchObject({ field: "body" });
    // At the limits exactly, accepted (letters of any script count as letters).
    const fits = await createCannedResponseAction({ library: "personal", shortcut: "ñ_1-".padEnd(CANNED_SHORTCUT_MAX, "z"), body: "y".repeat(CANNED_BODY_MAX) });
    expect(fits.serverError).toBeUndefined();
    expect(fits.validationErrors).toBeUndefined();
    expect(await db().select({ id: cannedResponses.id }).from(cannedResponses)).toHaveLength(1);
  });

  it("takes media only from the library of a number the user may use", async () => {
    await signInAs("agent");
    const refused = await createCannedResponseAction({ library: "personal", shortcut: "car", body: "See", mediaId: "media-of-b" });
    expect(refused.serverError).toMatchObject({ code: "NOT_FOUND", field: "mediaId", message: "This file is not in the media library of a number you can use." });
    expect((await createCannedResponseAction({ library: "personal", shortcut: "car", body: "See", mediaId: "no-such-file" })).serverError?.field).toBe("mediaId");
    expect(await db().select().from(cannedResponses)).toEqual([]);
    // The admin attaches B's file to the team library: an agent of A sees the response, not the file.
    const teamWithB = await createCannedResponse(db(), actor("admin"), { library: "team", shortcut: "garage", body: "Our garage", mediaId: "media-of-b" });
    expect(teamWithB.media?.id).toBe("media-of-b");
    const [listed] = await listCannedResponses(db(), actor("agent"));
    expect(listed).toMatchObject({ shortcut: "garage", media: null, mediaMissing: true });
    // Updating its text keeps the file the agent cannot see (a marketer of A edits it).
    const kept = await updateCannedResponse(db(), actor("marketer"), teamWithB.id, { body: "Our garage, open 9-5", mediaId: "media-of-b" });
    expect(kept).toMatchObject({ mediaMissing: true });
    expect((await db().select({ mediaId: cannedResponses.mediaId }).from(cannedResponses))[0]!.mediaId).toBe("media-of-b");
  });

  it("fills the picker's responses from the conversation, searches them, and keeps other connections' conversations out", async () => {
    await createCannedResponse(db(), actor("marketer"), { library: "team", shortcut: "hello", body: "Hi {{contact.name}} from {{contact.city}}, {{agent.name}} here. {{contact.zip}}", mediaId: "media-of-a" });
    await createCannedResponse(db(), actor("marketer"), { library: "team", shortcut: "old", body: "Old menu", mediaId: "media-of-a-expired" });
    await createCannedResponse(db(), actor("agent"), { library: "personal", shortcut: "thanks", body: "Thanks, {{contact.name}}!" });
    await createCannedResponse(db(), actor("otherAgent"), { library: "personal", shortcut: "secret", body: "Not for Ana" });
    await signInAs("agent");

    const picker = (await (await route(`conversationId=${conversation.a}`)).json()) as CannedPickerList;
    expect(picker.responses.map((response) => response.shortcut)).toEqual(["hello", "old", "thanks"]);
    expect(picker.responses[0]).toMatchObject({
      filled: { text: "Hi Lucia Baker from Porto, Ana Agent here. {{contact.zip}}", missing: ["contact.zip"] },
      mediaUsable: true,
    });
    expect(picker.responses[1]).toMatchObject({ mediaUsable: false });
    expect(picker.responses[2]).toMatchObject({ library: "personal", filled: { text: "Thanks, Lucia Baker!", missing: [] } });

    const searched = (await (await route(`conversationId=${conversation.a}&q=THANK`)).json()) as CannedPickerList;
    expect(searched.responses.map((response) => response.shortcut)).toEqual(["thanks"]);
    const byText = (await (await route(`conversationId=${conversation.a}&q=menu`)).json()) as CannedPickerList;
    expect(byText.responses.map((response) => response.shortcut)).toEqual(["old"]);
    // "%" is searched as itself, not as a wildcard.
    expect(((await (await route(`conversationId=${conversation.a}&q=%25`)).json()) as CannedPickerList).responses).toEqual([]);

    const nameless = await cannedResponsesForConversation(db(), actor("agent"), conversation.anonymous);
    expect(nameless.find((response) => response.shortcut === "thanks")?.filled).toEqual({ text: "Thanks, {{contact.name}}!", missing: ["contact.name"] });

    expect((await route(`conversationId=${conversation.b}`)).status).toBe(404);
    expect((await route(`conversationId=${MISSING}`)).status).toBe(404);
    expect((await route("conversationId=not-a-uuid")).status).toBe(404);
    expect((await route("library=everyone")).status).toBe(400);
  });
});
