/** Helpers the benchmarks share: a production server on a port of its own, signed deliveries, throwaway databases. */
import { spawn, type ChildProcess } from "node:child_process";
import { Agent, request } from "node:http";
import path from "node:path";

import postgres from "postgres";

import { signWebhookBody } from "@/lib/webhooks/signature";
import { DEMO_APP_SECRET } from "@/lib/whatsapp/demo";

export const WABA_ID = "102290129340398";
export const PHONE_NUMBER_ID = "106540352242922";
export const DISPLAY_PHONE_NUMBER = "15550104821";

/** A delivery of one inbound text message from a customer, as WhatsApp shapes it. */
export function inboundDelivery(message: { from: string; name: string; wamid: string; body: string; now: number }): string {
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: WABA_ID,
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: DISPLAY_PHONE_NUMBER, phone_number_id: PHONE_NUMBER_ID },
              contacts: [{ profile: { name: message.name }, wa_id: message.from }],
              messages: [
                {
                  from: message.from,
                  id: message.wamid,
                  timestamp: String(Math.floor(message.now / 1000)),
                  type: "text",
                  text: { body: message.body },
                },
              ],
            },
          },
        ],
      },
    ],
  });
}

/** `next start` on loopback in demo mode (no MATON_API_KEY), with the given environment on top. */
export function startServer(port: number, env: Record<string, string>): ChildProcess {
  return spawn(path.join("node_modules", ".bin", "next"), ["start", "--port", String(port), "--hostname", "127.0.0.1"], {
    env: { ...process.env, ...env, PORT: String(port), MATON_API_KEY: "", SIM_PORT: "4999" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** Throws when something already answers on the port (a server left over would otherwise be measured instead). */
export async function assertPortFree(port: number): Promise<void> {
  const answered = await fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    () => false,
  );
  if (answered) throw new Error(`port ${port} is already in use; stop whatever listens there or set another port`);
}

export async function waitForServer(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`no answer from ${url}`);
}

export async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
}

/** Posts a delivery signed with the demo app secret; answers the status code once the body is read. */
export function postSigned(agent: Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(body),
          "X-Hub-Signature-256": signWebhookBody(body, DEMO_APP_SECRET),
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

/** The PostgreSQL server the benchmarks may create databases on, if one is configured. */
export function benchServerUrl(): string | undefined {
  return process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
}

/** Creates an empty database on the server, runs `run` with its URL and drops it afterwards, whatever happens. */
export async function withFreshDatabase<T>(serverUrl: string, prefix: string, run: (url: string) => Promise<T>): Promise<T> {
  const name = `${prefix}_${Date.now().toString(36)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    return await run(url.toString());
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
