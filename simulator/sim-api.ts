import type { IncomingMessage } from "node:http";
import { z } from "zod";
import { isoMicros } from "./clock";
import { connectionJson } from "./control/connections";
import { applyFaultsRequest, faultsSchema, noFaults } from "./faults";
import { applyTemplateEvent, decideTemplate, TEMPLATE_EVENTS } from "./graph/template-review";
import type { JsonRecord, Reply } from "./http";
import { json, readBody } from "./http";
import { InboundError, inboundSchema, receiveInbound } from "./inbound";
import { changeMarketingPreference, preferencesSchema } from "./preferences";
import { NOT_ON_WHATSAPP_PREFIX } from "./seed";
import type { Simulator } from "./sim";
import type { Template } from "./state";
import { businessesOf, phoneNumbersOf, SERVICE_WINDOW_MS, wabasOf } from "./state";
import type { DeliveryOutcome } from "./webhooks/sender";

const TEMPLATE_STATUSES = ["APPROVED", "PENDING", "REJECTED", "PAUSED", "DISABLED", "IN_APPEAL", "PENDING_DELETION", "DELETED", "LIMIT_EXCEEDED", "ARCHIVED"] as const;
const decideSchema = z.strictObject({ status: z.enum(TEMPLATE_STATUSES), reason: z.string().min(1).optional() });
const templateEventSchema = z.strictObject({ template_id: z.string().min(1), event: z.enum(TEMPLATE_EVENTS), reason: z.string().min(1).optional() });
const clockSchema = z.strictObject({ advance_seconds: z.number().min(0) });
/** Maton's budget per API key and second; far above what any real account gets, and enough for a benchmark. */
export const MAX_RATE_LIMIT_PER_SECOND = 100_000;
const rateLimitSchema = z.strictObject({ per_second: z.number().int().min(1).max(MAX_RATE_LIMIT_PER_SECOND) });

function problem(status: number, message: string, extra: JsonRecord = {}): Reply {
  return json({ error: { message, ...extra } }, status);
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const raw = (await readBody(req, 1024 * 1024)).toString("utf8").trim();
  return raw ? JSON.parse(raw) : {};
}

function limitOf(url: URL, fallback: number): number {
  const limit = Number(url.searchParams.get("limit") ?? fallback);
  return Number.isFinite(limit) && limit > 0 ? Math.min(limit, 1000) : fallback;
}

function typingIndicators(sim: Simulator): JsonRecord[] {
  return sim.state.typingIndicators.map((indicator) => ({
    phone_number_id: indicator.phoneNumberId, message_id: indicator.messageId, type: indicator.type, at: isoMicros(indicator.at),
  }));
}

/**
 * Accepted sends per business number and recipient: `{"<phone_number_id>": {"<to>": n}}`, `<to>` being the
 * wa_id digits or the user id the send named. A send counts once it got a wamid (also when a failed status
 * follows, or its answer was held by `timeout_ms`); a refused send (4xx/5xx, 429) does not count.
 */
function receivedJson(sim: Simulator, phoneNumberId: string | null): Record<string, Record<string, number>> {
  const received: Record<string, Record<string, number>> = {};
  for (const [phoneId, byRecipient] of sim.state.received) {
    if (phoneNumberId === null || phoneId === phoneNumberId) received[phoneId] = Object.fromEntries(byRecipient);
  }
  return received;
}

/** Per number: sends accepted, distinct recipients, and recipients who got more than one. */
function receivedTotals(received: Record<string, Record<string, number>>): Record<string, { messages: number; recipients: number; more_than_once: number }> {
  return Object.fromEntries(Object.entries(received).map(([phoneId, byRecipient]) => {
    const counts = Object.values(byRecipient);
    return [phoneId, { messages: counts.reduce((sum, n) => sum + n, 0), recipients: counts.length, more_than_once: counts.filter((n) => n > 1).length }];
  }));
}

function rateLimitJson(sim: Simulator): JsonRecord {
  return { per_second: sim.rateLimiter.limit, started_with: sim.options.rateLimitPerSecond };
}

/** A readable summary of everything the simulator holds, for tests and the demo. */
export function describeState(sim: Simulator): JsonRecord {
  const now = sim.clock.now();
  const { state } = sim;
  const windows = [...state.serviceWindows.values()].map((window) => {
    const customer = state.customers.get(window.customerId);
    return {
      phone_number_id: window.phoneNumberId, customer_id: window.customerId, wa_id: customer?.waId ?? null, user_id: customer?.userId ?? null,
      last_inbound_at: new Date(window.lastInboundAt).toISOString(), open: now - window.lastInboundAt <= SERVICE_WINDOW_MS,
      closes_at: new Date(window.lastInboundAt + SERVICE_WINDOW_MS).toISOString(),
      ...(window.referralAt === null ? {} : { referral_at: new Date(window.referralAt).toISOString() }),
    };
  });
  return {
    now: isoMicros(now),
    now_unix: Math.floor(now / 1000),
    webhook_url: sim.options.webhookUrl,
    override_signing: sim.options.overrideSigning,
    not_on_whatsapp_prefix: NOT_ON_WHATSAPP_PREFIX,
    faults: sim.faults,
    rate_limit: rateLimitJson(sim),
    connections: [...state.connections.values()].sort((a, b) => a.createdAt - b.createdAt).map((connection) => ({
      ...connectionJson(sim, connection),
      business_name: connection.businessName,
      businesses: businessesOf(state, connection.connectionId).map((business) => ({ id: business.id, name: business.name })),
      wabas: wabasOf(state, connection.connectionId).map((waba) => ({
        id: waba.id,
        name: waba.name,
        business_id: waba.businessId,
        subscribed: waba.subscription.subscribed,
        override_callback_uri: waba.subscription.overrideCallbackUri,
        phone_numbers: phoneNumbersOf(state, waba.id).map((phone) => ({
          id: phone.id, display_phone_number: phone.displayPhoneNumber, verified_name: phone.verifiedName, override_callback_uri: phone.overrideCallbackUri,
        })),
      })),
    })),
    customers: [...state.customers.values()].map((customer) => ({
      id: customer.id, wa_id: customer.waId, user_id: customer.userId, username: customer.username, name: customer.name,
    })),
    marketing_preferences: [...state.marketingPreferences.entries()].map(([key, value]) => {
      const [wabaId, customerId] = key.split(":");
      return { waba_id: wabaId, customer_id: customerId, value };
    }),
    service_windows: windows,
    typing_indicators: typingIndicators(sim),
    received: receivedJson(sim, null),
    templates: [...state.templates.values()].map((template) => ({
      id: template.id, waba_id: template.wabaId, name: template.name, language: template.language, status: template.status, category: template.category,
      parameter_format: template.parameterFormat,
      ...(template.rejectedReason ? { rejected_reason: template.rejectedReason } : {}),
    })),
    media: [...state.media.values()].map((media) => ({
      id: media.id, phone_number_id: media.phoneNumberId, mime_type: media.mimeType, file_size: media.bytes.length, origin: media.origin, expires_at: new Date(media.expiresAt).toISOString(),
    })),
  };
}

/** The control API under `/_sim/`: no key, JSON in and out. */
export async function handleSimApi(sim: Simulator, req: IncomingMessage, url: URL): Promise<Reply> {
  const method = req.method ?? "GET";
  const path = url.pathname.replace(/\/$/, "");
  let body: unknown = {};
  if (method === "POST") {
    try {
      body = await jsonBody(req);
    } catch {
      return problem(400, "The body must be JSON");
    }
  }
  const route = `${method} ${path}`;
  switch (route) {
    case "GET /_sim/state":
      return json(describeState(sim));
    case "POST /_sim/reset":
      sim.reset();
      return json({ reset: true, now: isoMicros(sim.clock.now()) });
    case "GET /_sim/faults":
      return json({ faults: sim.faults });
    case "POST /_sim/faults": {
      const parsed = faultsSchema.safeParse(body);
      if (!parsed.success) return problem(400, z.prettifyError(parsed.error));
      sim.faults = applyFaultsRequest(sim.faults, parsed.data);
      return json({ faults: sim.faults });
    }
    case "DELETE /_sim/faults":
      sim.faults = noFaults();
      return json({ faults: sim.faults });
    case "GET /_sim/received": {
      const received = receivedJson(sim, url.searchParams.get("phone_number_id"));
      return json({ received, totals: receivedTotals(received) });
    }
    case "GET /_sim/rate-limit":
      return json(rateLimitJson(sim));
    case "POST /_sim/rate-limit": {
      const parsed = rateLimitSchema.safeParse(body);
      if (!parsed.success) return problem(400, z.prettifyError(parsed.error));
      sim.rateLimiter.setLimit(parsed.data.per_second);
      return json(rateLimitJson(sim));
    }
    case "GET /_sim/typing":
      return json({ typing_indicators: typingIndicators(sim) });
    case "GET /_sim/clock":
      return json({ now: isoMicros(sim.clock.now()), now_unix: sim.clock.nowSeconds() });
    case "POST /_sim/clock": {
      const parsed = clockSchema.safeParse(body);
      if (!parsed.success) return problem(400, z.prettifyError(parsed.error));
      const now = sim.clock.advance(parsed.data.advance_seconds);
      return json({ now: isoMicros(now), now_unix: Math.floor(now / 1000) });
    }
    case "GET /_sim/requests":
      return json({ requests: sim.requests.slice(-limitOf(url, 50)).reverse() });
    case "GET /_sim/webhooks": {
      const withPayload = url.searchParams.get("payload") !== "0";
      const deliveries = sim.webhooks.latest(limitOf(url, 50)).map((record) => (withPayload ? record : { ...record, payload: undefined }));
      return json({ deliveries });
    }
    case "POST /_sim/inbound":
      return inbound(sim, body);
    case "POST /_sim/preferences":
      return preferences(sim, body);
    case "POST /_sim/template-event":
      return templateEvent(sim, body);
  }
  const decide = /^\/_sim\/templates\/([^/]+)\/decide$/.exec(path);
  if (decide && method === "POST") {
    const template = sim.state.templates.get(decide[1] ?? "");
    if (!template) return problem(404, `Template ${decide[1]} not found`);
    const parsed = decideSchema.safeParse(body);
    if (!parsed.success) return problem(400, z.prettifyError(parsed.error));
    const outcome = await decideTemplate(sim, template, parsed.data.status, parsed.data.reason ?? null);
    return json({ template: templateSummary(template), delivery: outcome });
  }
  return problem(404, `No simulator control route ${route}`);
}

function templateSummary(template: Template): JsonRecord {
  return { id: template.id, name: template.name, language: template.language, status: template.status, category: template.category, rejected_reason: template.rejectedReason };
}

/** A delivery the target refused answers 502 (retries go on), so a test sees it at once. */
function deliveryReply(outcome: DeliveryOutcome, destination: string | null, answer: JsonRecord): Reply {
  if (!outcome.ok) return json({ ...answer, destination, error: outcome.error ?? `HTTP ${outcome.status}`, status: outcome.status, retrying: true }, 502);
  return json({ ...answer, destination });
}

async function templateEvent(sim: Simulator, body: unknown): Promise<Reply> {
  const parsed = templateEventSchema.safeParse(body);
  if (!parsed.success) return problem(400, z.prettifyError(parsed.error));
  const template = sim.state.templates.get(parsed.data.template_id);
  if (!template) return problem(404, `Template ${parsed.data.template_id} not found`);
  const outcome = await applyTemplateEvent(sim, template, parsed.data.event, parsed.data.reason ?? null);
  return json({ template: templateSummary(template), delivery: outcome });
}

async function preferences(sim: Simulator, body: unknown): Promise<Reply> {
  const parsed = preferencesSchema.safeParse(body);
  if (!parsed.success) return problem(400, z.prettifyError(parsed.error));
  try {
    const { customer, outcome, destination } = await changeMarketingPreference(sim, parsed.data);
    return deliveryReply(outcome, destination, { customer: { wa_id: customer.waId, user_id: customer.userId }, value: parsed.data.value });
  } catch (error) {
    if (error instanceof InboundError) return problem(error.status, error.message);
    throw error;
  }
}

async function inbound(sim: Simulator, body: unknown): Promise<Reply> {
  const parsed = inboundSchema.safeParse(body);
  if (!parsed.success) return problem(400, z.prettifyError(parsed.error));
  try {
    const { wamid, outcome, destination } = await receiveInbound(sim, parsed.data);
    return deliveryReply(outcome, destination, { wamid });
  } catch (error) {
    if (error instanceof InboundError) return problem(error.status, error.message);
    throw error;
  }
}
