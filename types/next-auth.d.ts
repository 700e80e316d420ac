import type { Role } from "@/lib/auth/permissions";

declare module "next-auth" {
  interface User {
    role?: Role;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    role?: Role;
  }
}
