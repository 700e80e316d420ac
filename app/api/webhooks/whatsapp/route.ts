import { withRequestContext } from "@/lib/log";
import { answerHandshake, receiveDelivery } from "@/lib/webhooks/endpoint";

export const dynamic = "force-dynamic";

/** Meta's handshake for the callback without a token (own Meta app, signed deliveries). */
export const GET = withRequestContext((request: Request) => answerHandshake(request));

export const POST = withRequestContext((request: Request) => receiveDelivery(request, undefined));
