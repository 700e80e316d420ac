import { timingSafeEqual } from "node:crypto";

import { getDb } from "@/db";
import { incrementCounter } from "@/db/queries/counters";
import { env } from "@/lib/env";
import { receiveWebhook, REJECTED_DELIVERIES_COUNTER } from "@/lib/webhooks/ingest";
import { isValidWebhookSignature } from "@/lib/webhooks/signature";

export const dynamic = "force-dynamic";

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Meta's subscription handshake: echo the challenge when the verify token matches. */
export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const expected = env().whatsappVerifyToken;
  const token = params.get("hub.verify_token") ?? "";
  if (params.get("hub.mode") !== "subscribe" || !expected || !sameSecret(token, expected)) {
    return new Response("Forbidden", { status: 403 });
  }
  return new Response(params.get("hub.challenge") ?? "", { status: 200, headers: { "Content-Type": "text/plain" } });
}

/** A delivery from Meta: authenticated, stored raw, processed, answered 200 even when processing fails. */
export async function POST(request: Request) {
  const body = await request.text();
  const appSecret = env().whatsappAppSecret;
  const db = await getDb();
  if (!appSecret || !isValidWebhookSignature(body, request.headers.get("x-hub-signature-256"), appSecret)) {
    await incrementCounter(db, REJECTED_DELIVERIES_COUNTER);
    console.warn(
      `[webhooks] refused a delivery: ${appSecret ? "missing or wrong X-Hub-Signature-256" : "WHATSAPP_APP_SECRET is not set"}`,
    );
    return Response.json({ error: "invalid signature" }, { status: 401 });
  }
  try {
    JSON.parse(body);
  } catch {
    return Response.json({ error: "malformed JSON" }, { status: 400 });
  }
  // A processing failure is kept on the stored event for replay; Meta would otherwise retry for days.
  const outcome = await receiveWebhook(db, body, "signature");
  return Response.json({ received: true, event: outcome.eventId });
}
