import { isLocale, LOCALES } from "@/i18n/locales";
import { clientCatalog, MAX_CLIENT_NAMESPACES, parseNamespaceList, type NamespaceListProblem } from "@/lib/i18n/client-catalog";
import { loadMessages } from "@/lib/i18n/messages";
import { requestTranslator } from "@/lib/i18n/server";
import { message, translateMessage, type Translatable } from "@/lib/i18n/translatable";

/** A version's messages never change: the browser may keep them for a year without asking again. */
const IMMUTABLE = "public, max-age=31536000, immutable";

function refusalOf(problem: NamespaceListProblem): Translatable {
  switch (problem.kind) {
    case "missing":
      return message("api.problems.catalogNamespacesMissing");
    case "tooMany":
      return message("api.problems.catalogNamespacesTooMany", { max: MAX_CLIENT_NAMESPACES });
    case "unknown":
      return message("api.problems.catalogNamespaceUnknown", { namespace: problem.namespace });
  }
}

async function refuse(status: number, refusal: Translatable, code: string, field: string): Promise<Response> {
  const text = translateMessage(await requestTranslator(), refusal);
  return Response.json({ error: { message: text, code, field } }, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * The part of a language's catalog the dashboard's client components use on a page
 * (`?ns=common,inbox.list&v=<version>`; components/i18n/client-messages.tsx gives the URL). Public
 * like the pages' scripts, the sign-in page's included: it holds the interface's words and nothing
 * else. Asked for with the current version it may be cached for good; with another (a page older
 * than this deployment) it answers today's messages, not to be kept.
 */
export async function GET(request: Request, { params }: RouteContext<"/api/i18n/[locale]">) {
  const { locale } = await params;
  if (!isLocale(locale)) return refuse(404, message("api.problems.catalogLanguageUnknown", { locale: locale.slice(0, 20), languages: LOCALES.join(", ") }), "NOT_FOUND", "locale");
  const search = new URL(request.url).searchParams;
  const parsed = parseNamespaceList(search.get("ns"), await loadMessages(locale));
  if ("problem" in parsed) return refuse(400, refusalOf(parsed.problem), "INVALID_INPUT", "ns");
  const catalog = await clientCatalog(locale, parsed.namespaces);
  const current = search.get("v") === catalog.version;
  return Response.json(catalog.messages, { headers: { "Cache-Control": current ? IMMUTABLE : "no-cache" } });
}
