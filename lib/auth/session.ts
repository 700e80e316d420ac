import "server-only";

import { forbidden, redirect } from "next/navigation";
import { cache } from "react";

import { auth } from "@/auth";
import { getDb } from "@/db";
import type { ConnectionScope } from "@/db/queries/connection-access";
import { encodeMessage, message, translateMessage, type Translatable } from "@/lib/i18n/translatable";
import { requestIdFrom, runWithRequestContext } from "@/lib/log";

import { can, type Capability, type Role } from "./permissions";
import { sessionUserWithGrants } from "./session-user";
import { findSignedInUser } from "./sessions";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  mustChangePassword: boolean;
  /** Their language and time zone settings; null follows the browser. */
  locale: string | null;
  timeZone: string | null;
  /** The connections this user may work in (admins: all). Every query about accounts' data is filtered by it. */
  connections: ConnectionScope;
}

/**
 * A refusal for want of a session or a role. `said` is what the person is told, put into their
 * language by the door the answer leaves by (the action client, {@link withCapability}); `message`
 * carries the same, encoded, for any door that reads only an Error's message.
 */
export class AuthorizationError extends Error {
  override name = "AuthorizationError";
  constructor(
    readonly status: 401 | 403,
    readonly said: Translatable,
  ) {
    super(encodeMessage(said));
  }
  get code() {
    return this.status === 401 ? "UNAUTHENTICATED" : "FORBIDDEN";
  }
}

/** A signed-in browser: who it is, and the id of its session (to end it, or to mark "this device"). */
export interface CurrentSession {
  user: SessionUser;
  sessionId: string;
}

/**
 * Who the session cookie names (a user and their session's row), once per request, before any
 * database check: only for starting a read that is used once {@link currentSession} has confirmed
 * that very user. Null without a valid cookie, or with one carrying no session id.
 */
export const sessionCookie = cache(async (): Promise<{ userId: string; sessionId: string } | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  const sessionId = session?.sessionId;
  return userId && sessionId ? { userId, sessionId } : null;
});

/**
 * The signed-in user as the database knows them now, once per request (layouts, page and metadata
 * share it), in one query. The session cookie only names the user and the session: the session must
 * be active in `user_sessions` (not signed out, revoked or expired), the user enabled, and a session
 * older than the user's last password change, reset or "sign out everywhere" is over. A disabled
 * user or a changed role takes effect on the next request. A cookie without a session id (issued
 * before sessions were recorded) is signed out.
 */
export const currentSession = cache(async (): Promise<CurrentSession | null> => {
  const cookie = await sessionCookie();
  if (!cookie) return null;
  const { userId, sessionId } = cookie;
  const found = await findSignedInUser(await getDb(), { sessionId, userId });
  if (!found) return null;
  return { sessionId, user: sessionUserWithGrants(found.user, found.grantedConnectionIds) };
});

/** The signed-in user (see {@link currentSession}), or null. */
export const currentUser = cache(async (): Promise<SessionUser | null> => (await currentSession())?.user ?? null);

/**
 * The one check behind every server action, route handler and page. A user still holding a
 * one-time password may do nothing but replace it (`allowPendingPasswordChange`).
 */
export async function requireCapability(
  capability?: Capability,
  options: { allowPendingPasswordChange?: boolean } = {},
): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AuthorizationError(401, message("auth.authorization.signedOut"));
  if (user.mustChangePassword && !options.allowPendingPasswordChange) {
    throw new AuthorizationError(403, message("auth.authorization.mustChangePassword"));
  }
  if (capability && !can(user.role, capability)) {
    throw new AuthorizationError(403, message("auth.authorization.roleNotAllowed", { role: user.role }));
  }
  return user;
}

/**
 * For pages: signed-out users go to the sign-in page, others without the capability get the 403
 * page. The dashboard layout shows the password change in place of any page while one is pending.
 */
export async function requirePageAccess(capability?: Capability): Promise<SessionUser> {
  try {
    return await requireCapability(capability, { allowPendingPasswordChange: true });
  } catch (error) {
    if (!(error instanceof AuthorizationError)) throw error;
    if (error.status === 401) redirect("/login");
    forbidden();
  }
}

/** For route handlers: answers 401 or 403 as JSON instead of running the handler. */
export function withCapability<Args extends unknown[]>(
  capability: Capability | undefined,
  handler: (user: SessionUser, ...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  // Route handlers get the request first: its id (set by the proxy) goes on every log line of the call.
  return async (...args) =>
    args[0] instanceof Request
      ? runWithRequestContext({ requestId: requestIdFrom(args[0].headers) }, () => checkedCall(args))
      : checkedCall(args);

  async function checkedCall(args: Args): Promise<Response> {
    let user: SessionUser;
    try {
      user = await requireCapability(capability);
    } catch (error) {
      if (!(error instanceof AuthorizationError)) throw error;
      // Imported here: lib/i18n finds the request's reader through this module.
      const { requestTranslator } = await import("@/lib/i18n/server");
      const t = await requestTranslator();
      return Response.json({ error: { message: translateMessage(t, error.said), code: error.code } }, { status: error.status });
    }
    return handler(user, ...args);
  }
}
