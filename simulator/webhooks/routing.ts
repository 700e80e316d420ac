import type { Simulator } from "../sim";
import type { PhoneNumber } from "../state";
import type { SignatureMode, WebhookTarget } from "./sender";

/** The one place that decides which secret signs a delivery to each kind of destination. */
function signingFor(sim: Simulator, kind: "default" | "override"): { secret: string; signatureMode: SignatureMode } {
  if (kind === "override" && sim.options.overrideSigning === "maton") return { secret: sim.matonSecret, signatureMode: "maton" };
  return { secret: sim.options.appSecret, signatureMode: "app-secret" };
}

/** The app's default callback; with none configured (Maton's own app) deliveries are only recorded. */
export function defaultTarget(sim: Simulator): WebhookTarget {
  if (!sim.options.webhookUrl) return { kind: "recorded", url: null, secret: null, signatureMode: null };
  return { kind: "default", url: sim.options.webhookUrl, ...signingFor(sim, "default") };
}

/** Message webhooks (inbound and statuses): the number's override, else the WABA's, else the default callback. */
export function messageTarget(sim: Simulator, phone: PhoneNumber): WebhookTarget {
  const waba = sim.state.wabas.get(phone.wabaId);
  if (!waba?.subscription.subscribed) return { kind: "unsubscribed", url: null, secret: null, signatureMode: null };
  const override = phone.overrideCallbackUri ?? waba.subscription.overrideCallbackUri;
  if (override) return { kind: "override", url: override, ...signingFor(sim, "override") };
  return defaultTarget(sim);
}
