/**
 * The 24-hour window report against one hand-counted fixture, on both databases. The conversations,
 * messages, assignments and resolution go through the product's own queries, so the triggers fill
 * customer_waits exactly as they do in use.
 */
import { randomUUID } from "node:crypto";

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import type { AnalyticsQuery } from "@/db/queries/analytics-filters";
import { ALL_CONNECTIONS, type ConnectionScope } from "@/db/queries/connection-access";
import { addLabelLinks, insertLabel } from "@/db/queries/conversation-labels";
import { updateContactRecord } from "@/db/queries/contacts";
import { assignConversation, setConversationStatus } from "@/db/queries/conversations";
import { insertPendingOutbound, recordOutboundSent } from "@/db/queries/outbound-messages";
import { findUserByEmail } from "@/db/queries/users";
import { applyStatus, ingestDelivery } from "@/db/queries/webhook-ingest";
import { contacts, conversations, phoneNumbers } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { insertTwoConnections } from "@/db/test-connections";
import { testDatabases } from "@/db/test-databases";
import { inbound } from "@/lib/webhooks/test-payloads";
import { recordsFromDelivery } from "@/lib/whatsapp/inbound";

import { resolveRange } from "./range";
import type { AnalyticsRequest } from "./types";
import { windowsReport } from "./windows";

// São Paulo keeps UTC−3 all year: a wait at 02:30 UTC belongs to the day before there.
const TIME_ZONE = "America/Sao_Paulo";
const NOW = new Date("2026-03-12T15:00:00Z");
const NUMBER_A = "pn-windows-a";
const NUMBER_B = "pn-windows-b";
const at = (iso: string) => new Date(iso);

describe.each(testDatabases)("the 24-hour window report on $name", (database) => {
  let handle: DatabaseHandle;
  let sam: { id: string; name: string };
  let mia: { id: string; name: string };
  let labelId: string;
  const waits: Record<"w0" | "w1" | "w2" | "w3" | "w4" | "w5" | "w6", string> = { w0: "", w1: "", w2: "", w3: "", w4: "", w5: "", w6: "" };

  const customerWrites = async (waId: string, phoneNumberId: string, when: Date, name: string) => {
    await ingestDelivery(handle.db, recordsFromDelivery(inbound(waId, "text", { body: "Hello?" }, { at: when, phoneNumberId, name }), when));
    const [row] = await handle.db.select({ id: conversations.id }).from(conversations).where(eq(conversations.waId, waId));
    return row!.id;
  };
  /** An agent's reply, stored pending then (unless `pending`) reported sent by WhatsApp. */
  const reply = async (conversationId: string, senderId: string, when: Date, options: { pending?: boolean } = {}) => {
    const { message } = await insertPendingOutbound(handle.db, {
      conversationId,
      type: "text",
      content: { text: { body: "On it" } },
      preview: { kind: "text", detail: "On it" },
      senderId,
      clientKey: randomUUID(),
      now: when,
    });
    if (options.pending) return;
    const wamid = `wamid.windows-${randomUUID()}`;
    await recordOutboundSent(handle.db, message.id, wamid, () => undefined);
    await applyStatus(handle.db, { wamid, status: "sent", at: when, recipientId: undefined, errors: undefined, pricing: undefined, movesFrom: ["pending"] });
  };
  /** Resolves at `when`: the query stamps the update with the clock's time, which the trigger takes as the resolution's. */
  const resolveAt = async (conversationId: string, when: Date) => {
    vi.setSystemTime(when);
    try {
      await setConversationStatus(handle.db, conversationId, "resolved");
    } finally {
      vi.useRealTimers();
    }
  };

  const request = (filters: Partial<Pick<AnalyticsQuery, "phoneNumberId" | "agentId" | "labelId">> & { scope?: ConnectionScope; viewAll?: boolean } = {}): AnalyticsRequest => {
    const resolved = resolveRange({ from: "2026-03-09", to: "2026-03-12" }, TIME_ZONE, NOW);
    if (!resolved.ok) throw new Error("the fixture's range is valid");
    const { range } = resolved;
    return {
      query: {
        start: new Date(range.start),
        end: new Date(range.end),
        timeZone: TIME_ZONE,
        scope: filters.scope ?? ALL_CONNECTIONS,
        phoneNumberId: filters.phoneNumberId ?? null,
        agentId: filters.agentId ?? null,
        labelId: filters.labelId ?? null,
        campaignId: null,
      },
      range,
      viewAll: filters.viewAll ?? true,
      userId: sam.id,
      now: NOW,
    };
  };

  beforeAll(async () => {
    handle = await database.open();
    const db = handle.db;
    await seedDemoUsers(db);
    await insertTwoConnections(db);
    await db.insert(phoneNumbers).values([
      { id: NUMBER_A, wabaId: "waba-a", connectionId: "conn-a", displayPhoneNumber: "+1 555-0100" },
      { id: NUMBER_B, wabaId: "waba-b", connectionId: "conn-b", displayPhoneNumber: "+1 555-0200" },
    ]);
    const agent = (await findUserByEmail(db, "agent@demo.test"))!;
    const marketer = (await findUserByEmail(db, "marketer@demo.test"))!;
    sam = { id: agent.id, name: agent.name };
    mia = { id: marketer.id, name: marketer.name };

    // W0: before the range, never answered; its window closes on Mar 9 (local): missed, Sam's, not a wait of the range.
    waits.w0 = await customerWrites("15557000100", NUMBER_B, at("2026-03-08T10:00:00Z"), "Olga");
    await assignConversation(db, waits.w0, sam.id);
    const [olga] = await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.waId, "15557000100"));
    await updateContactRecord(db, olga!.id, { displayName: "Olga (VIP)", set: {}, remove: [] });
    // W1: answered by Sam in 10 minutes.
    waits.w1 = await customerWrites("15557000101", NUMBER_A, at("2026-03-10T12:00:00Z"), "Ana");
    await assignConversation(db, waits.w1, sam.id);
    await reply(waits.w1, sam.id, at("2026-03-10T12:10:00Z"));
    // W2: answered by Mia in 2 hours.
    waits.w2 = await customerWrites("15557000102", NUMBER_A, at("2026-03-10T13:00:00Z"), "Ben");
    await assignConversation(db, waits.w2, mia.id);
    await reply(waits.w2, mia.id, at("2026-03-10T15:00:00Z"));
    // W3: unassigned, two messages (one wait), a reply that never went out; window closes Mar 10 17:00 local: missed.
    waits.w3 = await customerWrites("15557000103", NUMBER_B, at("2026-03-09T10:00:00Z"), "Bruno");
    await customerWrites("15557000103", NUMBER_B, at("2026-03-09T20:00:00Z"), "Bruno");
    await reply(waits.w3, sam.id, at("2026-03-09T21:00:00Z"), { pending: true });
    // W4: starts Mar 10 23:30 local, answered by Sam 26 hours later: missed on Mar 11 local (Mar 12 in UTC), late reply.
    waits.w4 = await customerWrites("15557000104", NUMBER_A, at("2026-03-11T02:30:00Z"), "Dana");
    await assignConversation(db, waits.w4, sam.id);
    await reply(waits.w4, sam.id, at("2026-03-12T04:30:00Z"));
    // W5: Mia's, resolved without a reply 20 hours in, before its window closed: not missed.
    waits.w5 = await customerWrites("15557000105", NUMBER_A, at("2026-03-11T12:00:00Z"), "Eve");
    await assignConversation(db, waits.w5, mia.id);
    await resolveAt(waits.w5, at("2026-03-12T08:00:00Z"));
    // W6: Sam's, 19 hours old at NOW: its window closes inside the range but after NOW, so not missed (yet).
    waits.w6 = await customerWrites("15557000106", NUMBER_B, at("2026-03-11T20:00:00Z"), "Finn");
    await assignConversation(db, waits.w6, sam.id);

    labelId = (await insertLabel(db, { name: "Windows VIP", color: "amber" }))!.id;
    await addLabelLinks(db, [waits.w3], [labelId]);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("counts waits, the hour's answers and missed windows per day, per agent and in the list", async () => {
    const report = await windowsReport(handle.db, request());

    expect(report.totals).toEqual({ waits: 6, answeredWithinHour: 1, answeredWithinHourShare: 1 / 6, missed: 3 });
    expect(report.days).toEqual([
      { date: "2026-03-09", waits: 1, missed: 1 },
      { date: "2026-03-10", waits: 3, missed: 1 },
      { date: "2026-03-11", waits: 2, missed: 1 },
      { date: "2026-03-12", waits: 0, missed: 0 },
    ]);
    expect(report.byAgent).toEqual([
      { agentId: sam.id, name: sam.name, waits: 3, missed: 2 },
      { agentId: null, name: null, waits: 1, missed: 1 },
      { agentId: mia.id, name: mia.name, waits: 2, missed: 0 },
    ]);
    expect(report.missed).toEqual([
      {
        conversationId: waits.w4,
        customerName: "Dana",
        phoneNumberId: NUMBER_A,
        agentId: sam.id,
        agentName: sam.name,
        lastInboundAt: "2026-03-11T02:30:00.000Z",
        windowClosedAt: "2026-03-12T02:30:00.000Z",
        answeredAt: "2026-03-12T04:30:00.000Z",
      },
      {
        conversationId: waits.w3,
        customerName: "Bruno",
        phoneNumberId: NUMBER_B,
        agentId: null,
        agentName: null,
        lastInboundAt: "2026-03-09T20:00:00.000Z",
        windowClosedAt: "2026-03-10T20:00:00.000Z",
        answeredAt: null,
      },
      {
        conversationId: waits.w0,
        customerName: "Olga (VIP)",
        phoneNumberId: NUMBER_B,
        agentId: sam.id,
        agentName: sam.name,
        lastInboundAt: "2026-03-08T10:00:00.000Z",
        windowClosedAt: "2026-03-09T10:00:00.000Z",
        answeredAt: null,
      },
    ]);
  });

  it("keeps to one business number when filtered by it", async () => {
    const report = await windowsReport(handle.db, request({ phoneNumberId: NUMBER_B }));

    expect(report.totals).toEqual({ waits: 2, answeredWithinHour: 0, answeredWithinHourShare: 0, missed: 2 });
    expect(report.days).toEqual([
      { date: "2026-03-09", waits: 1, missed: 1 },
      { date: "2026-03-10", waits: 0, missed: 1 },
      { date: "2026-03-11", waits: 1, missed: 0 },
      { date: "2026-03-12", waits: 0, missed: 0 },
    ]);
    expect(report.byAgent).toEqual([
      { agentId: sam.id, name: sam.name, waits: 1, missed: 1 },
      { agentId: null, name: null, waits: 1, missed: 1 },
    ]);
    expect(report.missed.map((window) => window.conversationId)).toEqual([waits.w3, waits.w0]);
  });

  it("shows an agent only their own waits, on the numbers of their connections", async () => {
    const report = await windowsReport(handle.db, request({ agentId: sam.id, viewAll: false, scope: { all: false, connectionIds: ["conn-a"] } }));

    expect(report.totals).toEqual({ waits: 2, answeredWithinHour: 1, answeredWithinHourShare: 0.5, missed: 1 });
    expect(report.days).toEqual([
      { date: "2026-03-09", waits: 0, missed: 0 },
      { date: "2026-03-10", waits: 2, missed: 0 },
      { date: "2026-03-11", waits: 0, missed: 1 },
      { date: "2026-03-12", waits: 0, missed: 0 },
    ]);
    expect(report.byAgent).toEqual([{ agentId: sam.id, name: sam.name, waits: 2, missed: 1 }]);
    expect(report.missed.map((window) => window.conversationId)).toEqual([waits.w4]);
  });

  it("keeps to a label's conversations, and answers no share without waits", async () => {
    const labelled = await windowsReport(handle.db, request({ labelId }));
    expect(labelled.totals).toEqual({ waits: 1, answeredWithinHour: 0, answeredWithinHourShare: 0, missed: 1 });
    expect(labelled.byAgent).toEqual([{ agentId: null, name: null, waits: 1, missed: 1 }]);

    const nobody = await windowsReport(handle.db, request({ agentId: randomUUID(), viewAll: false }));
    expect(nobody.totals).toEqual({ waits: 0, answeredWithinHour: 0, answeredWithinHourShare: null, missed: 0 });
    expect(nobody.days.every((day) => day.waits === 0 && day.missed === 0)).toBe(true);
    expect(nobody.byAgent).toEqual([]);
    expect(nobody.missed).toEqual([]);
  });
});
