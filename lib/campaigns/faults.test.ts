/**
 * Exactly once under gateway faults, on both databases, against the simulator over loopback: while a
 * campaign is sent, the gateway answers 429s (with Retry-After), 500s and 503s refused before the
 * message went out, 502s after it went out, answers held past the client's timeout (the message out,
 * its wamid never learned), and statuses that come late. The statuses come in through the real
 * webhook ingest. The simulator then holds exactly one message per eligible recipient, none for the
 * skipped ones, and every recipient is settled.
 */
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { contacts, messages, phoneNumbers, templates } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { testDatabases } from "@/db/test-databases";
import { syncAccounts } from "@/lib/accounts/sync";
import { createGatewayClient, type GatewayClient } from "@/lib/gateway";
import type { JobContext } from "@/lib/jobs/engine";
import { syncTemplates } from "@/lib/templates/sync";
import { receiveWebhook } from "@/lib/webhooks/ingest";
import { DEMO_MATON_API_KEY } from "@/lib/whatsapp/demo";
import { SEED } from "@/simulator/seed";
import { control, setupTestSimulator } from "@/simulator/test/harness";

import type { DispatchOptions, DispatchResult } from "./dispatch";
import { runDispatchSlice } from "./jobs";
import { startCampaign, type CampaignActor } from "./lifecycle";
import {
  audienceOf,
  campaignActor,
  campaignRow,
  eventually,
  extraContacts,
  insertCampaign,
  letReconcileWindowPass,
  newCustomers,
  recipientsOf,
} from "./test-helpers";

vi.mock("@/auth", () => ({ auth: async () => null }));

const env = setupTestSimulator();
const PHONE = SEED.phoneNumbers.lumenUs;
const ELIGIBLE = 25;
/** The client gives up on an answer after this long; held answers are held much longer. */
const CLIENT_TIMEOUT_MS = 400;

/** Small delays and short slices, so the test runs in seconds. */
const DISPATCH: DispatchOptions = {
  concurrency: 4,
  batchSize: 5,
  leaseMs: 10_000,
  checkEveryMs: 50,
  sliceMs: 400,
  retryDelayMs: 20,
  reconcileDelayMs: 50,
  maxAttempts: 20,
};

describe.each(testDatabases)("campaign sending under gateway faults on $name", (database) => {
  let handle: DatabaseHandle;
  let marketer: CampaignActor;
  let client: GatewayClient;
  const db = () => handle.db;

  /** Applies the webhooks the simulator delivered so far, as the webhook route would. */
  async function ingestDelivered() {
    for (const webhook of env.receiver.received.splice(0)) {
      await receiveWebhook(db(), { body: webhook.raw, payload: webhook.body, authenticatedBy: "signature" });
    }
  }

  async function receivedBySimulator(): Promise<Record<string, number>> {
    const answer = await control(env.sim.url, `received?phone_number_id=${PHONE}`);
    return (answer.body.received[PHONE] ?? {}) as Record<string, number>;
  }

  beforeAll(async () => {
    handle = await database.open();
    await seedDemoUsers(handle.db);
    marketer = await campaignActor(handle.db, "marketer@demo.test");
    // The limiter is not what is tested here; the simulator's budget is far away (10,000/s).
    client = createGatewayClient({ apiKey: DEMO_MATON_API_KEY, gatewayUrl: env.sim.url, ctrlUrl: env.sim.url, limiter: false, timeoutMs: CLIENT_TIMEOUT_MS });
    await syncAccounts(handle.db, client);
    await syncTemplates(handle.db, { wabaId: SEED.wabas.lumen, connectionId: SEED.connections.lumen }, client);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("sends exactly one message per eligible recipient through 429s, 5xx before and after the send, timeouts and late statuses", async () => {
    const [phone] = await db().select().from(phoneNumbers).where(eq(phoneNumbers.id, PHONE));
    const [template] = await db()
      .select()
      .from(templates)
      .where(and(eq(templates.wabaId, phone!.wabaId), eq(templates.name, "hello_world"), eq(templates.language, "en_US")));
    expect(template, "hello_world mirrored from the simulator").toBeDefined();

    const people = newCustomers(ELIGIBLE, "1415556");
    const optedOut = newCustomers(1, "1415557")[0]!;
    const skipped = extraContacts([
      { ...optedOut, consent: "opted_out" },
      { phoneNumber: null },
      { phoneNumber: "12" },
      // Another contact with the first customer's number, written otherwise: one of the two is a duplicate.
      { phoneNumber: people[0]!.phoneNumber.replace(/^1(\d{3})(\d{3})/, "1 $1 $2 ") },
    ]);
    const audience = [...people, ...skipped];
    await db().insert(contacts).values(audience);
    const campaign = await insertCampaign(db(), {
      phoneNumberId: PHONE,
      templateId: template!.id,
      templateName: "hello_world",
      templateLanguage: "en_US",
      templateCategory: "UTILITY",
      mapping: { variables: {} },
      createdById: marketer.id,
    });
    const queued: string[] = [];
    const started = await startCampaign(db(), marketer, campaign.id, {}, audienceOf(audience.map((row) => row.waId), async (id) => void queued.push(id)));
    expect(started).toEqual({ status: "sending", eligible: ELIGIBLE, skipped: 4 });
    expect(queued).toEqual([campaign.id]);

    // The faults of the run: random 429s and 503s on every call, 500s, 502s after the send, held answers, late statuses.
    const faults = (body: Record<string, unknown>) => control(env.sim.url, "faults", body);
    await faults({ rate_429: 0.15, rate_5xx: 0.1, status_delay_ms: 300 });
    await faults({ error_code: 131000, count: 2 });
    await faults({ server_error_after_send: 502, count: 3 });
    await faults({ timeout_ms: 2_000, count: 3 });

    // The job's slices, one after the other as the queue would run them, until the campaign is finished.
    const nextRuns: Array<{ campaignId: string; startAfter?: unknown }> = [];
    const send: JobContext["send"] = async (_job, data, options) => {
      nextRuns.push({ ...(data as { campaignId: string }), startAfter: options?.startAfter });
      return `run-${nextRuns.length}`;
    };
    let result: DispatchResult | undefined;
    let slices = 0;
    let windowsPassed = 0;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      await ingestDelivered();
      result = await runDispatchSlice(db(), campaign.id, send, { ...DISPATCH, gateway: client });
      slices += 1;
      if (result.end === "finished") break;
      expect(result.end).toBe("slice_over");
      if ((await letReconcileWindowPass(db(), campaign.id, Object.keys(await receivedBySimulator()))) > 0) windowsPassed += 1;
      // The next slice is due when the earliest waiting recipient is (the run the job queued says when).
      const dueIn = (result.nextAt?.getTime() ?? Date.now()) - Date.now();
      if (dueIn > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(dueIn, 100)));
    }
    expect(result?.end, `after ${slices} slices`).toBe("finished");
    // Every slice that left work queued the next run of the job.
    expect(nextRuns).toHaveLength(slices - 1);
    expect(nextRuns.every((run) => run.campaignId === campaign.id)).toBe(true);

    // The faults happened: every armed one was spent, and the gateway refused some calls.
    const inForce = (await control(env.sim.url, "faults")).body.faults;
    expect({ errors: inForce.send_errors, timeouts: inForce.send_timeouts, lost: inForce.send_lost_answers }).toEqual({ errors: [], timeouts: [], lost: [] });
    const requests = (await control(env.sim.url, "requests?limit=1000")).body.requests as Array<{ status: number; path: string }>;
    const refusedWith = (status: number) => requests.filter((request) => request.status === status && request.path.endsWith("/messages")).length;
    expect({ 429: refusedWith(429) > 0, 500: refusedWith(500), 502: refusedWith(502) }).toEqual({ 429: true, 500: 2, 502: 3 });
    // A 503 refused before the send is settled only after the reconcile window (no status ever comes for it).
    if (refusedWith(503) > 0) expect(windowsPassed).toBeGreaterThan(0);

    // Exactly once: one message per eligible number, nothing for the skipped ones.
    const received = await receivedBySimulator();
    const eligibleNumbers = people.map((person) => person.phoneNumber);
    expect(received).toEqual(Object.fromEntries(eligibleNumbers.map((digits) => [digits, 1])));
    expect((await control(env.sim.url, `received?phone_number_id=${PHONE}`)).body.totals[PHONE]).toEqual({ messages: ELIGIBLE, recipients: ELIGIBLE, more_than_once: 0 });

    // Every recipient settled: the skipped with their reasons, the rest sent, and their statuses followed to "read".
    expect((await campaignRow(db(), campaign.id)).status).toBe("finished");
    const settled = await eventually("every eligible recipient read", async () => {
      await ingestDelivered();
      const rows = await recipientsOf(db(), campaign.id);
      return rows.filter((row) => row.status !== "skipped").every((row) => row.status === "read") ? rows : undefined;
    });
    expect(settled.filter((row) => row.status === "skipped").map((row) => row.skipReason).sort()).toEqual(["duplicate", "invalid_number", "no_number", "opted_out"]);
    const sent = settled.filter((row) => row.status !== "skipped");
    expect(sent.map((row) => row.phoneNumber?.replace(/\D/g, "")).sort()).toEqual([...eligibleNumbers].sort());
    expect(sent.every((row) => row.messageId && row.conversationId && row.sentAt && row.readAt && row.errorCode === null)).toBe(true);
    // Some recipients needed more than one attempt (the faults), and their one message each carries its wamid.
    expect(sent.filter((row) => row.attempts > 1).length).toBeGreaterThanOrEqual(3);
    const stored = await db().select().from(messages).where(inArray(messages.clientKey, sent.map((row) => row.clientKey)));
    expect(stored).toHaveLength(ELIGIBLE);
    expect(new Set(stored.map((message) => message.wamid)).size).toBe(ELIGIBLE);
    expect(stored.every((message) => message.wamid?.startsWith("wamid.") && message.status === "read")).toBe(true);
  });
});
