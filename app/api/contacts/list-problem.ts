import { ActionError } from "@/lib/actions/errors";
import { NotFoundError } from "@/lib/auth/connection-access";
import { AuthorizationError } from "@/lib/auth/session";
import { requestTranslator } from "@/lib/i18n/server";
import { translateMessage, type Translatable } from "@/lib/i18n/translatable";

/** A refusal in the JSON shape the dashboard reads (`{ error: { message, code, field? } }`), in the reader's language. */
export async function refusal(status: number, said: Translatable | string, code: string, field?: string): Promise<Response> {
  const message = translateMessage(await requestTranslator(), said);
  return Response.json({ error: { message, code, ...(field ? { field } : {}) } }, { status });
}

/**
 * A refusal of the contact list's services (role, filter, segment, cursor) as its answer; undefined
 * for anything else, a real failure left to Next's 500. `field` names the input at fault
 * (`filter.attributes.0.value`) for the filter builder to point at.
 */
export async function contactsProblem(error: unknown): Promise<Response | undefined> {
  if (error instanceof AuthorizationError) return refusal(error.status, error.said, error.code);
  if (error instanceof NotFoundError) return refusal(404, error.said, "NOT_FOUND", error.field);
  if (error instanceof ActionError) return refusal(error.code === "INVALID_CURSOR" ? 400 : 422, error.said, error.code ?? "INVALID_INPUT", error.field);
  return undefined;
}
