import type { NextAuthConfig } from "next-auth";

import { isRole } from "@/lib/auth/permissions";

/** How long a session lasts from sign-in; its row in `user_sessions` expires at the same moment. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * The part of the Auth.js configuration that needs no database. Sessions last 12 hours from
 * sign-in and are not extended by use: the proxy only reads the cookie and never re-issues it, so
 * a request still in flight at sign-out cannot bring the session back. The cookie carries the id of
 * the session's row (`sid`, added at sign-in by auth.ts); signing out revokes the row.
 */
export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  trustHost: true,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.signedInAt = Date.now();
        if ("role" in user && isRole(user.role)) token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.signedInAt = token.signedInAt;
      session.sessionId = token.sid;
      return session;
    },
  },
} satisfies NextAuthConfig;
