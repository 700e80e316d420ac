import "server-only";

import { randomBytes, timingSafeEqual } from "node:crypto";

import type { Database } from "@/db";
import { readOrCreateSetting, writeSetting } from "@/db/queries/app-settings";
import type { Env } from "@/lib/env";
import { message, type Translatable } from "@/lib/i18n/translatable";

const TOKEN_KEY = "webhooks.callback_token";
const VERIFY_TOKEN_KEY = "webhooks.verify_token";

const newSecret = () => randomBytes(32).toString("base64url");

/** Compares two secrets in constant time (for equal lengths; a length difference says nothing more). */
export function sameSecret(received: string, expected: string): boolean {
  const left = Buffer.from(received);
  const right = Buffer.from(expected);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The per-installation token in the callback path: it authenticates deliveries when no app secret is known. */
export function callbackToken(db: Database): Promise<string> {
  return readOrCreateSetting(db, TOKEN_KEY, newSecret);
}

export async function rotateCallbackToken(db: Database): Promise<string> {
  const token = newSecret();
  await writeSetting(db, TOKEN_KEY, token);
  return token;
}

/** The verify token of Meta's handshake: WHATSAPP_VERIFY_TOKEN, or one generated for this installation. */
export async function verifyToken(db: Database, config: Env): Promise<string> {
  return config.whatsappVerifyToken ?? readOrCreateSetting(db, VERIFY_TOKEN_KEY, newSecret);
}

export type DeliveryAuthentication = "signature" | "token";

/**
 * How deliveries are authenticated: by X-Hub-Signature-256 when the app secret is known (an own
 * Meta app), otherwise by the secret token in the callback path (Maton's app signs with its secret).
 */
export function deliveryAuthentication(config: Env): DeliveryAuthentication {
  return config.whatsappAppSecret ? "signature" : "token";
}

/** The callback URL to register at Meta for this installation. */
export async function callbackUrl(db: Database, config: Env): Promise<string> {
  const base = `${config.appUrl}/api/webhooks/whatsapp`;
  return deliveryAuthentication(config) === "signature" ? base : `${base}/${await callbackToken(db)}`;
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host.endsWith(".localhost") || host === "[::1]" || /^127\./.test(host) || host === "0.0.0.0";
}

/**
 * Why the callback cannot be registered, or undefined when it can: Meta cannot reach a loopback
 * address, so one is refused, except against a local gateway (the simulator) on the same machine.
 */
export function registrationBlockedReason(config: Env): Translatable | undefined {
  if (!isLoopback(config.appUrl) || isLoopback(config.matonGatewayUrl)) return undefined;
  return message("webhooks.registration.blocked", { appUrl: config.appUrl });
}
