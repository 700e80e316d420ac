import { scopeIncludes, type ConnectionScope } from "@/db/queries/connection-access";
import type { LiveEvent } from "@/db/schema";

/** Payload keys that make an event about an account's data (db/queries/live-events.ts completes them with `connectionId`). */
const ACCOUNT_KEYS = ["conversationId", "messageId", "templateId", "phoneNumberId", "wabaId", "connectionId"] as const;

/**
 * Whether a user of this scope may receive the event. An event about an account's data goes only to
 * users of its connection; one whose connection is not known (a number seen only in webhooks, an
 * event stored before connections were recorded) only to users of every connection. An event about
 * no account (a user's or a setting's change) goes to everyone, as before. An event naming `forUserId`
 * goes to that user alone, within the same rules.
 */
export function liveEventVisible(scope: ConnectionScope, event: Pick<LiveEvent, "payload">, viewerId?: string): boolean {
  const payload = event.payload;
  // An event for one user (their notification, their own canned responses) goes to that user only.
  if (typeof payload.forUserId === "string" && payload.forUserId !== viewerId) return false;
  if (scope.all) return true;
  if (!ACCOUNT_KEYS.some((key) => key in payload)) return true;
  const connectionId = payload.connectionId;
  return typeof connectionId === "string" && scopeIncludes(scope, connectionId);
}
