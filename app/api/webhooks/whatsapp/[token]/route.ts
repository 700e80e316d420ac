import { withRequestContext } from "@/lib/log";
import { answerHandshake, receiveDelivery } from "@/lib/webhooks/endpoint";

export const dynamic = "force-dynamic";

/** The callback with this installation's secret token in the path (deliveries through Maton's app). */
export const GET = withRequestContext((request: Request) => answerHandshake(request));

export const POST = withRequestContext(async (request: Request, context: RouteContext<"/api/webhooks/whatsapp/[token]">) => {
  const { token } = await context.params;
  return receiveDelivery(request, token);
});
