import type { Role } from "@/lib/auth/permissions";

declare module "next-auth" {
  interface User {
    role?: Role;
  }
  interface Session {
    /** When this session signed in (ms since the epoch): a password change ends older sessions. */
    signedInAt?: number;
    /** The id of this session's row in `user_sessions`; a session without one is signed out. */
    sessionId?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    role?: Role;
    signedInAt?: number;
    /** The session's row in `user_sessions`, created at sign-in. */
    sid?: string;
  }
}
