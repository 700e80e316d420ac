"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";

import { auth, signIn, signOut, SignInRefused } from "@/auth";
import { getDb } from "@/db";
import { endSession } from "@/lib/auth/sessions";
import { waitTime } from "@/lib/auth/sign-in-throttle";
import { message, type Translatable } from "@/lib/i18n/translatable";

import { signInSchema } from "./auth.schema";
import { actionClient } from "./client";
import { ActionError } from "./errors";

const INVALID_CREDENTIALS = message("auth.errors.invalidCredentials");

/** Only same-site paths are followed after sign-in, so the login page cannot redirect elsewhere. */
function safeCallbackPath(callbackUrl: string | undefined): string {
  if (!callbackUrl || !callbackUrl.startsWith("/") || callbackUrl.startsWith("//") || callbackUrl.startsWith("/\\")) {
    return "/inbox";
  }
  return callbackUrl;
}

function refusalMessage(error: SignInRefused): Translatable {
  if (error.code === "disabled") return message("auth.errors.disabled");
  const throttled = /^throttled:(\d+)$/.exec(error.code);
  if (throttled) return message("auth.errors.throttled", waitTime(Number(throttled[1])));
  return INVALID_CREDENTIALS;
}

export const signInAction = actionClient
  .metadata({ actionName: "signIn" })
  .inputSchema(signInSchema)
  .action(async ({ parsedInput }) => {
    try {
      await signIn("credentials", { email: parsedInput.email, password: parsedInput.password, redirect: false });
    } catch (error) {
      if (error instanceof SignInRefused) throw new ActionError(refusalMessage(error), { code: "SIGN_IN_REFUSED" });
      if (error instanceof AuthError) throw new ActionError(INVALID_CREDENTIALS, { code: "SIGN_IN_REFUSED" });
      throw error;
    }
    redirect(safeCallbackPath(parsedInput.callbackUrl));
  });

/**
 * Ends this browser's session on the server first, so a copy of the cookie stops working, then
 * clears the cookie. Should the first step fail, the cookie is cleared all the same and the error shows.
 */
export async function signOutAction(): Promise<void> {
  const session = await auth();
  try {
    if (session?.user?.id && session.sessionId) {
      await endSession(await getDb(), { userId: session.user.id, sessionId: session.sessionId });
    }
  } finally {
    await signOut({ redirect: false });
  }
  redirect("/login");
}
