import "server-only";


import type { Database } from "@/db";
import { listLinkedWabas, recordCallbackRegistration } from "@/db/queries/wabas";
import { lastDeliveryByWaba } from "@/db/queries/webhook-events";
import { env, type Env } from "@/lib/env";
import { describeGatewayFailure, isGatewayError, type GatewayClient } from "@/lib/gateway";
import { failureSentence, type GatewayFailure } from "@/lib/gateway/errors";
import { gateway as processGateway } from "@/lib/gateway/server";
import { encodeMessage, message, translateMessage, type Translate } from "@/lib/i18n/translatable";
import { inEnglish } from "@/lib/i18n/translators";

import { callbackUrl, registrationBlockedReason, verifyToken } from "./callback";
import { wabaRegistrationView, type WabaRegistrationView } from "./views";

export interface RegistrationOutcome {
  wabaId: string;
  ok: boolean;
  /** Why not, in English (logs). */
  message?: string;
  /** Why not, as stored on the WABA: put into a reader's words by {@link registrationErrorText}. */
  refusal?: string;
}

/**
 * A refusal is stored on its WABA and read later by any admin, each in their own language: what is
 * kept is what its words are written from (the gateway's failure, or another error's own message).
 */
type StoredRefusal = { failure: GatewayFailure } | { reason: string };

/** For the outcome's English words (logs). */

const REFUSAL_MARKER = "\u2060registration-refusal:";

function storedRefusal(error: unknown): string {
  const refusal: StoredRefusal = isGatewayError(error)
    ? { failure: describeGatewayFailure(error) }
    : { reason: error instanceof Error ? error.message : String(error) };
  return `${REFUSAL_MARKER}${JSON.stringify(refusal)}`;
}

function readRefusal(stored: string): StoredRefusal | undefined {
  if (!stored.startsWith(REFUSAL_MARKER)) return undefined;
  try {
    const parsed: unknown = JSON.parse(stored.slice(REFUSAL_MARKER.length));
    if (parsed && typeof parsed === "object" && ("failure" in parsed || "reason" in parsed)) return parsed as StoredRefusal;
  } catch {
    // Not one of ours after all: shown as it is.
  }
  return undefined;
}

/**
 * A WABA's registration error in the reader's words (`t`: the door's translator): a refusal, with
 * what to do instead; a blocked registration; or a text stored before errors were kept this way.
 */
export function registrationErrorText(t: Translate, stored: string): string {
  const refusal = readRefusal(stored);
  if (!refusal) return translateMessage(t, stored);
  const advice = message("webhooks.registration.ownAppAdvice");
  if ("failure" in refusal) return failureSentence(t, refusal.failure, { action: advice });
  return t("webhooks.registration.refused", { reason: refusal.reason, advice: translateMessage(t, advice) });
}

/**
 * Registers this dashboard's callback on each linked WABA (all, or those named) through the
 * gateway; Meta runs the handshake against the URL first. Each outcome is stored on the WABA.
 */
export async function registerCallbacks(
  db: Database,
  options: { wabaIds?: string[]; connectionId?: string; client?: GatewayClient; config?: Env } = {},
): Promise<RegistrationOutcome[]> {
  const config = options.config ?? env();
  const client = options.client ?? processGateway();
  const targets = (await listLinkedWabas(db, options.wabaIds)).filter(
    (waba) => options.connectionId === undefined || waba.connectionId === options.connectionId,
  );
  const reason = registrationBlockedReason(config);
  const blocked = reason && encodeMessage(reason);
  const url = await callbackUrl(db, config);
  const token = await verifyToken(db, config);
  const outcomes: RegistrationOutcome[] = [];
  const refused = async (wabaId: string, refusal: string) => {
    await recordCallbackRegistration(db, wabaId, { error: refusal });
    outcomes.push({ wabaId, ok: false, message: registrationErrorText(inEnglish, refusal), refusal });
  };
  for (const waba of targets) {
    if (blocked) {
      await refused(waba.id, blocked);
      continue;
    }
    try {
      await client.webhooks.registerCallback(waba.id, { callbackUri: url, verifyToken: token }, { connectionId: waba.connectionId });
      await recordCallbackRegistration(db, waba.id, { callbackUrl: url, at: new Date() });
      outcomes.push({ wabaId: waba.id, ok: true });
    } catch (error) {
      await refused(waba.id, storedRefusal(error));
    }
  }
  return outcomes;
}

/** Per linked WABA: whether our callback is registered, the URL in force and the last delivery seen. */
export async function registrationOverview(db: Database, config: Env = env()): Promise<WabaRegistrationView[]> {
  const [targets, lastDeliveries, current] = await Promise.all([
    listLinkedWabas(db),
    lastDeliveryByWaba(db),
    callbackUrl(db, config),
  ]);
  return targets.map((waba) => wabaRegistrationView(waba, current, lastDeliveries.get(waba.id)));
}
