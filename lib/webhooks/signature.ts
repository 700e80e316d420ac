import { createHmac, timingSafeEqual } from "node:crypto";

/** `sha256=<hex>`: what Meta sends in X-Hub-Signature-256 for a body signed with the app secret. */
export function signWebhookBody(body: string, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(body, "utf8").digest("hex")}`;
}

/** Checks X-Hub-Signature-256 against the raw body in constant time. */
export function isValidWebhookSignature(body: string, header: string | null, appSecret: string): boolean {
  if (!header || !/^sha256=[0-9a-f]{64}$/i.test(header)) return false;
  const expected = Buffer.from(signWebhookBody(body, appSecret), "utf8");
  const received = Buffer.from(header.toLowerCase(), "utf8");
  return expected.length === received.length && timingSafeEqual(expected, received);
}
