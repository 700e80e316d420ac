/**
 * Two dashboard instances (worker processes with the real job engine and the gateway client on the
 * shared limiter, lib/campaigns/test-fixtures/instance.ts) on one PostgreSQL database and one simulator:
 * the instance sending a campaign is killed (SIGKILL) mid-run, and the other finishes it. The simulator
 * still holds exactly one message per eligible recipient. PostgreSQL only: PGlite is one process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";

import { and, eq, inArray } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { openDatabase, type DatabaseHandle } from "@/db/client";
import { contacts, messages, templates } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { syncAccounts } from "@/lib/accounts/sync";
import { createGatewayClient } from "@/lib/gateway";
import { syncTemplates } from "@/lib/templates/sync";
import { receiveWebhook } from "@/lib/webhooks/ingest";
import { DEMO_MATON_API_KEY } from "@/lib/whatsapp/demo";
import type { RunningSimulator } from "@/simulator/server";
import { SEED } from "@/simulator/seed";
import { control, startReceiver, startTestSimulator, type WebhookReceiver } from "@/simulator/test/harness";

import { startCampaign, type CampaignActor } from "./lifecycle";
import { audienceOf, campaignActor, campaignRow, eventually, insertCampaign, letReconcileWindowPass, newCustomers, recipientsOf } from "./test-helpers";

vi.mock("@/auth", () => ({ auth: async () => null }));

const SERVER_URL = process.env.TEST_DATABASE_URL;
const PHONE = SEED.phoneNumbers.lumenUs;
const RECIPIENTS = 60;
/** Maton's budget on both sides (the simulator's limit, every instance's MATON_REQUESTS_PER_SECOND): the run lasts seconds. */
const BUDGET = 20;
/** A killed instance's claims run out after this (the default lease is 30 s). */
const LEASE_MS = 3_000;
const ROOT = process.cwd();

interface InstanceEvent {
  instance: string;
  event: "ready" | "queued" | "slice" | "sliceEnd" | "error";
  campaignId?: string;
  end?: string;
  message?: string;
}

interface Instance {
  name: string;
  child: ChildProcess;
  events: InstanceEvent[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: string[];
}

function startInstance(name: string, databaseUrl: string, simulatorUrl: string): Instance {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/campaigns/test-fixtures/instance.ts"], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: databaseUrl,
      MATON_GATEWAY_URL: simulatorUrl,
      MATON_CTRL_URL: simulatorUrl,
      MATON_REQUESTS_PER_SECOND: String(BUDGET),
      // Numbers and templates are mirrored by the test; the instances do not poll the simulator.
      SYNC_INTERVAL_SECONDS: "0",
      AUTH_SECRET: randomBytes(33).toString("base64url"),
      LOG_LEVEL: "warn",
      INSTANCE_NAME: name,
      CAMPAIGN_LEASE_MS: String(LEASE_MS),
    },
  });
  const events: InstanceEvent[] = [];
  const output: string[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => {
    if (line.startsWith("@@instance ")) events.push(JSON.parse(line.slice("@@instance ".length)) as InstanceEvent);
    else output.push(line);
  });
  createInterface({ input: child.stderr! }).on("line", (line) => output.push(line));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return { name, child, events, exited, output };
}

const running = (instance: Instance) => instance.child.exitCode === null && instance.child.signalCode === null;

describe.skipIf(!SERVER_URL)("two instances on one PostgreSQL, one killed mid-run (skipped: set TEST_DATABASE_URL)", () => {
  const databaseName = `dashboard_test_${randomBytes(6).toString("hex")}`;
  let admin: postgres.Sql | undefined;
  let handle: DatabaseHandle | undefined;
  let sim: RunningSimulator | undefined;
  let receiver: WebhookReceiver | undefined;
  let marketer: CampaignActor;
  const instances: Instance[] = [];
  const db = () => handle!.db;

  /** Applies the webhooks the simulator delivered so far, as the webhook route of any instance would. */
  async function ingestDelivered() {
    for (const webhook of receiver!.received.splice(0)) {
      await receiveWebhook(db(), { body: webhook.raw, payload: webhook.body, authenticatedBy: "signature" });
    }
  }

  async function receivedBySimulator(): Promise<Record<string, number>> {
    return ((await control(sim!.url, `received?phone_number_id=${PHONE}`)).body.received[PHONE] ?? {}) as Record<string, number>;
  }

  beforeAll(async () => {
    admin = postgres(SERVER_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${databaseName}`);
    const url = new URL(SERVER_URL!);
    url.pathname = `/${databaseName}`;
    handle = await openDatabase({ driver: "postgres", url: url.toString() });
    await handle.migrate();
    await seedDemoUsers(handle.db);
    marketer = await campaignActor(handle.db, "marketer@demo.test");

    receiver = await startReceiver();
    sim = await startTestSimulator({ webhookUrl: receiver.url, rateLimitPerSecond: BUDGET });
    const client = createGatewayClient({ apiKey: DEMO_MATON_API_KEY, gatewayUrl: sim.url, ctrlUrl: sim.url, limiter: false });
    await syncAccounts(handle.db, client);
    await syncTemplates(handle.db, { wabaId: SEED.wabas.lumen, connectionId: SEED.connections.lumen }, client);

    for (const name of ["instance-a", "instance-b"]) instances.push(startInstance(name, url.toString(), sim.url));
    for (const instance of instances) {
      await eventually(
        `${instance.name} ready`,
        async () => {
          if (!running(instance)) throw new Error(`${instance.name} ended before it was ready:\n${instance.output.join("\n")}`);
          return instance.events.find((event) => event.event === "ready");
        },
        60_000,
        50,
      );
    }
  }, 90_000);

  afterAll(async () => {
    for (const instance of instances) {
      if (running(instance)) instance.child.kill("SIGKILL");
      await instance.exited;
    }
    await sim?.close();
    await receiver?.close();
    await handle?.close();
    await admin?.unsafe(`drop database if exists ${databaseName} with (force)`);
    await admin?.end();
  }, 30_000);

  it("finishes the campaign on the other instance after one is killed, with exactly one message per recipient", async () => {
    const [template] = await db()
      .select()
      .from(templates)
      .where(and(eq(templates.wabaId, SEED.wabas.lumen), eq(templates.name, "hello_world"), eq(templates.language, "en_US")));
    const people = newCustomers(RECIPIENTS, "1415558");
    await db().insert(contacts).values(people);
    const campaign = await insertCampaign(db(), {
      phoneNumberId: PHONE,
      templateId: template!.id,
      templateName: "hello_world",
      templateLanguage: "en_US",
      templateCategory: "UTILITY",
      mapping: { variables: {} },
      createdById: marketer.id,
    });
    const [first] = instances;
    // The dispatch job goes on the queue through the first instance's engine, as a start in that instance would.
    const queue = async (campaignId: string) => {
      first!.child.stdin!.write(`dispatch ${campaignId}\n`);
      await eventually("the dispatch queued", async () => first!.events.find((event) => event.event === "queued" && event.campaignId === campaignId), 10_000);
    };
    const started = await startCampaign(db(), marketer, campaign.id, {}, audienceOf(people.map((person) => person.waId), queue));
    expect(started).toEqual({ status: "sending", eligible: RECIPIENTS, skipped: 0 });

    // Some are sent: the instance running the slice is killed where it stands.
    const sliceOf = (instance: Instance) => instance.events.filter((event) => event.campaignId === campaign.id && (event.event === "slice" || event.event === "sliceEnd")).at(-1)?.event === "slice";
    const sending = await eventually("an instance sending the campaign", async () => instances.find(sliceOf), 20_000);
    const receivedAtKill = await eventually(
      "a quarter of the campaign sent",
      async () => {
        const count = Object.keys(await receivedBySimulator()).length;
        return count >= RECIPIENTS / 4 ? count : undefined;
      },
      20_000,
    );
    sending.child.kill("SIGKILL");
    expect(await sending.exited).toEqual({ code: null, signal: "SIGKILL" });
    expect(receivedAtKill).toBeLessThan(RECIPIENTS);
    const survivor = instances.find((instance) => instance !== sending)!;

    // The other instance takes over (the sweep finds the campaign unattended, the dead claims run out) and finishes.
    const finished = await eventually(
      "the campaign finished by the other instance",
      async () => {
        if (!running(survivor)) throw new Error(`${survivor.name} ended:\n${survivor.output.join("\n")}`);
        await ingestDelivered();
        await letReconcileWindowPass(db(), campaign.id, Object.keys(await receivedBySimulator()));
        const row = await campaignRow(db(), campaign.id);
        return row.status === "sending" ? undefined : row;
      },
      60_000,
      100,
    );
    expect(finished.status).toBe("finished");
    expect(survivor.events.some((event) => event.event === "slice" && event.campaignId === campaign.id)).toBe(true);

    // Exactly once, nobody lost: one message per recipient at the simulator, every recipient settled.
    const received = await receivedBySimulator();
    expect(received).toEqual(Object.fromEntries(people.map((person) => [person.phoneNumber, 1])));
    // Every recipient settled, and followed to "read" as the simulator's statuses come in: none is lost.
    const rows = await eventually(
      "every recipient read",
      async () => {
        await ingestDelivered();
        const all = await recipientsOf(db(), campaign.id);
        return all.every((row) => row.status === "read") ? all : undefined;
      },
      30_000,
      100,
    );
    expect(rows).toHaveLength(RECIPIENTS);
    expect(rows.every((row) => row.messageId && row.sentAt && row.errorCode === null)).toBe(true);
    const stored = await db().select().from(messages).where(inArray(messages.clientKey, rows.map((row) => row.clientKey)));
    expect(stored).toHaveLength(RECIPIENTS);
    expect(new Set(stored.map((message) => message.wamid)).size).toBe(RECIPIENTS);
    expect(stored.every((message) => message.wamid?.startsWith("wamid."))).toBe(true);
  }, 120_000);
});
