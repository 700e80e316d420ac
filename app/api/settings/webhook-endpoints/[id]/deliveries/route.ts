import { getDb } from "@/db";
import { ActionError } from "@/lib/actions/errors";
import { isDeliveryStatus } from "@/lib/actions/outbound-webhooks.schema";
import { withCapability } from "@/lib/auth/session";
import { requestTranslator } from "@/lib/i18n/server";
import { message, translateMessage, type Translatable } from "@/lib/i18n/translatable";
import { findEndpoint, listDeliveries } from "@/lib/outbound-webhooks/service";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE_SIZE = 25;
const PAGE_SIZE_MAX = 100;
/** The service's cursors are short and opaque; anything longer was not made by it. */
const CURSOR_MAX = 512;

async function problem(status: number, refusal: Translatable, code: string): Promise<Response> {
  return Response.json({ error: { message: translateMessage(await requestTranslator(), refusal), code } }, { status });
}

/**
 * A page of an endpoint's deliveries, newest first (`?status=` to filter, `?cursor=` for older
 * ones): what the endpoint page polls while deliveries are pending. Admins only.
 */
export const GET = withCapability(
  "webhooks.manage",
  async (_user, request: Request, context: { params: Promise<{ id: string }> }) => {
    const { id } = await context.params;
    if (!UUID.test(id)) return problem(404, message("outboundWebhooks.api.notFound"), "NOT_FOUND");
    const params = new URL(request.url).searchParams;
    const rawStatus = params.get("status");
    const status = rawStatus === null ? undefined : isDeliveryStatus(rawStatus) ? rawStatus : null;
    if (status === null) return problem(400, message("outboundWebhooks.api.invalidStatus"), "INVALID_STATUS");
    const cursor = params.get("cursor");
    if (cursor !== null && (cursor === "" || cursor.length > CURSOR_MAX)) {
      return problem(400, message("outboundWebhooks.api.invalidCursor"), "INVALID_CURSOR");
    }
    const limit = Math.min(Math.max(Number(params.get("limit")) || PAGE_SIZE, 1), PAGE_SIZE_MAX);
    const db = await getDb();
    if (!(await findEndpoint(db, id))) return problem(404, message("outboundWebhooks.api.notFound"), "NOT_FOUND");
    try {
      return Response.json(await listDeliveries(db, id, { cursor, status, limit }));
    } catch (error) {
      // A cursor the service cannot read (altered, or from another list): its refusal, as a 400.
      if (error instanceof ActionError) return problem(400, message("outboundWebhooks.api.invalidCursor"), "INVALID_CURSOR");
      throw error;
    }
  },
);
