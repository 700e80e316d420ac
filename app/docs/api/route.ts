import { negotiateLocale } from "@/i18n/negotiate";
import { isNonce, referencePageHtml } from "@/lib/api/reference";
import { env } from "@/lib/env";
import { contentSecurityPolicy, newNonce, strictTransportSecurity } from "@/lib/http/security-headers";
import { translatorFor } from "@/lib/i18n/translators";

export const dynamic = "force-dynamic";

/**
 * The API reference (public, like the OpenAPI document it shows). Its scripts carry the nonce the
 * proxy gave this request, so the dashboard's Content-Security-Policy applies unchanged; the same
 * policy is sent from here for a request the proxy did not see.
 */
export async function GET(request: Request): Promise<Response> {
  const forwarded = request.headers.get("x-nonce");
  const nonce = isNonce(forwarded) ? forwarded : newNonce();
  const t = await translatorFor(negotiateLocale(request.headers.get("accept-language")));
  const html = await referencePageHtml({ title: t("api.reference.pageTitle"), nonce });
  const policy = contentSecurityPolicy({
    nonce,
    development: process.env.NODE_ENV === "development",
    upgradeInsecureRequests: strictTransportSecurity(env().appUrl) !== undefined,
  });
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": policy,
      // A nonce per answer: never reuse one.
      "Cache-Control": "no-store",
      Vary: "Accept-Language",
    },
  });
}
