/**
 * Access by connection, the one rule: a user works only in the connections of their scope
 * (`SessionUser.connections`; admins: all). A phone number belongs to its own connection, else its
 * WABA's; a conversation, a message or a media file to its number; a template to its WABA. Anything
 * outside the scope is answered exactly like something that does not exist: 404 from a route,
 * `notFound()` from a page, an ActionError coded NOT_FOUND from an action. Lists filter in SQL with
 * `phoneNumberInScope` / `wabaInScope` / `connectionInScope` (db/queries/connection-access.ts).
 */
import "server-only";

import type { Database } from "@/db";
import {
  ALL_CONNECTIONS,
  findConnectionScope,
  findCurrentConnectionScope,
  findPhoneNumberScopeConnection,
  findWabaScopeConnection,
  scopeIncludes,
  type ConnectionScope,
} from "@/db/queries/connection-access";
import { findConversation, findMessage, type ConversationDetail } from "@/db/queries/conversations";
import { findTemplate } from "@/db/queries/templates";
import type { Message, Template, User } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { message, type Translatable } from "@/lib/i18n/translatable";

import type { SessionUser } from "./session";

export type { ConnectionScope };

/** Who asks, as far as access goes: the session user (or any user with their id and scope). */
export type ScopedUser = Pick<SessionUser, "id" | "connections">;

/**
 * Something missing, or outside the user's connections: the two are never told apart. An ActionError,
 * so an action's client answers it as `{ code: "NOT_FOUND" }` with its message in the reader's words; routes answer
 * 404, pages call `notFound()`.
 */
export class NotFoundError extends ActionError {
  override name = "NotFoundError";
  constructor(said: Translatable | string, field?: string) {
    super(said, { code: "NOT_FOUND", field });
  }
}

export const NOT_FOUND_MESSAGES = {
  conversation: message("common.notFound.conversation"),
  message: message("common.notFound.message"),
  phoneNumber: message("common.notFound.phoneNumber"),
  template: message("common.notFound.template"),
  waba: message("common.notFound.waba"),
  connection: message("common.notFound.connection"),
} as const satisfies Record<string, Translatable>;

/** A user granted no connection at all (never an admin): the pages show "no access" instead of empty lists. */
export function lacksConnectionAccess(scope: ConnectionScope): boolean {
  return !scope.all && scope.connectionIds.length === 0;
}

/** Whether the connection is one the user may work in. */
export function isConnectionVisible(scope: ConnectionScope, connectionId: string | null | undefined): boolean {
  return scopeIncludes(scope, connectionId);
}

export function assertConnectionVisible(scope: ConnectionScope, connectionId: string): void {
  if (!isConnectionVisible(scope, connectionId)) throw new NotFoundError(NOT_FOUND_MESSAGES.connection, "connectionId");
}

/**
 * Whether the user may see the number's data. "All" sees every number, even one not stored; a
 * narrower scope only a stored number whose connection (its own, else its WABA's) is granted.
 */
export async function isPhoneNumberVisible(db: Database, scope: ConnectionScope, phoneNumberId: string): Promise<boolean> {
  if (scope.all) return true;
  return scopeIncludes(scope, await findPhoneNumberScopeConnection(db, phoneNumberId));
}

export async function assertPhoneNumberVisible(db: Database, scope: ConnectionScope, phoneNumberId: string, said: Translatable | string = NOT_FOUND_MESSAGES.phoneNumber): Promise<void> {
  if (!(await isPhoneNumberVisible(db, scope, phoneNumberId))) throw new NotFoundError(said, "phoneNumberId");
}

/** Whether the user may see the WABA's data (its templates, its numbers' conversations). */
export async function isWabaVisible(db: Database, scope: ConnectionScope, wabaId: string): Promise<boolean> {
  if (scope.all) return true;
  return scopeIncludes(scope, await findWabaScopeConnection(db, wabaId));
}

export async function assertWabaVisible(db: Database, scope: ConnectionScope, wabaId: string): Promise<void> {
  if (!(await isWabaVisible(db, scope, wabaId))) throw new NotFoundError(NOT_FOUND_MESSAGES.waba, "wabaId");
}

/** The conversation when it exists and is on a number the user may see; undefined otherwise. */
export async function findVisibleConversation(db: Database, scope: ConnectionScope, conversationId: string): Promise<ConversationDetail | undefined> {
  const conversation = await findConversation(db, conversationId);
  if (!conversation || !(await isPhoneNumberVisible(db, scope, conversation.phoneNumber.id))) return undefined;
  return conversation;
}

export async function assertConversationVisible(db: Database, scope: ConnectionScope, conversationId: string): Promise<ConversationDetail> {
  const conversation = await findVisibleConversation(db, scope, conversationId);
  if (!conversation) throw new NotFoundError(NOT_FOUND_MESSAGES.conversation, "conversationId");
  return conversation;
}

/** A message with its conversation, when the user may see that conversation. */
export async function assertMessageVisible(db: Database, scope: ConnectionScope, messageId: string): Promise<{ message: Message; conversation: ConversationDetail }> {
  const message = await findMessage(db, messageId);
  const conversation = message ? await findVisibleConversation(db, scope, message.conversationId) : undefined;
  if (!message || !conversation) throw new NotFoundError(NOT_FOUND_MESSAGES.message, "messageId");
  return { message, conversation };
}

/** The template when it exists and belongs to a WABA the user may see; undefined otherwise. */
export async function findVisibleTemplate(db: Database, scope: ConnectionScope, templateId: string): Promise<Template | undefined> {
  const template = await findTemplate(db, templateId);
  if (!template || !(await isWabaVisible(db, scope, template.wabaId))) return undefined;
  return template;
}

export async function assertTemplateVisible(db: Database, scope: ConnectionScope, templateId: string): Promise<Template> {
  const template = await findVisibleTemplate(db, scope, templateId);
  if (!template) throw new NotFoundError(NOT_FOUND_MESSAGES.template, "templateId");
  return template;
}

/** Any user's scope, as their session would carry it (admins: all): e.g. whether an assignee may see a conversation. */
export async function connectionScopeOf(db: Database, user: Pick<User, "id" | "role">): Promise<ConnectionScope> {
  return user.role === "admin" ? ALL_CONNECTIONS : findConnectionScope(db, user.id);
}

/** The user's scope re-read from the database (role, grants, disabled): for streams that outlive the request. */
export async function currentConnectionScope(db: Database, userId: string): Promise<ConnectionScope> {
  return findCurrentConnectionScope(db, userId);
}
