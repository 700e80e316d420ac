import { randomBytes } from "node:crypto";

/** WhatsApp's CDN, where Graph's `profile_picture_url` points: the profile page shows the picture from there. */
export const WHATSAPP_PICTURE_ORIGIN = "https://pps.whatsapp.net";

/** A fresh value for each page: a script must carry it to run. */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

export interface ContentSecurityPolicyOptions {
  nonce: string;
  /** `next dev`: React rebuilds server error stacks with eval, which production never does. */
  development: boolean;
  /** Origins images may come from besides the dashboard itself (a profile picture's host). */
  imageOrigins?: readonly string[];
  /** The dashboard is served over https: any http reference is upgraded rather than loaded in the clear. */
  upgradeInsecureRequests?: boolean;
}

/**
 * The pages' Content-Security-Policy. Scripts run only with this response's nonce (Next adds it to
 * its own scripts; `'strict-dynamic'` lets those load the chunks they import), so an injected
 * script does not run. Styles stay inline-capable: Tailwind and radix set `style` attributes.
 */
export function contentSecurityPolicy(options: ContentSecurityPolicyOptions): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${options.nonce}'`, "'strict-dynamic'", ...(options.development ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:", ...(options.imageOrigins ?? [])],
    ["media-src", "'self'", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  if (options.upgradeInsecureRequests) directives.push(["upgrade-insecure-requests"]);
  return directives.map((directive) => directive.join(" ")).join("; ");
}

/** Browsers that once reached the dashboard over https never try http again (two years, subdomains too). */
export function strictTransportSecurity(appUrl: string): string | undefined {
  return new URL(appUrl).protocol === "https:" ? "max-age=63072000; includeSubDomains" : undefined;
}

/** The origin of a URL, or undefined for one that is not http(s). */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}
