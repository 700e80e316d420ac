import type { Database } from "@/db";
import { ActionError } from "@/lib/actions/errors";
import { analyticsReader, analyticsRequest, type AnalyticsReader, type AnalyticsRefusal, type AnalyticsSection } from "@/lib/analytics/request";
import type { AnalyticsRequest } from "@/lib/analytics/types";
import { NotFoundError } from "@/lib/auth/connection-access";
import { requestTranslator } from "@/lib/i18n/server";
import { requestIdFrom, runWithRequestContext } from "@/lib/log";

import { refusal } from "../contacts/list-problem";

/** Fresh figures on every read: the browser's query cache decides when to ask again. */
const NO_STORE = { "Cache-Control": "no-store" };

const answerRefusal = (said: AnalyticsRefusal) => refusal(said.status, said.said, said.code, said.field);

/** A service's own refusal (a gateway failure reading Meta's figures, say) in the reader's words; undefined for a real failure. */
async function serviceProblem(error: unknown): Promise<Response | undefined> {
  if (!(error instanceof ActionError)) return undefined;
  const failure = error.toActionFailure(await requestTranslator());
  const status = error instanceof NotFoundError ? 404 : error.code === "GATEWAY_ERROR" || error.code === "MATON_KEY" ? 502 : 422;
  return Response.json(
    { error: { message: failure.message, code: failure.code ?? "INVALID_INPUT", ...(failure.field ? { field: failure.field } : {}), ...(failure.failure ? { failure: failure.failure } : {}) } },
    { status },
  );
}

async function answered(run: () => Promise<unknown>): Promise<Response> {
  try {
    return Response.json(await run(), { headers: NO_STORE });
  } catch (error) {
    const answer = await serviceProblem(error);
    if (answer) return answer;
    throw error;
  }
}

/** One report for a route: the request checked (session, role, search), then the service's answer as JSON. */
export function answerReport(request: Request, section: Exclude<AnalyticsSection, "options">, report: (db: Database, analytics: AnalyticsRequest) => Promise<unknown>): Promise<Response> {
  return runWithRequestContext({ requestId: requestIdFrom(request.headers) }, async () => {
    const asked = await analyticsRequest(request, section);
    if (!asked.ok) return answerRefusal(asked.refusal);
    return answered(() => report(asked.reader.db, asked.analytics));
  });
}

/** What the reader may filter by: needs no period, so a bad range in the URL still lets the filter bar load to fix it. */
export function answerReader(request: Request, section: "options", read: (reader: AnalyticsReader) => Promise<unknown>): Promise<Response> {
  return runWithRequestContext({ requestId: requestIdFrom(request.headers) }, async () => {
    const asked = await analyticsReader(request, section);
    if (!asked.ok) return answerRefusal(asked.refusal);
    return answered(() => read(asked.reader));
  });
}
