/**
 * What follows a customer's message, on both databases: the webhook's ingest queues the automation
 * (on a recording engine), the job runs as the engine would run it, the gateway is a counting fake.
 */
import { randomUUID } from "node:crypto";

import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { saveAutoAssignment, saveAutomaticMessages, saveSchedule, type WeeklyHours } from "@/db/queries/inbox-settings";
import { connections, conversations, messages, notifications, phoneNumbers, users } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { inbound, WABA_ID } from "@/lib/webhooks/test-payloads";
import { receiveWebhook } from "@/lib/webhooks/ingest";

import { attachInboxAutomationEngine, runInboundAutomation, type InboundAutomationJobData } from "./automation-jobs";
import type { SendContext } from "./outbound";

const HOUR = 60 * 60 * 1000;
const CONNECTION_ID = "automation-connection";
let numbers = 0;
let customers = 0;
const nextCustomer = () => `1444555${String(1000 + (customers += 1))}`;

/** "HH:MM" of an instant in a fixed-offset zone. */
function hhmm(instant: Date, offsetHours: number): string {
  const local = new Date(instant.getTime() + offsetHours * HOUR);
  return local.toISOString().slice(11, 16);
}

/**
 * A zone where it is about noon now, and daily hours from two hours ago to one hour ago: so that within
 * the last 24 hours (the window) there are two closed periods, before and after that opening.
 */
function scheduleAroundNow(now: Date) {
  const offset = 12 - now.getUTCHours();
  const timeZone = offset === 0 ? "Etc/GMT" : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
  const hours = [{ from: hhmm(new Date(now.getTime() - 2 * HOUR), offset), to: hhmm(new Date(now.getTime() - HOUR), offset) }];
  const weekly = Object.fromEntries(["1", "2", "3", "4", "5", "6", "7"].map((day) => [day, hours])) as WeeklyHours;
  return { timeZone, weekly, holidays: [] };
}

describe.each(testDatabases)("inbox automation on $name", (database) => {
  let handle: DatabaseHandle;
  const queued: InboundAutomationJobData[] = [];
  let gatewaySends = 0;
  const context: SendContext = {
    gateway: {
      messages: {
        sendMessage: async () => {
          gatewaySends += 1;
          return { messageId: `wamid.automatic-${randomUUID()}` };
        },
      },
      templates: {},
    } as unknown as SendContext["gateway"],
  };

  beforeAll(async () => {
    handle = await database.open();
    await handle.db.insert(connections).values({ id: CONNECTION_ID, status: "ACTIVE" });
    attachInboxAutomationEngine(handle.db, {
      send: async (_job, data) => {
        queued.push(data as InboundAutomationJobData);
        return randomUUID();
      },
    });
  });
  afterAll(async () => {
    await handle.close();
  });

  async function newNumber(): Promise<string> {
    const id = `9900${String((numbers += 1)).padStart(6, "0")}`;
    await handle.db.insert(phoneNumbers).values({ id, wabaId: WABA_ID, connectionId: CONNECTION_ID, displayPhoneNumber: `1555000${id.slice(-4)}` });
    return id;
  }

  /** The customer writes at `at`: the webhook is ingested and the jobs it queued run; answers their conversation. */
  async function customerWrites(phoneNumberId: string, from: string, at: Date, body = "Hello?") {
    const payload = inbound(from, "text", { body }, { at, phoneNumberId });
    const raw = JSON.stringify(payload);
    await receiveWebhook(handle.db, { body: raw, payload, authenticatedBy: "signature" });
    const jobs = queued.splice(0);
    for (const job of jobs) await runInboundAutomation(handle.db, job, context);
    const [conversation] = await handle.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.phoneNumberId, phoneNumberId), eq(conversations.waId, from)));
    return { conversation: conversation!, jobs, raw, payload };
  }

  const automaticOf = (conversationId: string) =>
    handle.db
      .select({ origin: messages.origin, clientKey: messages.clientKey, body: messages.content, senderId: messages.senderId, status: messages.status })
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, "outbound")))
      .orderBy(asc(messages.seq));

  async function addAgent(name: string, availability: "available" | "away" = "available") {
    const [user] = await handle.db
      .insert(users)
      .values({ email: `${randomUUID()}@automation.test`, name, passwordHash: "x", role: "agent", allConnections: true, availability })
      .returning({ id: users.id });
    return user!.id;
  }

  it("sends the away message once per closed period, never in the opening, and again in the next closed period", async () => {
    const now = new Date();
    const number = await newNumber();
    await saveSchedule(handle.db, number, scheduleAroundNow(now), null);
    await saveAutomaticMessages(handle.db, number, { awayEnabled: true, awayText: "We are closed, back soon.", welcomeEnabled: false, welcomeText: "" }, null);
    const customer = nextCustomer();

    const first = await customerWrites(number, customer, new Date(now.getTime() - 3 * HOUR));
    expect(first.jobs).toHaveLength(1);
    await customerWrites(number, customer, new Date(now.getTime() - 2.5 * HOUR));
    let sent = await automaticOf(first.conversation.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ origin: "away_message", senderId: null, body: { text: { body: "We are closed, back soon." } } });
    expect(sent[0]!.clientKey).toMatch(new RegExp(`^away:${first.conversation.id}:`));

    // Written while open: nothing.
    await customerWrites(number, customer, new Date(now.getTime() - 1.5 * HOUR));
    expect(await automaticOf(first.conversation.id)).toHaveLength(1);

    // The next closed period.
    await customerWrites(number, customer, new Date(now.getTime() - 0.5 * HOUR));
    sent = await automaticOf(first.conversation.id);
    expect(sent.map((row) => row.origin)).toEqual(["away_message", "away_message"]);
    expect(new Set(sent.map((row) => row.clientKey)).size).toBe(2);
    expect(gatewaySends).toBe(2);
  });

  it("never sends twice for a redelivered webhook or a job run again", async () => {
    const now = new Date();
    const number = await newNumber();
    await saveSchedule(handle.db, number, scheduleAroundNow(now), null);
    await saveAutomaticMessages(handle.db, number, { awayEnabled: true, awayText: "Closed.", welcomeEnabled: true, welcomeText: "Welcome!" }, null);
    const before = gatewaySends;
    const { conversation, jobs, raw, payload } = await customerWrites(number, nextCustomer(), new Date(now.getTime() - 3 * HOUR));
    expect(gatewaySends - before).toBe(2);

    await receiveWebhook(handle.db, { body: raw, payload, authenticatedBy: "signature" });
    expect(queued).toHaveLength(0);
    const again = await runInboundAutomation(handle.db, jobs[0]!, context);
    expect(again.messages.map((outcome) => outcome.result)).toEqual(["already_sent", "already_sent"]);
    expect(gatewaySends - before).toBe(2);
    expect(await automaticOf(conversation.id)).toHaveLength(2);
  });

  it("sends nothing once the window has closed when the job runs", async () => {
    const now = new Date();
    const number = await newNumber();
    await saveSchedule(handle.db, number, scheduleAroundNow(now), null);
    await saveAutomaticMessages(handle.db, number, { awayEnabled: true, awayText: "Closed.", welcomeEnabled: true, welcomeText: "Welcome!" }, null);
    const before = gatewaySends;
    const { conversation, jobs } = await customerWrites(number, nextCustomer(), new Date(now.getTime() - 25 * HOUR));
    expect(jobs).toHaveLength(1);
    const outcome = await runInboundAutomation(handle.db, jobs[0]!, context);
    expect(outcome.messages).toEqual([
      { kind: "welcome_message", result: "refused", reason: "WINDOW_CLOSED" },
      { kind: "away_message", result: "refused", reason: "WINDOW_CLOSED" },
    ]);
    expect(await automaticOf(conversation.id)).toHaveLength(0);
    expect(gatewaySends).toBe(before);
  });

  it("welcomes a customer on their first message ever, not on the next; switched off, sends nothing", async () => {
    const now = new Date();
    const number = await newNumber();
    // Open around the clock: only the welcome message can go.
    const always = Object.fromEntries(["1", "2", "3", "4", "5", "6", "7"].map((day) => [day, [{ from: "00:00", to: "24:00" }]])) as WeeklyHours;
    await saveSchedule(handle.db, number, { timeZone: "UTC", weekly: always, holidays: [] }, null);
    await saveAutomaticMessages(handle.db, number, { awayEnabled: true, awayText: "Closed.", welcomeEnabled: true, welcomeText: "Welcome to Lumen!" }, null);
    const customer = nextCustomer();
    const { conversation } = await customerWrites(number, customer, new Date(now.getTime() - 10 * 60_000));
    await customerWrites(number, customer, new Date(now.getTime() - 5 * 60_000));
    const sent = await automaticOf(conversation.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ origin: "welcome_message", clientKey: `welcome:${conversation.id}`, body: { text: { body: "Welcome to Lumen!" } } });

    await saveAutomaticMessages(handle.db, number, { awayEnabled: false, awayText: "Closed.", welcomeEnabled: false, welcomeText: "Welcome to Lumen!" }, null);
    const other = await customerWrites(number, nextCustomer(), new Date(now.getTime() - 60_000));
    expect(await automaticOf(other.conversation.id)).toHaveLength(0);
  });

  it("assigns new conversations in turn between available agents, skips one away, notifies, and leaves them unassigned when nobody is available", async () => {
    const number = await newNumber();
    const ana = await addAgent("Ana Automation");
    const ben = await addAgent("Ben Automation");
    await saveAutoAssignment(handle.db, number, true, [ana, ben], null);
    const assigneeOf = async () => (await customerWrites(number, nextCustomer(), new Date())).conversation.assigneeId;

    expect([await assigneeOf(), await assigneeOf(), await assigneeOf(), await assigneeOf()]).toEqual([ana, ben, ana, ben]);
    const [notified] = await handle.db.select({ count: notifications.id }).from(notifications).where(and(eq(notifications.userId, ana), eq(notifications.kind, "assignment")));
    expect(notified).toBeDefined();

    await handle.db.update(users).set({ availability: "away" }).where(eq(users.id, ana));
    expect([await assigneeOf(), await assigneeOf()]).toEqual([ben, ben]);

    await handle.db.update(users).set({ availability: "away" }).where(eq(users.id, ben));
    expect(await assigneeOf()).toBeNull();

    // A conversation already assigned keeps its assignee when the customer writes again.
    await handle.db.update(users).set({ availability: "available" }).where(eq(users.id, ana));
    const customer = nextCustomer();
    const { conversation } = await customerWrites(number, customer, new Date());
    expect(conversation.assigneeId).toBe(ana);
    await handle.db.update(users).set({ availability: "available" }).where(eq(users.id, ben));
    expect((await customerWrites(number, customer, new Date())).conversation.assigneeId).toBe(ana);
  });

  it("assigns nobody while auto-assignment is off", async () => {
    const number = await newNumber();
    const cy = await addAgent("Cy Automation");
    await saveAutoAssignment(handle.db, number, false, [cy], null);
    expect((await customerWrites(number, nextCustomer(), new Date())).conversation.assigneeId).toBeNull();
  });
});
