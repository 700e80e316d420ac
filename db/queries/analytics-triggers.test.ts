import { asc, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { emptyRecords, statusesBefore } from "@/lib/whatsapp/inbound";

import type { DatabaseHandle } from "../client";
import { analyticsCostHours, analyticsMessageHours, conversationEpisodes, customerWaits, messages, phoneNumbers, users } from "../schema";
import { testDatabases } from "../test-databases";
import { insertNote } from "./conversation-notes";
import { assignConversation, setConversationStatus } from "./conversations";
import { markMessageOrigin } from "./inbox-settings";
import { insertPendingOutbound, recordOutboundSent } from "./outbound-messages";
import { findConversationId } from "./start-conversation";
import { ingestDelivery, type StatusToApply } from "./webhook-ingest";

/*
 * The analytics tables are kept by triggers (migration 0021) on messages and conversations: these tests
 * write through the ordinary queries (ingest, sends, statuses, assignment, resolution) and read the tables.
 */
const MINUTE = 60_000;
const base = new Date(Date.now() - 3 * 24 * 60 * MINUTE);
const at = (minutes: number) => new Date(base.getTime() + minutes * MINUTE);

type Pricing = StatusToApply["pricing"];

describe.each(testDatabases)("analytics triggers on $name", (database) => {
  let handle: DatabaseHandle;
  const agents = { ana: "", bruno: "" };

  const customerWrites = (phone: string, sentAt: Date, wamid: string) =>
    ingestDelivery(handle.db, {
      ...emptyRecords(),
      inbound: [
        {
          wamid,
          phoneNumberId: "pn-1",
          customer: { phone },
          direction: "inbound",
          origin: undefined,
          sentAt,
          type: "text",
          content: { text: { body: "hello" } },
          replyToWamid: undefined,
          preview: { kind: "text", detail: "hello" },
          referralExpiresAt: undefined,
          opensWindow: true,
          revises: undefined,
        },
      ],
    });
  const status = (wamid: string, reported: StatusToApply["status"], pricing?: Pricing) =>
    ingestDelivery(handle.db, {
      ...emptyRecords(),
      statuses: [{ wamid, status: reported, at: new Date(), recipientId: undefined, errors: undefined, pricing, movesFrom: statusesBefore(reported)! }],
    });
  /** A send stored as pending, then given its wamid (still pending until a status comes). */
  const send = async (conversationId: string, senderId: string | null, sentAt: Date, wamid: string, type = "text") => {
    const { message } = await insertPendingOutbound(handle.db, {
      conversationId,
      senderId,
      clientKey: `key-${wamid}`,
      now: sentAt,
      type,
      content: { [type]: { body: "on it" } },
      preview: { kind: type, detail: "on it" },
    });
    await recordOutboundSent(handle.db, message.id, wamid, statusesBefore);
    return message.id;
  };
  const conversationOf = async (phone: string) => (await findConversationId(handle.db, "pn-1", phone))!;
  const waitsOf = (conversationId: string) =>
    handle.db.select().from(customerWaits).where(eq(customerWaits.conversationId, conversationId)).orderBy(asc(customerWaits.startedAt));
  const episodesOf = (conversationId: string) =>
    handle.db.select().from(conversationEpisodes).where(eq(conversationEpisodes.conversationId, conversationId)).orderBy(asc(conversationEpisodes.openedAt));

  beforeAll(async () => {
    handle = await database.open();
    await handle.db.insert(phoneNumbers).values({ id: "pn-1", wabaId: "waba-1", displayPhoneNumber: "+1 555 0100" });
    const people = await handle.db
      .insert(users)
      .values([
        { email: "ana@x.test", name: "Ana", passwordHash: "x", role: "agent" },
        { email: "bruno@x.test", name: "Bruno", passwordHash: "x", role: "agent" },
      ])
      .returning();
    agents.ana = people[0]!.id;
    agents.bruno = people[1]!.id;
  });
  afterAll(async () => {
    await handle.close();
  });

  it("counts a reply once its status says it went out: not pending, not failed, but a failure later delivered", async () => {
    await customerWrites("15550000001", at(0), "t1.in");
    const id = await conversationOf("15550000001");
    expect(await episodesOf(id)).toMatchObject([{ openedAt: at(0), firstResponseAt: null, resolvedAt: null }]);
    expect(await waitsOf(id)).toMatchObject([{ startedAt: at(0), lastInboundAt: at(0), answeredAt: null }]);

    await send(id, agents.ana, at(1), "t1.pending");
    expect((await waitsOf(id))[0]!.answeredAt).toBeNull();
    await send(id, agents.bruno, at(2), "t1.failing");
    await status("t1.failing", "failed");
    expect((await waitsOf(id))[0]!.answeredAt).toBeNull();
    expect((await episodesOf(id))[0]!.firstResponseAt).toBeNull();

    // Another of the customer's devices took it after all.
    await status("t1.failing", "delivered");
    expect(await waitsOf(id)).toMatchObject([{ answeredAt: at(2), answeredById: agents.bruno, agentId: agents.bruno }]);
    expect(await episodesOf(id)).toMatchObject([{ firstResponseAt: at(2), firstResponderId: agents.bruno, agentId: agents.bruno }]);

    // The earlier send going out later changes nothing: the wait was answered.
    await status("t1.pending", "sent");
    expect(await waitsOf(id)).toMatchObject([{ answeredAt: at(2), answeredById: agents.bruno }]);
  });

  it("does not take notes, automatic messages or campaign sends for replies; assignment moves the open episode; resolving closes it", async () => {
    await customerWrites("15550000002", at(10), "t2.in");
    const id = await conversationOf("15550000002");
    await insertNote(handle.db, { conversationId: id, authorId: agents.ana, clientKey: "t2.note", note: { body: "looking", mentions: [] }, now: at(11) });
    const away = await send(id, null, at(12), "t2.away");
    await markMessageOrigin(handle.db, away, "away_message");
    await status("t2.away", "sent");
    await send(id, null, at(13), "t2.campaign", "template");
    await status("t2.campaign", "delivered");
    expect(await waitsOf(id)).toMatchObject([{ answeredAt: null, closedAt: null, agentId: null }]);
    expect(await episodesOf(id)).toMatchObject([{ firstResponseAt: null, agentId: null }]);

    await assignConversation(handle.db, id, agents.ana);
    await assignConversation(handle.db, id, agents.bruno);
    expect(await episodesOf(id)).toMatchObject([{ agentId: agents.bruno }]);
    expect(await waitsOf(id)).toMatchObject([{ agentId: agents.bruno }]);

    await setConversationStatus(handle.db, id, "resolved");
    const [episode] = await episodesOf(id);
    const [wait] = await waitsOf(id);
    expect(episode!.resolvedAt).not.toBeNull();
    expect(episode!.resolvedAt!.getTime()).toBeGreaterThanOrEqual(at(10).getTime());
    expect(wait).toMatchObject({ answeredAt: null, closedAt: episode!.resolvedAt });

    // A later assignment leaves the resolved episode with whoever had it.
    await assignConversation(handle.db, id, agents.ana);
    expect(await episodesOf(id)).toMatchObject([{ agentId: agents.bruno }]);

    // The customer writes again after the resolution: a new episode and a new wait, for the assignee now.
    const later = new Date(Date.now() + MINUTE);
    await customerWrites("15550000002", later, "t2.again");
    const episodes = await episodesOf(id);
    expect(episodes).toHaveLength(2);
    expect(episodes[1]).toMatchObject({ openedAt: later, resolvedAt: null, agentId: agents.ana });
    expect((await waitsOf(id)).map((row) => [row.startedAt, row.closedAt === null])).toEqual([
      [at(10), false],
      [later, true],
    ]);
  });

  it("moves a priced message between cost keys when its pricing is set and changed", async () => {
    await customerWrites("15550000003", at(20), "t3.in");
    const id = await conversationOf("15550000003");
    await send(id, agents.ana, at(21), "t3.template", "template");
    const priced = () =>
      handle.db
        .select({ category: analyticsCostHours.category, pricingType: analyticsCostHours.pricingType, charged: analyticsCostHours.charged, country: analyticsCostHours.country, messages: analyticsCostHours.messages })
        .from(analyticsCostHours)
        .where(eq(analyticsCostHours.hour, sql`date_trunc('hour', ${at(21).toISOString()}::timestamptz, 'UTC')`))
        .orderBy(asc(analyticsCostHours.pricingType));
    expect(await priced()).toEqual([]);

    await status("t3.template", "sent", { category: "utility", type: "regular", billable: true, pricingModel: "PMP" });
    expect(await priced()).toEqual([{ category: "utility", pricingType: "regular", charged: true, country: "US", messages: 1 }]);

    // Inside the customer's window utility is free: the delivered status tells so.
    await status("t3.template", "delivered", { category: "utility", type: "free_customer_service", billable: false, pricingModel: "PMP" });
    expect(await priced()).toEqual([
      { category: "utility", pricingType: "free_customer_service", charged: false, country: "US", messages: 1 },
      { category: "utility", pricingType: "regular", charged: true, country: "US", messages: 0 },
    ]);
  });

  it("analytics_rebuild() recomputes the same message hours and costs as the triggers kept", async () => {
    const snapshot = async () => ({
      // Inbound rows per agent differ by design: the triggers name the assignee when the message came,
      // a rebuild can only name the assignee now. Their sums per hour, number and direction agree.
      hours: (
        await handle.db
          .select({
            hour: analyticsMessageHours.hour,
            phoneNumberId: analyticsMessageHours.phoneNumberId,
            direction: analyticsMessageHours.direction,
            messages: sql<number>`sum(${analyticsMessageHours.messages})::int`,
          })
          .from(analyticsMessageHours)
          .groupBy(analyticsMessageHours.hour, analyticsMessageHours.phoneNumberId, analyticsMessageHours.direction)
          .having(sql`sum(${analyticsMessageHours.messages}) > 0`)
      ).map((row) => `${row.hour.toISOString()} ${row.phoneNumberId} ${row.direction} ${Number(row.messages)}`),
      outboundAgents: (
        await handle.db
          .select({ hour: analyticsMessageHours.hour, agentId: analyticsMessageHours.agentId, messages: analyticsMessageHours.messages })
          .from(analyticsMessageHours)
          .where(sql`${analyticsMessageHours.direction} = 'outbound' and ${analyticsMessageHours.messages} > 0`)
      ).map((row) => `${row.hour.toISOString()} ${row.agentId} ${row.messages}`),
      costs: (await handle.db.select().from(analyticsCostHours).where(gt(analyticsCostHours.messages, 0))).map(
        (row) => `${row.hour.toISOString()} ${row.phoneNumberId} ${row.category} ${row.pricingType} ${row.charged} ${row.country} ${row.messages}`,
      ),
    });
    const kept = await snapshot();
    // Every message of the tests above but the note: 4 customer messages, 5 sends.
    const total = await handle.db.select({ messages: sql<number>`sum(${analyticsMessageHours.messages})::int` }).from(analyticsMessageHours);
    expect(Number(total[0]!.messages)).toBe(9);
    expect(kept.costs).toHaveLength(1);

    await handle.db.execute(sql`select analytics_rebuild()`);
    const rebuilt = await snapshot();
    expect(rebuilt.hours.sort()).toEqual(kept.hours.sort());
    expect(rebuilt.outboundAgents.sort()).toEqual(kept.outboundAgents.sort());
    expect(rebuilt.costs.sort()).toEqual(kept.costs.sort());
  });

  it("marks a template replied at the customer's first message within 24 hours after it, not by a system message; a rebuild agrees", async () => {
    await customerWrites("15550000004", at(100), "t4.in");
    const id = await conversationOf("15550000004");
    const repliedAt = async () =>
      Object.fromEntries(
        (await handle.db.select({ wamid: messages.wamid, repliedAt: messages.repliedAt }).from(messages).where(sql`${messages.conversationId} = ${id} and ${messages.type} = 'template'`)).map(
          (row) => [row.wamid, row.repliedAt?.toISOString() ?? null],
        ),
      );
    await send(id, agents.ana, at(110), "t4.a", "template");
    await status("t4.a", "sent");
    // A system message (the customer changed number, …) is no reply.
    await handle.db.insert(messages).values({ conversationId: id, wamid: "t4.system", direction: "inbound", type: "system", content: { system: { body: "changed" } }, sentAt: at(130) });
    expect(await repliedAt()).toEqual({ "t4.a": null });

    await customerWrites("15550000004", at(140), "t4.reply");
    await customerWrites("15550000004", at(150), "t4.again");
    // The first reply is kept.
    expect(await repliedAt()).toEqual({ "t4.a": at(140).toISOString() });

    // The next message 24 h 1 min after template c: too late for c. Template d, written only afterwards
    // (an import), went out 24 h 4 min before the message before it: replied.
    await send(id, agents.ana, at(160), "t4.c", "template");
    await customerWrites("15550000004", at(160 + 24 * 60 + 1), "t4.late");
    await send(id, agents.ana, at(165), "t4.d", "template");
    const kept = await repliedAt();
    expect(kept).toEqual({ "t4.a": at(140).toISOString(), "t4.c": null, "t4.d": at(160 + 24 * 60 + 1).toISOString() });

    await handle.db.execute(sql`update messages set replied_at = null`);
    await handle.db.execute(sql`select analytics_rebuild()`);
    expect(await repliedAt()).toEqual(kept);
  });
});
