import "server-only";

import { getDb } from "@/db";
import { incrementCounter } from "@/db/queries/counters";
import { env } from "@/lib/env";

import { callbackToken, deliveryAuthentication, sameSecret, verifyToken } from "./callback";
import { receiveWebhook, REJECTED_DELIVERIES_COUNTER } from "./ingest";
import { isValidWebhookSignature } from "./signature";

/** Meta's subscription handshake: echo the challenge when the verify token matches. */
export async function answerHandshake(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const expected = await verifyToken(await getDb(), env());
  if (params.get("hub.mode") !== "subscribe" || !sameSecret(params.get("hub.verify_token") ?? "", expected)) {
    return new Response("Forbidden", { status: 403 });
  }
  return new Response(params.get("hub.challenge") ?? "", { status: 200, headers: { "Content-Type": "text/plain" } });
}

async function refuse(reason: string): Promise<Response> {
  await incrementCounter(await getDb(), REJECTED_DELIVERIES_COUNTER);
  console.warn(`[webhooks] refused a delivery: ${reason}`);
  return Response.json({ error: "unauthenticated delivery" }, { status: 401 });
}

function firstWabaId(payload: unknown): string | null {
  const entry = (payload as { entry?: Array<{ id?: unknown }> } | null)?.entry?.[0];
  return typeof entry?.id === "string" ? entry.id : null;
}

/**
 * A delivery from Meta. Never accepted unauthenticated: with the app secret the signature must
 * match; without it, the secret token in the path must. Then stored raw, processed, answered 200
 * even when processing fails (the failure is kept on the stored event for replay).
 */
export async function receiveDelivery(request: Request, pathToken: string | undefined): Promise<Response> {
  const body = await request.text();
  const config = env();
  const db = await getDb();
  const mode = deliveryAuthentication(config);
  if (mode === "signature") {
    if (!isValidWebhookSignature(body, request.headers.get("x-hub-signature-256"), config.whatsappAppSecret!)) {
      return refuse("missing or wrong X-Hub-Signature-256");
    }
  }
  if (mode === "token" || pathToken !== undefined) {
    if (pathToken === undefined) return refuse("no app secret is configured and the callback token is missing");
    if (!sameSecret(pathToken, await callbackToken(db))) return refuse("wrong callback token");
  }
  // A body that is not JSON is stored all the same, with the error, so nothing is lost unseen.
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    payload = undefined;
  }
  await receiveWebhook(db, { body, payload, authenticatedBy: mode, wabaId: firstWabaId(payload) });
  return new Response(null, { status: 200 });
}
