import { ActionError } from "@/lib/actions/errors";
import { NotFoundError } from "@/lib/auth/connection-access";
import { AuthorizationError } from "@/lib/auth/session";
import { requestTranslator } from "@/lib/i18n/server";
import { translateMessage } from "@/lib/i18n/translatable";

/**
 * A campaign service's refusal as the dashboard's JSON answer (`{ error: { message, code, field? } }`),
 * in the reader's words: not found 404, a role 401/403, a conflict 409, anything else it names 422.
 * Undefined for anything else, which the caller rethrows.
 */
export async function campaignProblem(error: unknown): Promise<Response | undefined> {
  if (error instanceof AuthorizationError) {
    return Response.json({ error: { message: translateMessage(await requestTranslator(), error.said), code: error.code } }, { status: error.status });
  }
  if (!(error instanceof ActionError)) return undefined;
  const status = error instanceof NotFoundError ? 404 : error.code === "CONFLICT" ? 409 : 422;
  const said = translateMessage(await requestTranslator(), error.said);
  return Response.json({ error: { message: said, code: error.code ?? "INVALID_INPUT", ...(error.field ? { field: error.field } : {}) } }, { status });
}

/** Runs a campaign service for a route, answering its refusals. */
export async function answerCampaign(run: () => Promise<unknown>): Promise<Response> {
  try {
    return Response.json(await run(), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const answer = await campaignProblem(error);
    if (answer) return answer;
    throw error;
  }
}
