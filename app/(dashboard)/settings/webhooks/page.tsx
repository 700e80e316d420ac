import type { Metadata } from "next";

import { PageHeader } from "@/components/shell/page-header";
import { DeliveriesTable } from "@/components/webhooks/deliveries-table";
import { RegistrationsCard } from "@/components/webhooks/registrations-card";
import { WebhookEndpointCard } from "@/components/webhooks/webhook-endpoint-card";
import { getDb } from "@/db";
import { readCounter } from "@/db/queries/counters";
import { latestWebhookEvents } from "@/db/queries/webhook-events";
import { requirePageAccess } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { callbackUrl, deliveryAuthentication, registrationBlockedReason, verifyToken } from "@/lib/webhooks/callback";
import { REJECTED_DELIVERIES_COUNTER } from "@/lib/webhooks/ingest";
import { registrationOverview } from "@/lib/webhooks/registration";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  await requirePageAccess("webhooks.manage");
  const config = env();
  const db = await getDb();
  const [events, rejected, url, token, registrations] = await Promise.all([
    latestWebhookEvents(db, 50),
    readCounter(db, REJECTED_DELIVERIES_COUNTER),
    callbackUrl(db, config),
    verifyToken(db, config),
    registrationOverview(db, config),
  ]);
  const mode = deliveryAuthentication(config);

  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 p-6">
      <PageHeader title="Webhooks" description="Where WhatsApp delivers customers' messages and the statuses of yours." />
      <WebhookEndpointCard callbackUrl={url} verifyToken={token} mode={mode} rejectedDeliveries={rejected} />
      <RegistrationsCard
        registrations={registrations}
        mode={mode}
        blockedReason={registrationBlockedReason(config) ?? null}
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
