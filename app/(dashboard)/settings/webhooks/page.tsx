import type { Metadata } from "next";

import { PageHeader } from "@/components/shell/page-header";
import { DeliveriesTable } from "@/components/webhooks/deliveries-table";
import { WebhookEndpointCard } from "@/components/webhooks/webhook-endpoint-card";
import { getDb } from "@/db";
import { readCounter } from "@/db/queries/counters";
import { latestWebhookEvents } from "@/db/queries/webhook-events";
import { requirePageAccess } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { REJECTED_DELIVERIES_COUNTER } from "@/lib/webhooks/ingest";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  await requirePageAccess("webhooks.manage");
  const config = env();
  const db = await getDb();
  const [events, rejected] = await Promise.all([latestWebhookEvents(db, 50), readCounter(db, REJECTED_DELIVERIES_COUNTER)]);

  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 p-6">
      <PageHeader title="Webhooks" description="Where WhatsApp delivers customers' messages and the statuses of yours." />
      <WebhookEndpointCard
        callbackUrl={`${config.appUrl}/api/webhooks/whatsapp`}
        verifyToken={config.whatsappVerifyToken ?? null}
        signatureChecked={config.whatsappAppSecret !== undefined}
        rejectedDeliveries={rejected}
      />
      <DeliveriesTable
        deliveries={events.map((event) => ({
          id: event.id,
          receivedAt: event.receivedAt.toISOString(),
          authenticatedBy: event.authenticatedBy,
          processed: event.processedAt !== null,
          error: event.error,
          summary: event.summary ?? null,
          size: event.body.length,
        }))}
      />
    </div>
  );
}
