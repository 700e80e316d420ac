import type { Metadata } from "next";

import { PageHeader } from "@/components/shell/page-header";
import { DeliveriesTable } from "@/components/webhooks/deliveries-table";
import { RegistrationsCard } from "@/components/webhooks/registrations-card";
import { WebhookEndpointCard } from "@/components/webhooks/webhook-endpoint-card";
import { getDb } from "@/db";
import { countWebhookEventsNeedingAttention, latestWebhookEvents } from "@/db/queries/webhook-events";
import { requirePageAccess } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { callbackUrl, deliveryAuthentication, registrationBlockedReason, verifyToken } from "@/lib/webhooks/callback";
import { countRejectedDeliveries } from "@/lib/webhooks/refusals";
import { registrationOverview } from "@/lib/webhooks/registration";
import { webhookDeliveryView } from "@/lib/webhooks/views";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ searchParams }: PageProps<"/settings/webhooks">) {
  await requirePageAccess("webhooks.manage");
  const needsAttention = (await searchParams).show === "attention";
  const config = env();
  const db = await getDb();
  const [events, attention, rejected, url, token, registrations] = await Promise.all([
    latestWebhookEvents(db, 50, { needsAttention }),
    countWebhookEventsNeedingAttention(db),
    countRejectedDeliveries(db),
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
        needsAttention={needsAttention}
        attentionCount={attention}
        deliveries={events.map(webhookDeliveryView)}
      />
    </div>
  );
}
