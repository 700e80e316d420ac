import { scopeIncludes, type ConnectionScope } from "@/db/queries/connection-access";
import type { LiveEvent } from "@/db/schema";

/** Payload keys that make an event about an account's data (db/queries/live-events.ts completes them with `connectionId`). */
const ACCOUNT_KEYS = ["conversationId", "messageId", "templateId", "phoneNumberId", "wabaId", "connectionId"] as const;

/**
 * Whether a user of this scope may receive the event. An event about an account's data goes only to
 * users of its connection; one whose connection is not known (a number seen only in webhooks, an
 * event stored before connections were recorded) only to users of every connection. An event about
 * no account (a user's or a setting's change) goes to everyone, as before.
 */
export function liveEventVisible(scope: ConnectionScope, event: Pick<LiveEvent, "payload">): boolean {
  if (scope.all) return true;
  const payload = event.payload;
  if (!ACCOUNT_KEYS.some((key) => key in payload)) return true;
  const connectionId = payload.connectionId;
  return typeof connectionId === "string" && scopeIncludes(scope, connectionId);
}
