/** Notifications, availability and the inbox's counts, on both databases, through the services and their doors. */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { countInbox } from "@/db/queries/inbox-counts";
import { insertNotifications } from "@/db/queries/notifications";
import { replaceConnectionAccess } from "@/db/queries/connection-access";
import { insertUser } from "@/db/queries/users";
import { contacts, conversations, liveEvents, notifications, phoneNumbers, users } from "@/db/schema";
import { insertTwoConnections } from "@/db/test-connections";
import { testDatabases } from "@/db/test-databases";
import type { SessionUser } from "@/lib/auth/session";
import { startSession } from "@/lib/auth/sessions";
import { assignConversationTo } from "@/lib/inbox/assignment";
import { setOwnAvailability, presenceOf } from "@/lib/users/availability";

import { listOwnNotifications, markOwnNotificationsRead, setDesktopNotifications } from "./service";

const session = vi.hoisted(() => ({ userId: undefined as string | undefined, sessionId: undefined as string | undefined }));
const database = vi.hoisted(() => ({ handle: undefined as unknown as import("@/db/client").DatabaseHandle }));
vi.mock("@/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId }, expires: "", sessionId: session.sessionId } : null) }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));

const HOUR = 60 * 60 * 1000;

describe.each(testDatabases)("notifications and the inbox's counts on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  let admin: SessionUser;
  let agent: SessionUser;
  let other: SessionUser;
  let counter = 0;

  const person = async (role: "admin" | "agent", connections: SessionUser["connections"]): Promise<SessionUser> => {
    const name = `Person ${(counter += 1)}`;
    const row = await insertUser(handle.db, { email: `p${counter}-${Date.now()}@example.test`, name, role, passwordHash: "x" });
    await replaceConnectionAccess(handle.db, row!.id, { all: connections.all, connectionIds: connections.all ? [] : connections.connectionIds });
    return { id: row!.id, email: row!.email, name, role, mustChangePassword: false, locale: null, timeZone: null, connections };
  };
  /** A conversation with a customer of that name on a number, as the inbox would hold it. */
  const conversation = async (number: string, customer: string, values: Partial<typeof conversations.$inferInsert> = {}) => {
    const waId = `1555${String((counter += 1)).padStart(7, "0")}`;
    await handle.db.insert(contacts).values({ waId, profileName: customer, phoneNumber: waId });
    const [row] = await handle.db.insert(conversations).values({ phoneNumberId: number, waId, ...values }).returning({ id: conversations.id });
    return row!.id;
  };
  const eventsOf = async (kind: string) => (await handle.db.select().from(liveEvents).where(eq(liveEvents.kind, kind))).map((event) => event.payload);

  beforeAll(async () => {
    handle = await testDatabase.open();
    database.handle = handle;
    await insertTwoConnections(handle.db);
    await handle.db.insert(phoneNumbers).values([
      { id: "pn-notify-a", wabaId: "waba-a", connectionId: "conn-a" },
      { id: "pn-notify-b", wabaId: "waba-b", connectionId: "conn-b" },
    ]);
    admin = await person("admin", { all: true });
    agent = await person("agent", { all: false, connectionIds: ["conn-a"] });
    other = await person("agent", { all: false, connectionIds: ["conn-a"] });
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(() => {
    database.handle = handle;
    session.userId = undefined;
  });

  it("notifies the new assignee of a reassignment, once, and never someone assigning to themself", async () => {
    const id = await conversation("pn-notify-a", "Maria Notify");
    await assignConversationTo(handle.db, admin, id, agent.id);
    await assignConversationTo(handle.db, admin, id, agent.id);
    const selfAssigned = await conversation("pn-notify-a", "Self Assigned");
    await assignConversationTo(handle.db, agent, selfAssigned, agent.id);
    await assignConversationTo(handle.db, admin, id, null);

    const list = await listOwnNotifications(handle.db, agent);
    expect(list.unread).toBe(1);
    expect(list.notifications).toEqual([
      expect.objectContaining({ kind: "assignment", conversationId: id, actorName: admin.name, read: false, customer: expect.objectContaining({ customerName: "Maria Notify" }) }),
    ]);
    expect(await eventsOf("notification.created")).toContainEqual(expect.objectContaining({ forUserId: agent.id, conversationId: id, notificationKind: "assignment" }));
  });

  it("lists newest first, says auto-assignment by no actor, and leaves out conversations of connections the reader cannot see", async () => {
    const first = await conversation("pn-notify-a", "Older");
    const second = await conversation("pn-notify-a", "Newer");
    const hidden = await conversation("pn-notify-b", "Elsewhere");
    await handle.db.transaction((tx) => insertNotifications(tx, [{ userId: other.id, kind: "mention", conversationId: first, actorId: admin.id }]));
    await handle.db.transaction((tx) => insertNotifications(tx, [{ userId: other.id, kind: "assignment", conversationId: second, actorId: null }]));
    await handle.db.transaction((tx) => insertNotifications(tx, [{ userId: other.id, kind: "mention", conversationId: hidden, actorId: admin.id }]));
    const list = await listOwnNotifications(handle.db, other);
    expect(list.notifications.map((item) => [item.conversationId, item.kind, item.actorName])).toEqual([
      [second, "assignment", null],
      [first, "mention", admin.name],
    ]);
    expect(list.unread).toBe(2);

    expect(await markOwnNotificationsRead(handle.db, other.id, first)).toEqual({ marked: 1 });
    expect((await listOwnNotifications(handle.db, other)).notifications.map((item) => item.read)).toEqual([false, true]);
    await markOwnNotificationsRead(handle.db, other.id);
    expect((await listOwnNotifications(handle.db, other)).unread).toBe(0);
    // The hidden one was read too: "all" is all of the reader's own.
    expect(await handle.db.select().from(notifications).where(and(eq(notifications.userId, other.id), eq(notifications.conversationId, hidden)))).toEqual([
      expect.objectContaining({ readAt: expect.any(Date) }),
    ]);
  });

  it("counts unread conversations assigned to the reader or to nobody, expiring ones and those back from snooze", async () => {
    const reader = await person("agent", { all: false, connectionIds: ["conn-a"] });
    const now = new Date();
    const before = await countInbox(handle.db, { userId: reader.id, scope: reader.connections, now });
    await conversation("pn-notify-a", "Unread Mine", { assigneeId: reader.id, unreadCount: 2 });
    await conversation("pn-notify-a", "Unread Nobody's", { unreadCount: 1 });
    await conversation("pn-notify-a", "Unread Someone Else's", { assigneeId: other.id, unreadCount: 1 });
    await conversation("pn-notify-a", "Read", { assigneeId: reader.id, unreadCount: 0 });
    await conversation("pn-notify-a", "Resolved", { unreadCount: 3, status: "resolved" });
    await conversation("pn-notify-b", "Other Connection", { unreadCount: 3 });
    await conversation("pn-notify-a", "Snoozed", { unreadCount: 1, snoozedUntil: new Date(now.getTime() + HOUR), snoozedAt: new Date(now.getTime() - HOUR) });
    await conversation("pn-notify-a", "Back From Snooze", { snoozedUntil: new Date(now.getTime() - HOUR), snoozedAt: new Date(now.getTime() - 2 * HOUR) });
    await conversation("pn-notify-a", "Expiring", { lastInboundAt: new Date(now.getTime() - 23 * HOUR) });
    await conversation("pn-notify-a", "Fresh", { lastInboundAt: new Date(now.getTime() - 1 * HOUR) });
    const after = await countInbox(handle.db, { userId: reader.id, scope: reader.connections, now });
    expect({
      unreadConversations: after.unreadConversations - before.unreadConversations,
      expiringSoon: after.expiringSoon - before.expiringSoon,
      snoozedBack: after.snoozedBack - before.snoozedBack,
    }).toEqual({ unreadConversations: 2, expiringSoon: 1, snoozedBack: 1 });
  });

  it("sets the reader's availability and desktop notifications, announcing a change only", async () => {
    const reader = await person("agent", { all: true });
    expect(await presenceOf(handle.db, reader.id)).toEqual({ userId: reader.id, availability: "available", desktopNotifications: false });
    await setOwnAvailability(handle.db, reader.id, "away");
    await setOwnAvailability(handle.db, reader.id, "away");
    expect((await eventsOf("user.availability")).filter((payload) => payload.availabilityOf === reader.id)).toHaveLength(1);
    expect(await setDesktopNotifications(handle.db, reader.id, true)).toEqual({ desktopNotifications: true });
    const [row] = await handle.db.select({ availability: users.availability, desktop: users.desktopNotifications }).from(users).where(eq(users.id, reader.id));
    expect(row).toEqual({ availability: "away", desktop: true });
  });

  it("refuses the actions and routes without a session, and validates their input", async () => {
    const { markNotificationsReadAction, setDesktopNotificationsAction } = await import("@/lib/actions/notifications");
    const { setAvailabilityAction } = await import("@/lib/actions/availability");
    const routes = await import("@/app/api/notifications/route");
    const counts = await import("@/app/api/inbox/counts/route");
    const presence = await import("@/app/api/notifications/presence/route");

    expect((await markNotificationsReadAction({})).serverError).toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await setDesktopNotificationsAction({ enabled: true })).serverError).toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await setAvailabilityAction({ availability: "away" })).serverError).toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await routes.GET(new Request("http://test/api/notifications"))).status).toBe(401);
    expect((await counts.GET(new Request("http://test/api/inbox/counts"))).status).toBe(401);
    expect((await presence.GET(new Request("http://test/api/notifications/presence"))).status).toBe(401);

    session.userId = agent.id;
    session.sessionId = (await startSession(handle.db, { userId: agent.id })).id;
    // @ts-expect-error: a value the schema refuses
    expect((await setAvailabilityAction({ availability: "busy" })).validationErrors).toBeDefined();
    expect((await markNotificationsReadAction({ conversationId: "not-a-uuid" })).validationErrors).toBeDefined();
    const refused = await routes.POST(new Request("http://test/api/notifications", { method: "POST", body: JSON.stringify({ conversationId: "nope" }) }));
    expect(refused.status).toBe(400);
    expect((await setAvailabilityAction({ availability: "away" })).data).toMatchObject({ availability: "away" });
    expect(await (await presence.GET(new Request("http://test/api/notifications/presence"))).json()).toMatchObject({ userId: agent.id, availability: "away" });
    const listed = (await (await routes.GET(new Request("http://test/api/notifications"))).json()) as { unread: number };
    expect(listed.unread).toBe(1);
    expect(await (await routes.POST(new Request("http://test/api/notifications", { method: "POST", body: "{}" }))).json()).toEqual({ marked: 1 });
    expect(await (await counts.GET(new Request("http://test/api/inbox/counts"))).json()).toEqual({
      unreadConversations: expect.any(Number),
      expiringSoon: expect.any(Number),
      snoozedBack: expect.any(Number),
    });
  });
});
