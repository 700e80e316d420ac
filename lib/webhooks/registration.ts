import "server-only";

import type { Database } from "@/db";
import { listLinkedWabas, recordCallbackRegistration } from "@/db/queries/wabas";
import { lastDeliveryByWaba } from "@/db/queries/webhook-events";
import { env, type Env } from "@/lib/env";
import { describeGatewayFailure, failureMessage, isGatewayError, type GatewayClient } from "@/lib/gateway";
import { gateway as processGateway } from "@/lib/gateway/server";

import { callbackUrl, registrationBlockedReason, verifyToken } from "./callback";
import { wabaRegistrationView, type WabaRegistrationView } from "./views";

export interface RegistrationOutcome {
  wabaId: string;
  ok: boolean;
  message?: string;
}

/** What to do when the gateway will not register our callback. */
const OWN_APP_ADVICE =
  "Instead, paste the callback URL and verify token shown here into the webhook settings of a Meta app of your own, and set WHATSAPP_APP_SECRET to that app's secret.";

function describeRefusal(error: unknown): string {
  if (isGatewayError(error)) return failureMessage(describeGatewayFailure(error), { action: OWN_APP_ADVICE });
  return `${error instanceof Error ? error.message : String(error)}. ${OWN_APP_ADVICE}`;
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
  const blocked = registrationBlockedReason(config);
  const url = await callbackUrl(db, config);
  const token = await verifyToken(db, config);
  const outcomes: RegistrationOutcome[] = [];
  for (const waba of targets) {
    if (blocked) {
      await recordCallbackRegistration(db, waba.id, { error: blocked });
      outcomes.push({ wabaId: waba.id, ok: false, message: blocked });
      continue;
    }
    try {
      await client.webhooks.registerCallback(waba.id, { callbackUri: url, verifyToken: token }, { connectionId: waba.connectionId });
      await recordCallbackRegistration(db, waba.id, { callbackUrl: url, at: new Date() });
      outcomes.push({ wabaId: waba.id, ok: true });
    } catch (error) {
      const message = describeRefusal(error);
      await recordCallbackRegistration(db, waba.id, { error: message });
      outcomes.push({ wabaId: waba.id, ok: false, message });
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
