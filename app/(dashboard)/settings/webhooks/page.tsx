import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { ClientMessages } from "@/components/i18n/client-messages";
import { PageHeader } from "@/components/shell/page-header";
import { DeliveriesTable } from "@/components/webhooks/deliveries-table";
import { RegistrationsCard } from "@/components/webhooks/registrations-card";
import { WebhookEndpointCard } from "@/components/webhooks/webhook-endpoint-card";
import { getDb } from "@/db";
import { countWebhookEventsNeedingAttention, latestWebhookEvents } from "@/db/queries/webhook-events";
import { requirePageAccess } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { requestTranslator } from "@/lib/i18n/server";
import { translateMessage } from "@/lib/i18n/translatable";
import { callbackUrl, deliveryAuthentication, registrationBlockedReason, verifyToken } from "@/lib/webhooks/callback";
import { countRejectedDeliveries } from "@/lib/webhooks/refusals";
import { registrationErrorText, registrationOverview } from "@/lib/webhooks/registration";
import { webhookDeliveryView } from "@/lib/webhooks/views";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("webhooks");
  return { title: t("title") };
}

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
  const t = await getTranslations("webhooks");
  // Refusals are stored as what their words are written from: each admin reads them in their own language.
  const inWords = await requestTranslator();
  const blocked = registrationBlockedReason(config);

  return (
    <ClientMessages namespaces={["webhooks"]}>
      <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 p-6">
        <PageHeader title={t("title")} description={t("description")} />
        <WebhookEndpointCard callbackUrl={url} verifyToken={token} mode={mode} rejectedDeliveries={rejected} />
        <RegistrationsCard
          registrations={registrations.map((registration) => ({
            ...registration,
            error: registration.error === null ? null : registrationErrorText(inWords, registration.error),
          }))}
          mode={mode}
          blockedReason={blocked ? translateMessage(inWords, blocked) : null}
        />
        <DeliveriesTable
          needsAttention={needsAttention}
          attentionCount={attention}
          deliveries={events.map(webhookDeliveryView)}
        />
      </div>
    </ClientMessages>
  );
}
