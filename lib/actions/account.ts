"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { signIn, signOut } from "@/auth";
import { getDb } from "@/db";
import { recordAudit } from "@/db/queries/audit";
import { findUserByIdForUpdate, updateUser } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { isLocale, isTimeZone, type Locale } from "@/i18n/locales";
import { clearWrongCurrentPasswords, currentPasswordWaitSeconds, recordWrongCurrentPassword } from "@/lib/auth/credentials";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { currentSession } from "@/lib/auth/session";
import { endAllSessions, endOwnSession, revokeAllSessions } from "@/lib/auth/sessions";
import { waitTime } from "@/lib/auth/sign-in-throttle";
import { message } from "@/lib/i18n/translatable";
import { logger } from "@/lib/log";

import { changeOwnPasswordSchema, endOwnSessionSchema, updateOwnNameSchema, updateOwnPreferencesSchema } from "./account.schema";
import { authActionClient, passwordChangeActionClient } from "./client";
import { ActionError } from "./errors";

const log = logger("auth");

const SIGNED_OUT = message("auth.authorization.signedOut");

const actorOf = (user: { id: string; email: string }) => ({ id: user.id, email: user.email });

export const updateOwnNameAction = authActionClient
  .metadata({ actionName: "updateOwnName" })
  .inputSchema(updateOwnNameSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ name: string; changed: boolean }> => {
    const db = await getDb();
    const changed = await db.transaction(async (tx) => {
      const me = await findUserByIdForUpdate(tx, ctx.user.id);
      if (!me) throw new ActionError(SIGNED_OUT, { code: "UNAUTHENTICATED" });
      if (me.name === parsedInput.name) return false;
      await updateUser(tx, me.id, { name: parsedInput.name });
      await recordAudit(tx, {
        actor: { id: me.id, email: me.email },
        action: "user.name_changed",
        target: { type: "user", id: me.id },
        details: { from: me.name, to: parsedInput.name },
      });
      return true;
    });
    // The name shows in the header of every page.
    revalidatePath("/", "layout");
    return { name: parsedInput.name, changed };
  });

/** The user's language and time zone as stored: a value this runtime no longer knows counts as "follow the browser". */
function preferencesOf(user: Pick<User, "locale" | "timeZone">): { locale: Locale | null; timeZone: string | null } {
  return { locale: isLocale(user.locale) ? user.locale : null, timeZone: isTimeZone(user.timeZone) ? user.timeZone : null };
}

/**
 * The user's own language and time zone (null: follow the browser). Audited like a name change;
 * every page is rendered again in the new language.
 */
export const updateOwnPreferencesAction = authActionClient
  .metadata({ actionName: "updateOwnPreferences" })
  .inputSchema(updateOwnPreferencesSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ locale: Locale | null; timeZone: string | null; changed: boolean }> => {
    const db = await getDb();
    const wanted = { locale: parsedInput.locale, timeZone: parsedInput.timeZone };
    const changed = await db.transaction(async (tx) => {
      const me = await findUserByIdForUpdate(tx, ctx.user.id);
      if (!me) throw new ActionError(SIGNED_OUT, { code: "UNAUTHENTICATED" });
      const before = preferencesOf(me);
      if (before.locale === wanted.locale && before.timeZone === wanted.timeZone) return false;
      await updateUser(tx, me.id, wanted);
      await recordAudit(tx, {
        actor: { id: me.id, email: me.email },
        action: "user.preferences_changed",
        target: { type: "user", id: me.id },
        details: { from: before, to: wanted },
      });
      return true;
    });
    // Every page's words, direction and dates follow the setting.
    revalidatePath("/", "layout");
    return { ...wanted, changed };
  });

export const changeOwnPasswordAction = passwordChangeActionClient
  .metadata({ actionName: "changeOwnPassword" })
  .inputSchema(changeOwnPasswordSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ changed: true }> => {
    const db = await getDb();
    const waitSeconds = await currentPasswordWaitSeconds(db, ctx.user.email);
    if (waitSeconds > 0) {
      throw new ActionError(message("account.errors.throttled", waitTime(waitSeconds)), {
        code: "THROTTLED",
        field: "currentPassword",
      });
    }
    // Hash outside the transaction: bcrypt takes ~250 ms and needs no lock.
    const newHash = await hashPassword(parsedInput.newPassword);
    const outcome = await db.transaction(async (tx) => {
      const me = await findUserByIdForUpdate(tx, ctx.user.id);
      if (!me) throw new ActionError(SIGNED_OUT, { code: "UNAUTHENTICATED" });
      if (!(await verifyPassword(parsedInput.currentPassword, me.passwordHash))) return "wrong password";
      // Every session signed in before now ends, this one too: it is signed in again just below.
      const now = new Date();
      await updateUser(tx, me.id, { passwordHash: newHash, mustChangePassword: false, sessionsValidFrom: now });
      const sessionsEnded = await revokeAllSessions(tx, me.id, now);
      await recordAudit(tx, {
        actor: { id: me.id, email: me.email },
        action: "user.password_changed",
        target: { type: "user", id: me.id },
        details: { ...(me.mustChangePassword ? { reason: "one-time password replaced" } : {}), sessionsEnded },
      });
      return "changed";
    });
    // Counted outside the transaction, which a refusal would roll back.
    if (outcome === "wrong password") {
      await recordWrongCurrentPassword(db, ctx.user.email);
      throw new ActionError(message("account.errors.wrongPassword"), { code: "WRONG_PASSWORD", field: "currentPassword" });
    }
    await clearWrongCurrentPasswords(db, ctx.user.email);
    // A fresh session for this browser, with the new password; the user's other sessions stay ended.
    // Should it fail, the password is changed all the same and the sign-in page asks for it.
    await signIn("credentials", { email: ctx.user.email, password: parsedInput.newPassword, redirect: false }).catch((error: unknown) => {
      log.error({ err: error }, "signing in again after a password change failed");
    });
    revalidatePath("/", "layout");
    return { changed: true };
  });

/** Ends one of the user's other sessions (a browser left signed in elsewhere). */
export const endOwnSessionAction = authActionClient
  .metadata({ actionName: "endOwnSession" })
  .inputSchema(endOwnSessionSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ ended: boolean }> => {
    if (parsedInput.sessionId === (await currentSession())?.sessionId) {
      throw new ActionError(message("account.errors.currentSession"), { code: "CURRENT_SESSION" });
    }
    const ended = await endOwnSession(await getDb(), actorOf(ctx.user), parsedInput.sessionId);
    revalidatePath("/account");
    return { ended };
  });

/**
 * Ends every session of the user, on every device, this one included, and any cookie issued
 * before now; this browser goes to the sign-in page.
 */
export const signOutEverywhereAction = authActionClient
  .metadata({ actionName: "signOutEverywhere" })
  .action(async ({ ctx }): Promise<never> => {
    await endAllSessions(await getDb(), actorOf(ctx.user));
    await signOut({ redirect: false });
    redirect("/login");
  });
