import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";

import { ClientMessages } from "@/components/i18n/client-messages";
import { DeliveriesTable } from "@/components/outbound-webhooks/deliveries-table";
import { EndpointHeader } from "@/components/outbound-webhooks/endpoint-header";
import { getDb } from "@/db";
import { isDeliveryStatus } from "@/lib/actions/outbound-webhooks.schema";
import { requirePageAccess } from "@/lib/auth/session";
import { findEndpoint, listDeliveries } from "@/lib/outbound-webhooks/service";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("outboundWebhooks.endpoint");
  return { title: t("metaTitle") };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The first page of deliveries, rendered here; "Load more" continues through the route with the same size. */
const FIRST_PAGE_SIZE = 25;

/** One outbound endpoint: its settings and actions, and its deliveries (filtered by `?status=`). */
export default async function WebhookEndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageAccess("webhooks.manage");
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const requested = (await searchParams).status;
  const status = isDeliveryStatus(requested) ? requested : null;
  const db = await getDb();
  const endpoint = await findEndpoint(db, id);
  if (!endpoint) notFound();
  const firstPage = await listDeliveries(db, id, { status: status ?? undefined, limit: FIRST_PAGE_SIZE });

  return (
    <ClientMessages namespaces={["outboundWebhooks"]}>
      <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 p-6">
        <EndpointHeader endpoint={endpoint} />
        <DeliveriesTable endpointId={endpoint.id} status={status} firstPage={firstPage} />
      </div>
    </ClientMessages>
  );
}
