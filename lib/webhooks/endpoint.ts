import "server-only";

import { getDb, type Database } from "@/db";
import { env } from "@/lib/env";
import { declaredTooLarge, readBodyCapped } from "@/lib/http/body";
import { clientAddressOf } from "@/lib/http/client-address";
import { publicRateLimit, tooManyRequests } from "@/lib/http/rate-limit";

import { callbackToken, deliveryAuthentication, sameSecret, verifyToken } from "./callback";
import { receiveWebhook } from "./ingest";
import { webhookRefusals, type RefusalReason } from "./refusals";
import { isValidWebhookSignature } from "./signature";

/** The largest delivery read; Meta's batches stay far below it. A larger body is refused unread. */
export const MAX_DELIVERY_BYTES = 3 * 1024 * 1024;

/**
 * Meta's subscription handshake: echo the challenge when the verify token matches. A source whose
 * guesses were refused too often (with refused deliveries) is answered 429 before the token is read.
 */
export async function answerHandshake(request: Request): Promise<Response> {
  const source = clientAddressOf(request.headers);
  const refusals = publicRateLimit("webhookRefusals");
  const limited = refusals.peek(source);
  if (!limited.allowed) return tooManyRequests(limited, "too many refused requests");
  const params = new URL(request.url).searchParams;
  const expected = await verifyToken(await getDb(), env());
  if (params.get("hub.mode") !== "subscribe" || !sameSecret(params.get("hub.verify_token") ?? "", expected)) {
    refusals.take(source);
    return new Response("Forbidden", { status: 403 });
  }
  return new Response(params.get("hub.challenge") ?? "", { status: 200, headers: { "Content-Type": "text/plain" } });
}

const REFUSAL_ANSWERS: Record<Exclude<RefusalReason, "over the rate limit">, { status: number; error: string }> = {
  "bad signature": { status: 401, error: "unauthenticated delivery" },
  "missing token": { status: 401, error: "unauthenticated delivery" },
  "wrong token": { status: 401, error: "unauthenticated delivery" },
  "too large": { status: 413, error: "delivery too large" },
  "unreadable body": { status: 400, error: "delivery body unreadable" },
};

function firstWabaId(payload: unknown): string | null {
  const entry = (payload as { entry?: Array<{ id?: unknown }> } | null)?.entry?.[0];
  return typeof entry?.id === "string" ? entry.id : null;
}

/**
 * A delivery from Meta. Never accepted unauthenticated: with the app secret the signature must
 * match; without it, the secret token in the path must. Then stored raw, processed, answered 200
 * even when processing fails (the failure is kept on the stored event for replay).
 *
 * A refusal costs no database write (it is counted in memory, see ./refusals.ts), and a source
 * refused too often is answered 429 before its body is read. Accepted deliveries are never limited.
 */
export async function receiveDelivery(request: Request, pathToken: string | undefined): Promise<Response> {
  const source = clientAddressOf(request.headers);
  const refusals = publicRateLimit("webhookRefusals");
  const limited = refusals.peek(source);
  if (!limited.allowed) {
    webhookRefusals().record("over the rate limit");
    return tooManyRequests(limited, "too many refused deliveries");
  }
  const refuse = (reason: keyof typeof REFUSAL_ANSWERS): Response => {
    refusals.take(source);
    webhookRefusals().record(reason);
    const { status, error } = REFUSAL_ANSWERS[reason];
    // Closing the connection spares reading the rest of a body nobody will look at.
    return Response.json({ error }, { status, headers: { Connection: "close" } });
  };

  if (declaredTooLarge(request.headers, MAX_DELIVERY_BYTES)) return refuse("too large");
  const config = env();
  const mode = deliveryAuthentication(config);
  let db: Database | undefined;
  // The path token is checked before the body is read: a wrong one costs no reading.
  if (mode === "token" || pathToken !== undefined) {
    if (pathToken === undefined) return refuse("missing token");
    db = await getDb();
    if (!sameSecret(pathToken, await callbackToken(db))) return refuse("wrong token");
  }
  const read = await readBodyCapped(request, MAX_DELIVERY_BYTES);
  if (!read.ok) return refuse(read.reason === "too large" ? "too large" : "unreadable body");
  const body = read.bytes.toString("utf8");
  if (mode === "signature" && !isValidWebhookSignature(body, request.headers.get("x-hub-signature-256"), config.whatsappAppSecret!)) {
    return refuse("bad signature");
  }
  // A body that is not JSON is stored all the same, with the error, so nothing is lost unseen.
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    payload = undefined;
  }
  await receiveWebhook(db ?? (await getDb()), { body, payload, authenticatedBy: mode, wabaId: firstWabaId(payload) });
  return new Response(null, { status: 200 });
}
