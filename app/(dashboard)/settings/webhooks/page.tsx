import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { ClientMessages } from "@/components/i18n/client-messages";
import { EndpointsSection } from "@/components/outbound-webhooks/endpoints-section";
import { TO_YOUR_SYSTEMS_ID } from "@/components/outbound-webhooks/paths";
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
import { listEndpoints } from "@/lib/outbound-webhooks/service";
import { callbackUrl, deliveryAuthentication, registrationBlockedReason, verifyToken } from "@/lib/webhooks/callback";
import { countRejectedDeliveries } from "@/lib/webhooks/refusals";
import { registrationErrorText, registrationOverview } from "@/lib/webhooks/registration";
import { webhookDeliveryView } from "@/lib/webhooks/views";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("webhooks");
  return { title: t("title") };
}

const FROM_WHATSAPP_ID = "from-whatsapp";

/** The two directions on one page, each under its own heading: what WhatsApp sends here, and what is sent on to the team's systems. */
export default async function WebhooksPage({ searchParams }: PageProps<"/settings/webhooks">) {
  await requirePageAccess("webhooks.manage");
  const needsAttention = (await searchParams).show === "attention";
  const config = env();
  const db = await getDb();
  const [events, attention, rejected, url, token, registrations, endpoints] = await Promise.all([
    latestWebhookEvents(db, 50, { needsAttention }),
    countWebhookEventsNeedingAttention(db),
    countRejectedDeliveries(db),
    callbackUrl(db, config),
    verifyToken(db, config),
    registrationOverview(db, config),
    listEndpoints(db),
  ]);
  const mode = deliveryAuthentication(config);
  const t = await getTranslations("webhooks");
  const directions = await getTranslations("outboundWebhooks.page");
  // Refusals are stored as what their words are written from: each admin reads them in their own language.
  const inWords = await requestTranslator();
  const blocked = registrationBlockedReason(config);

  return (
    <ClientMessages namespaces={["webhooks", "outboundWebhooks"]}>
      <div className="mx-auto flex w-full max-w-6xl flex-col gap-8 p-6">
        <div className="grid gap-3">
          <PageHeader title={t("title")} description={directions("description")} />
          <nav aria-label={directions("sectionsLabel")}>
            <ul className="flex flex-wrap gap-2 text-sm">
              <li>
                <a href={`#${FROM_WHATSAPP_ID}`} className="rounded-md border px-2.5 py-1 text-muted-foreground hover:bg-muted hover:text-foreground">
                  {directions("fromWhatsApp.title")}
                </a>
              </li>
              <li>
                <a href={`#${TO_YOUR_SYSTEMS_ID}`} className="rounded-md border px-2.5 py-1 text-muted-foreground hover:bg-muted hover:text-foreground">
                  {directions("toYourSystems.title")}
                </a>
              </li>
            </ul>
          </nav>
        </div>
        <section id={FROM_WHATSAPP_ID} aria-labelledby={`${FROM_WHATSAPP_ID}-title`} className="grid scroll-mt-6 gap-4">
          <div className="space-y-1">
            <h2 id={`${FROM_WHATSAPP_ID}-title`} className="text-lg font-semibold tracking-tight">
              {directions("fromWhatsApp.title")}
            </h2>
            <p className="max-w-3xl text-sm text-muted-foreground">{t("description")}</p>
          </div>
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
        </section>
        <EndpointsSection endpoints={endpoints} />
      </div>
    </ClientMessages>
  );
}
