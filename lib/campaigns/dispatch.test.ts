/**
 * Sending campaigns on both databases, with the gateway faked at its send: start, exactly-once
 * dispatch (a worker killed mid-send, 429s and 5xx), pause and resume, statuses and replies from the
 * webhook ingest, retry of safe failures.
 */
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { ingestDelivery, type DeliveryToIngest } from "@/db/queries/webhook-ingest";
import { auditLog, campaignRecipients, contacts, messages } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { GraphError, MatonError } from "@/lib/gateway/errors";
import type { SendContext } from "@/lib/inbox/outbound";
import { emptyRecords } from "@/lib/whatsapp/inbound";

import { dispatchCampaign, type DispatchOptions } from "./dispatch";
import { cancelCampaign, pauseCampaign, resumeCampaign, retryFailed, startCampaign, type CampaignActor } from "./lifecycle";
import { campaignCounts, checkRecipientQuery, failureGroups, listRecipients } from "./results";
import {
  audienceOf,
  campaignRow,
  FAKE_NUMBER as NUMBER,
  recipientsOf as recipientsIn,
  seedFakeGatewaySetup,
  startedCampaign as startCampaignWith,
  statusOf,
} from "./test-helpers";

vi.mock("@/auth", () => ({ auth: async () => null }));

/** What the fake gateway does with one send: accept (a wamid), throw, or accept and never answer (a worker dying). */
type Behaviour = "accept" | "hang" | Error;

interface FakeGateway {
  context: SendContext["gateway"];
  /** Recipients' digits of every request that reached the gateway and was taken (accepted). */
  accepted: Map<string, string[]>;
  requests: string[];
  /** The next behaviours per recipient digits (then "accept"). */
  script: Map<string, Behaviour[]>;
}

function fakeGateway(): FakeGateway {
  const accepted = new Map<string, string[]>();
  const requests: string[] = [];
  const script = new Map<string, Behaviour[]>();
  const fake: FakeGateway = {
    accepted,
    requests,
    script,
    context: {
      messages: {
        sendMessage: async (_phoneNumberId: string, payload: { to: string }) => {
          requests.push(payload.to);
          const behaviour = script.get(payload.to)?.shift() ?? "accept";
          if (behaviour instanceof Error && !(behaviour as { outcomeUnknown?: boolean }).outcomeUnknown) throw behaviour;
          const wamid = `wamid.campaign-${(counter += 1)}`;
          accepted.set(payload.to, [...(accepted.get(payload.to) ?? []), wamid]);
          if (behaviour === "hang") return new Promise(() => {});
          if (behaviour instanceof Error) throw behaviour; // taken by WhatsApp, answered with a 5xx
          return { messageId: wamid, waId: payload.to, messageStatus: "accepted", response: {} };
        },
      },
      templates: { listAllTemplates: async () => [] },
    } as unknown as SendContext["gateway"],
  };
  return fake;
}

let counter = 0;
const call = { method: "POST", path: `${NUMBER}/messages` };
const rateLimited = () => new MatonError(429, { error: "rate limited" }, call);
const serverError = () => new MatonError(503, { error: "unavailable" }, call, { outcomeUnknown: true });
const undeliverable = () => new GraphError(400, { code: 131026, message: "Message undeliverable" }, {}, call);

describe.each(testDatabases)("campaign sending on $name", (database) => {
  let handle: DatabaseHandle;
  let marketer: CampaignActor;
  let agent: CampaignActor;
  let gateway: FakeGateway;
  const queued: string[] = [];

  const db = () => handle.db;
  const run = (campaignId: string, options: DispatchOptions = {}) =>
    dispatchCampaign(db(), campaignId, { gateway: gateway.context, checkEveryMs: 50, retryDelayMs: 0, sliceMs: 30_000, ...options });
  const lifecycle = (contactKeys: string[]) => audienceOf(contactKeys, async (campaignId) => void queued.push(campaignId));

  /** A campaign with `count` new customers (all with numbers, consent unknown), started now. */
  const startedCampaign = (count: number, extra: Parameters<typeof startCampaignWith>[4] = []) =>
    startCampaignWith(db(), marketer, async (campaignId) => void queued.push(campaignId), count, extra);

  const recipientsOf = (campaignId: string) => recipientsIn(db(), campaignId);
  const statusRow = (campaignId: string) => campaignRow(db(), campaignId);
  /** The recipients in the order of their numbers (the order they are stored in is the audience's, not the test's). */
  const inOrderOf = <Row extends { phoneNumber: string | null }>(digits: string[], rows: Row[]): Row[] =>
    digits.map((to) => rows.find((row) => row.phoneNumber === to)!);
  const exactlyOnce = (digits: string[]) => {
    for (const to of digits) expect(gateway.accepted.get(to), `accepted sends to ${to}`).toHaveLength(1);
  };

  beforeAll(async () => {
    handle = await database.open();
    ({ marketer, agent } = await seedFakeGatewaySetup(handle.db));
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(() => {
    gateway = fakeGateway();
    queued.length = 0;
  });

  it("fixes the audience once: eligible pending with values and keys, skipped with reasons; a second start is a conflict", async () => {
    const { campaignId, started } = await startedCampaign(2, [{ phoneNumber: null }, { phoneNumber: "14155559999", consent: "opted_out" }]);
    expect(started).toEqual({ status: "sending", eligible: 2, skipped: 2 });
    expect(queued).toEqual([campaignId]);
    const rows = await recipientsOf(campaignId);
    expect(rows.filter((row) => row.status === "pending")).toHaveLength(2);
    expect(rows.map((row) => row.skipReason).filter(Boolean).sort()).toEqual(["no_number", "opted_out"]);
    for (const row of rows) expect(row.clientKey).toBe(`campaign:${campaignId}:${row.contactId}`);
    expect(rows.find((row) => row.status === "pending")!.values).toMatchObject({ body: [expect.stringMatching(/^Customer /)] });
    expect((await statusRow(campaignId)).estimate).toMatchObject({ unknownCount: 2 });

    await expect(startCampaign(db(), marketer, campaignId, {}, lifecycle([]))).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(startCampaign(db(), agent, campaignId, {}, lifecycle([]))).rejects.toMatchObject({ status: 403 });
    expect(await recipientsOf(campaignId)).toHaveLength(4);
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.targetId, campaignId), eq(auditLog.action, "campaign.started")));
    expect(audits).toHaveLength(1);
  });

  it("sends once to every pending recipient and finishes; statuses and a reply move the recipients", async () => {
    const { campaignId, digits } = await startedCampaign(5);
    const result = await run(campaignId, { concurrency: 3, batchSize: 2 });
    expect(result.end).toBe("finished");
    exactlyOnce(digits);
    expect(gateway.requests).toHaveLength(5);
    const rows = await recipientsOf(campaignId);
    expect(rows.every((row) => row.status === "sent" && row.messageId && row.conversationId && row.sentAt)).toBe(true);
    expect((await statusRow(campaignId)).status).toBe("finished");

    const [first, second, third] = digits.map((to) => gateway.accepted.get(to)![0]!);
    const delivery: DeliveryToIngest = emptyRecords();
    delivery.statuses = [
      statusOf(first!, "delivered", digits[0]!),
      statusOf(first!, "read", digits[0]!),
      statusOf(second!, "delivered", digits[1]!),
      statusOf(third!, "failed", digits[2]!, { errors: [{ code: 131026, title: "Message undeliverable" }] }),
    ];
    delivery.inbound = [
      {
        wamid: "wamid.reply-1",
        phoneNumberId: NUMBER,
        customer: { phone: digits[1]! },
        direction: "inbound",
        origin: undefined,
        sentAt: new Date(Date.now() + 1_000),
        type: "text",
        content: { text: { body: "Thanks!" } },
        replyToWamid: undefined,
        preview: { kind: "text", detail: "Thanks!" },
        referralExpiresAt: undefined,
        opensWindow: true,
        revises: undefined,
      },
    ];
    await ingestDelivery(db(), delivery);
    const counts = (await campaignCounts(db(), [campaignId])).get(campaignId)!;
    expect(counts).toMatchObject({ audience: 5, eligible: 5, sent: 4, delivered: 2, read: 1, replied: 1, failed: 1, pending: 0 });
    const failed = (await recipientsOf(campaignId)).find((row) => row.status === "failed")!;
    expect(failed).toMatchObject({ errorCode: 131026, errorTitle: "Message undeliverable" });
    expect(await failureGroups(db(), agent, campaignId)).toEqual([{ code: 131026, title: "Message undeliverable", explanationKey: "codes.131026", retrySafe: false, count: 1 }]);
    const page = await listRecipients(db(), agent, campaignId, { limit: 3 });
    expect(page.items).toHaveLength(3);
    expect(page.nextCursor).not.toBeNull();
    const rest = await listRecipients(db(), agent, campaignId, { limit: 3, cursor: page.nextCursor! });
    expect(rest.items).toHaveLength(2);
    expect(rest.nextCursor).toBeNull();
    // Searched as every list is: a name's words, a number's digits; nothing for a word nobody has.
    const [searched] = await recipientsOf(campaignId);
    const [contact] = await db().select().from(contacts).where(eq(contacts.id, searched!.contactId!));
    const byName = await listRecipients(db(), agent, campaignId, { limit: 10, search: contact!.displayName! });
    expect(byName.items.map((item) => item.id)).toEqual([searched!.id]);
    const byNumber = await listRecipients(db(), agent, campaignId, { limit: 10, search: `+${contact!.phoneNumber!.slice(0, 4)} ${contact!.phoneNumber!.slice(4)}` });
    expect(byNumber.items.map((item) => item.id)).toEqual([searched!.id]);
    expect((await listRecipients(db(), agent, campaignId, { limit: 10, search: "customer" })).items).toHaveLength(5);
    expect((await listRecipients(db(), agent, campaignId, { limit: 10, search: "nobody" })).items).toHaveLength(0);
    expect(() => checkRecipientQuery({ q: "x".repeat(201) })).toThrow(expect.objectContaining({ code: "INVALID_INPUT", field: "q" }));
  });

  it("never sends twice when a worker dies after the gateway took the message: the next worker reconciles from the status", async () => {
    const { campaignId, digits } = await startedCampaign(3);
    for (const to of digits) gateway.script.set(to, ["hang"]);
    const killed = new AbortController();
    const dying = run(campaignId, { signal: killed.signal, checkEveryMs: 60_000 });
    // Wait until the gateway took all three, then kill the worker before it stores any answer.
    await expect.poll(() => gateway.accepted.size, { timeout: 10_000 }).toBe(3);
    killed.abort();
    expect((await dying).end).toBe("aborted");
    expect((await recipientsOf(campaignId)).every((row) => row.status === "sending" && row.messageId === null)).toBe(true);
    // Its claims run out (as they do without their worker's heartbeat).
    await db().update(campaignRecipients).set({ claimedUntil: new Date(Date.now() - 1_000) }).where(eq(campaignRecipients.campaignId, campaignId));

    // WhatsApp reports the first two as sent; the third's status has not come yet.
    const delivery: DeliveryToIngest = emptyRecords();
    delivery.statuses = digits.slice(0, 2).map((to) => statusOf(gateway.accepted.get(to)![0]!, "sent", to));
    await ingestDelivery(db(), delivery);

    const second = await run(campaignId);
    expect(second.end).toBe("slice_over");
    exactlyOnce(digits);
    expect(gateway.requests).toHaveLength(3);
    const rows = await recipientsOf(campaignId);
    expect(rows.filter((row) => row.status === "sent")).toHaveLength(2);
    // The unknown one waits for its status rather than being sent again.
    expect(rows.filter((row) => row.status === "pending" && row.messageId !== null)).toHaveLength(1);
    const stored = await db().select().from(messages).where(inArray(messages.clientKey, rows.map((row) => row.clientKey)));
    expect(stored).toHaveLength(3);
  });

  it("waits out 429s and survives a 5xx whose message went out: one accepted send per recipient, nobody lost", async () => {
    const { campaignId, digits } = await startedCampaign(3);
    gateway.script.set(digits[0]!, [rateLimited(), rateLimited()]);
    gateway.script.set(digits[1]!, [serverError()]);
    gateway.script.set(digits[2]!, [undeliverable()]);
    const first = await run(campaignId, { retryDelayMs: 0, maxAttempts: 5 });
    // The 5xx one waits for reconciliation: its status arrives, and the next run settles it without a send.
    expect(first.end).toBe("slice_over");
    const delivery: DeliveryToIngest = emptyRecords();
    delivery.statuses = [statusOf(gateway.accepted.get(digits[1]!)![0]!, "delivered", digits[1]!)];
    await ingestDelivery(db(), delivery);
    await db().update(campaignRecipients).set({ claimedUntil: null }).where(eq(campaignRecipients.campaignId, campaignId));
    expect((await run(campaignId)).end).toBe("finished");

    expect(gateway.accepted.get(digits[0]!)).toHaveLength(1);
    expect(gateway.accepted.get(digits[1]!)).toHaveLength(1);
    expect(gateway.accepted.get(digits[2]!)).toBeUndefined();
    expect(gateway.requests.filter((to) => to === digits[0])).toHaveLength(3);
    const rows = inOrderOf(digits, await recipientsOf(campaignId));
    expect(rows.map((row) => row.status)).toEqual(["sent", "delivered", "failed"]);
    expect(rows[2]).toMatchObject({ errorCode: 131026 });
  });

  it("pauses within a check, hands back what it held, resumes and finishes; cancel cancels the rest", async () => {
    const { campaignId, digits } = await startedCampaign(6);
    // The first send waits until the campaign is paused, so the pause lands mid-run.
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const send = gateway.context!.messages.sendMessage;
    gateway.context = {
      ...gateway.context!,
      messages: { sendMessage: async (...args: Parameters<typeof send>) => (await gate, send(...args)) },
    } as SendContext["gateway"];
    const running = run(campaignId, { concurrency: 1, batchSize: 3 });
    await expect.poll(async () => (await recipientsOf(campaignId)).filter((row) => row.status === "sending").length).toBeGreaterThan(0);
    await pauseCampaign(db(), marketer, campaignId);
    await expect.poll(async () => (await recipientsOf(campaignId)).filter((row) => row.status === "sending").length).toBeLessThanOrEqual(1);
    release();
    expect((await running).end).toBe("paused");
    const afterPause = await recipientsOf(campaignId);
    expect(afterPause.filter((row) => row.status === "sent")).toHaveLength(1);
    expect(afterPause.filter((row) => row.status === "pending")).toHaveLength(5);
    await expect(pauseCampaign(db(), marketer, campaignId)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(pauseCampaign(db(), agent, campaignId)).rejects.toMatchObject({ status: 403 });

    await resumeCampaign(db(), marketer, campaignId, { queue: async (id) => queued.push(id) });
    expect(queued).toContain(campaignId);
    expect((await run(campaignId, { batchSize: 2, concurrency: 2, sliceMs: 0 })).end).toBe("slice_over");
    await cancelCampaign(db(), marketer, campaignId);
    const rows = await recipientsOf(campaignId);
    expect(rows.filter((row) => row.status === "cancelled").length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.status === "pending" || row.status === "sending")).toHaveLength(0);
    expect((await run(campaignId)).end).toBe("not_sending");
    for (const to of digits) expect((gateway.accepted.get(to) ?? []).length).toBeLessThanOrEqual(1);
  });

  it("retries only the failures whose error says waiting can help, with the same key, and finishes again", async () => {
    const { campaignId, digits } = await startedCampaign(2);
    gateway.script.set(digits[0]!, [rateLimited(), rateLimited()]);
    gateway.script.set(digits[1]!, [undeliverable()]);
    expect((await run(campaignId, { maxAttempts: 1 })).end).toBe("finished");
    expect(inOrderOf(digits, await recipientsOf(campaignId)).map((row) => [row.status, row.errorCode])).toEqual([
      ["failed", 429],
      ["failed", 131026],
    ]);
    await expect(retryFailed(db(), agent, campaignId)).rejects.toMatchObject({ status: 403 });
    expect(await retryFailed(db(), marketer, campaignId, { queue: async (id) => queued.push(id) })).toEqual({ retried: 1 });
    expect((await statusRow(campaignId)).status).toBe("sending");
    expect((await run(campaignId)).end).toBe("finished");
    const rows = inOrderOf(digits, await recipientsOf(campaignId));
    expect(rows.map((row) => [row.status, row.errorCode, row.errorTitle])).toEqual([["sent", null, null], ["failed", 131026, expect.any(String)]]);
    exactlyOnce([digits[0]!]);
    const keyed = await db().select().from(messages).where(eq(messages.clientKey, rows[0]!.clientKey));
    expect(keyed).toHaveLength(1);
  });
});
