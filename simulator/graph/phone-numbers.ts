import type { JsonRecord, Reply } from "../http";
import { json } from "../http";
import type { PhoneNumber, Waba } from "../state";
import { phoneNumbersOf } from "../state";
import type { GraphRequest } from "./context";
import { readGraphBody, selectFields } from "./context";
import { fieldPath, requireRecord, requireText } from "./fields";
import { verifyCallback } from "../webhooks/handshake";

export function phoneNumberJson(phone: PhoneNumber): JsonRecord {
  return {
    id: phone.id,
    display_phone_number: phone.displayPhoneNumber,
    verified_name: phone.verifiedName,
    quality_rating: phone.qualityRating,
    code_verification_status: phone.codeVerificationStatus,
    platform_type: "CLOUD_API",
    throughput: { level: phone.throughputLevel },
    messaging_limit_tier: phone.messagingLimitTier,
    name_status: phone.nameStatus,
  };
}

function withWebhookConfiguration(phone: PhoneNumber, body: JsonRecord, fields: string | null): JsonRecord {
  if (!fields?.split(",").includes("webhook_configuration")) return body;
  const configuration: JsonRecord = { application: "Maton" };
  if (phone.overrideCallbackUri) configuration.phone_number = phone.overrideCallbackUri;
  return { ...body, webhook_configuration: configuration };
}

export function getPhoneNumber(request: GraphRequest, phone: PhoneNumber): Reply {
  const fields = request.query.get("fields");
  return json(withWebhookConfiguration(phone, selectFields(phoneNumberJson(phone), fields), fields));
}

export function listPhoneNumbers(request: GraphRequest, waba: Waba): Reply {
  const numbers = phoneNumbersOf(request.sim.state, waba.id);
  const data = numbers.map((phone) => selectFields(phoneNumberJson(phone), request.query.get("fields")));
  const cursor = (phone: PhoneNumber | undefined) => (phone ? Buffer.from(`phone:${phone.id}`).toString("base64url") : "");
  return json({ data, paging: { cursors: { before: cursor(numbers[0]), after: cursor(numbers[numbers.length - 1]) } } });
}

/** `POST /{phone_number_id}` with `webhook_configuration`: a per-number override, verified like the WABA's. */
export async function updatePhoneNumber(request: GraphRequest, phone: PhoneNumber): Promise<Reply> {
  const body = await readGraphBody(request);
  const configuration = requireRecord(body.webhook_configuration, "webhook_configuration");
  const uri = configuration.override_callback_uri;
  if (uri === "" || uri === null) {
    phone.overrideCallbackUri = null;
    return json({ success: true });
  }
  const callback = requireText(uri, fieldPath("webhook_configuration", "override_callback_uri"), 2048);
  const token = requireText(configuration.verify_token, fieldPath("webhook_configuration", "verify_token"), 1024);
  await verifyCallback(callback, token);
  phone.overrideCallbackUri = callback;
  return json({ success: true });
}

export function getWaba(request: GraphRequest, waba: Waba): Reply {
  const body = {
    id: waba.id, name: waba.name, timezone_id: waba.timezoneId, message_template_namespace: waba.namespace,
    currency: waba.currency, account_review_status: "APPROVED", business_verification_status: "verified",
  };
  return json(selectFields(body, request.query.get("fields")));
}
