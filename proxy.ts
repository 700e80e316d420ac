import NextAuth from "next-auth";

import { authConfig } from "@/auth.config";
import { env } from "@/lib/env";

// The proxy only reads the session cookie; whether the user still exists, is enabled and
// holds the role is checked again on the server by every page, action and route.
const { auth } = NextAuth(() => ({ ...authConfig, secret: env().authSecret }));

export const proxy = auth;

export const config = {
  // Meta's deliveries and health checks carry no session: they skip the proxy and check their own way.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/webhooks|api/health|.*\\.(?:png|svg|ico|webp)$).*)"],
};
