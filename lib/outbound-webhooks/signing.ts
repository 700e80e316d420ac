import "server-only";

import { randomBytes } from "node:crypto";

import { Webhook } from "standardwebhooks";

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): `webhook-id`, `webhook-timestamp`
 * and `webhook-signature` headers, an HMAC-SHA256 of `id.timestamp.body` with the endpoint's secret.
 */

/** `whsec_` and 32 random bytes in base64, the form Standard Webhooks libraries take as they are. */
export function generateSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** What the admins see of a secret once it has been shown: enough to tell two apart, not to sign. */
export function secretPreview(secret: string): string {
  return `${secret.slice(0, 10)}…`;
}

/**
 * The three headers of one attempt. During a rotation's overlap both secrets sign, space-separated
 * (`v1,<new> v1,<old>`, as the specification allows), so a receiver still on the old secret verifies.
 */
export function signatureHeaders(input: { messageId: string; timestamp: Date; body: string; secrets: string[] }): Record<string, string> {
  const signatures = input.secrets.map((secret) => new Webhook(secret).sign(input.messageId, input.timestamp, input.body));
  return {
    "webhook-id": input.messageId,
    "webhook-timestamp": String(Math.floor(input.timestamp.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}
