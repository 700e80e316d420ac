import type { Role } from "@/lib/auth/permissions";

declare module "next-auth" {
  interface User {
    role?: Role;
  }
  interface Session {
    /** When this session signed in (ms since the epoch): a password change ends older sessions. */
    signedInAt?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    role?: Role;
    signedInAt?: number;
  }
}
