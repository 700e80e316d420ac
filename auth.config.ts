import type { NextAuthConfig } from "next-auth";

import { isRole } from "@/lib/auth/permissions";

/**
 * The part of the Auth.js configuration that needs no database. Sessions last 12 hours from
 * sign-in and are not extended by use: the proxy only reads the cookie and never re-issues it, so
 * a request still in flight at sign-out cannot bring the session back.
 */
export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
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
      return session;
    },
  },
} satisfies NextAuthConfig;
