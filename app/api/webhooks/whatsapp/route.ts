import { answerHandshake, receiveDelivery } from "@/lib/webhooks/endpoint";

export const dynamic = "force-dynamic";

/** Meta's handshake for the callback without a token (own Meta app, signed deliveries). */
export function GET(request: Request) {
  return answerHandshake(request);
}

export function POST(request: Request) {
  return receiveDelivery(request, undefined);
}
