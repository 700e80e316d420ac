import { ActionError } from "@/lib/actions/errors";
import { NotFoundError } from "@/lib/auth/connection-access";
import { AuthorizationError } from "@/lib/auth/session";
import { requestTranslator } from "@/lib/i18n/server";
import { translateMessage } from "@/lib/i18n/translatable";

/**
 * A refusal of the results' services as the dashboard reads it (`{ error: { message, code, field? } }`,
 * in the reader's language); undefined for anything else, a real failure left to Next's 500.
 */
export async function resultsProblem(error: unknown): Promise<Response | undefined> {
  const answer = async (status: number, said: Parameters<typeof translateMessage>[1], code: string, field?: string) =>
    Response.json({ error: { message: translateMessage(await requestTranslator(), said), code, ...(field ? { field } : {}) } }, { status });
  if (error instanceof AuthorizationError) return answer(error.status, error.said, error.code);
  if (error instanceof NotFoundError) return answer(404, error.said, "NOT_FOUND", error.field);
  if (error instanceof ActionError) return answer(error.code === "INVALID_INPUT" ? 400 : 409, error.said, error.code ?? "INVALID_INPUT", error.field);
  return undefined;
}
