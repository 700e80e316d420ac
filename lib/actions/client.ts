import "server-only";

import { headers } from "next/headers";
import { createSafeActionClient } from "next-safe-action";
import { z } from "@/lib/zod";

import type { Capability } from "@/lib/auth/permissions";
import { AuthorizationError, requireCapability } from "@/lib/auth/session";
import { isGatewayError } from "@/lib/gateway";
import { requestTranslator } from "@/lib/i18n/server";
import { message, translateMessage, type Translate } from "@/lib/i18n/translatable";
import { OutboundRefusal } from "@/lib/inbox/outbound";
import { logger, requestIdFrom, runWithRequestContext } from "@/lib/log";

import { ActionError, type ActionFailure } from "./errors";

const log = logger("actions");

const GENERIC_FAILURE = message("common.errors.generic");

/**
 * Every server action is built from one of the clients below; none checks the session by hand, and none
 * catches a failure only to re-word it: an ActionError, a gateway failure (described once, in
 * lib/gateway/errors.ts) and the inbox's refusals become the result's `serverError` here. Its first
 * middleware enters the request's log context, so every line an action logs carries the request's id.
 */
export const actionClient = createSafeActionClient({
  defineMetadataSchema: () => z.object({ actionName: z.string() }),
  async handleServerError(error, { metadata }): Promise<ActionFailure> {
    const t = await requestTranslator();
    if (error instanceof ActionError) return error.toActionFailure(t);
    if (isGatewayError(error)) return ActionError.fromGatewayError(error).toActionFailure(t);
    if (error instanceof OutboundRefusal) return error.toActionFailure(t);
    if (error instanceof AuthorizationError) return { message: translateMessage(t, error.said), code: error.code };
    log.error({ err: error, action: metadata?.actionName ?? "unknown" }, "server action failed");
    return { message: translateMessage(t, GENERIC_FAILURE), code: "INTERNAL" };
  },
}).use(async ({ next }) =>
  runWithRequestContext({ requestId: requestIdFrom(await requestHeaders()) }, async () => {
    const result = await next();
    // The input schema's messages are catalog keys (lib/i18n/validation.ts): put them into the reader's words.
    if (result.validationErrors !== undefined) result.validationErrors = inWords(result.validationErrors, await requestTranslator());
    return result;
  }),
);

/** next-safe-action's validation errors (`{ _errors: [...], field: { _errors: [...] } }`) with each message translated. */
function inWords(errors: unknown, t: Translate): unknown {
  if (typeof errors === "string") return translateMessage(t, errors);
  if (Array.isArray(errors)) return errors.map((entry) => inWords(entry, t));
  if (errors && typeof errors === "object") {
    return Object.fromEntries(Object.entries(errors).map(([key, value]) => [key, inWords(value, t)]));
  }
  return errors;
}

/**
 * The headers of the request running the action; none when an action is called outside one (a test,
 * a script), where Next's headers() throws.
 */
async function requestHeaders(): Promise<Pick<Headers, "get"> | undefined> {
  try {
    return await headers();
  } catch {
    return undefined;
  }
}

function clientFor(capability?: Capability, options?: { allowPendingPasswordChange?: boolean }) {
  return actionClient.use(async ({ next }) => next({ ctx: { user: await requireCapability(capability, options) } }));
}

/** Only for replacing one's own password: the one action open to a user holding a one-time password. */
export const passwordChangeActionClient = clientFor(undefined, { allowPendingPasswordChange: true });
/** Any signed-in user (agents, marketers, admins). */
export const authActionClient = clientFor();
/** Marketers and admins: templates, campaigns, media uploads. */
export const marketerActionClient = clientFor("templates.manage");
/** Admins only: connections, profile edits, users. */
export const adminActionClient = clientFor("users.manage");
/** Admins only: the webhooks from WhatsApp and to the team's systems. */
export const webhooksActionClient = clientFor("webhooks.manage");
/** Any signed-in user, for their own API tokens (admins also for everyone's, checked by the service). */
export const apiTokensActionClient = clientFor("apiTokens.use");
