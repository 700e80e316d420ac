"use client";

import { ChevronRightIcon, Send } from "lucide-react";
import { useTranslations } from "next-intl";
import Link from "next/link";

import { EmptyState } from "@/components/empty-state";
import type { EndpointView } from "@/lib/outbound-webhooks/service";

import { AddEndpointDialog } from "./endpoint-form";
import { DisabledNotice, EndpointStateBadges } from "./endpoint-state";
import { EventBadges } from "./event-types";
import { endpointPath, TO_YOUR_SYSTEMS_ID } from "./paths";


/** One endpoint in the list: where it points, what it is sent, how it is doing, and the way to its page. */
function EndpointItem({ endpoint }: { endpoint: EndpointView }) {
  const t = useTranslations("outboundWebhooks.page.list");
  const { succeeded, failed, pending } = endpoint.recent;
  return (
    <li className="grid gap-3 rounded-xl border bg-card p-4 shadow-xs">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-1">
          <h3 className="font-mono text-sm font-medium break-all">
            <Link href={endpointPath(endpoint.id)} dir="ltr" className="underline-offset-4 outline-none hover:underline focus-visible:rounded-sm focus-visible:ring-2 focus-visible:ring-ring">
              {endpoint.url}
            </Link>
          </h3>
          <p dir="auto" className="text-sm text-muted-foreground">
            {endpoint.description || t("noDescription")}
          </p>
        </div>
        <EndpointStateBadges endpoint={endpoint} />
      </div>
      <DisabledNotice endpoint={endpoint} />
      <EventBadges events={endpoint.events} label={t("events")} />
      <div className="flex flex-col gap-2 border-t pt-3 text-sm sm:flex-row sm:items-center sm:justify-between">
        <dl className="flex flex-wrap items-center gap-x-4 gap-y-1">
          <dt className="text-muted-foreground">{t("last24Hours")}</dt>
          <dd className="flex items-center gap-1.5">
            <span aria-hidden="true" className="size-2 rounded-full bg-success" />
            {t("succeeded", { count: succeeded })}
          </dd>
          <dd className="flex items-center gap-1.5">
            <span aria-hidden="true" className="size-2 rounded-full bg-destructive" />
            {t("failed", { count: failed })}
          </dd>
          <dd className="flex items-center gap-1.5">
            <span aria-hidden="true" className="size-2 rounded-full bg-warning" />
            {t("pending", { count: pending })}
          </dd>
        </dl>
        <Link
          href={endpointPath(endpoint.id)}
          aria-label={t("openLabel", { url: endpoint.url })}
          className="inline-flex items-center gap-1 self-start text-sm font-medium text-primary underline-offset-4 outline-none hover:underline focus-visible:rounded-sm focus-visible:ring-2 focus-visible:ring-ring sm:self-auto"
        >
          {t("open")}
          <ChevronRightIcon className="size-4 rtl:-scale-x-100" aria-hidden="true" />
        </Link>
      </div>
    </li>
  );
}

/** "To your systems": the admins' outbound endpoints, and the way to add one. */
export function EndpointsSection({ endpoints }: { endpoints: EndpointView[] }) {
  const t = useTranslations("outboundWebhooks.page");
  const headingId = `${TO_YOUR_SYSTEMS_ID}-title`;
  return (
    <section id={TO_YOUR_SYSTEMS_ID} aria-labelledby={headingId} className="grid scroll-mt-6 gap-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-1">
          <h2 id={headingId} className="text-lg font-semibold tracking-tight">
            {t("toYourSystems.title")}
          </h2>
          <p className="max-w-3xl text-sm text-muted-foreground">{t("toYourSystems.description")}</p>
        </div>
        <AddEndpointDialog />
      </div>
      {endpoints.length === 0 ? (
        <EmptyState icon={Send} headingLevel="h3" title={t("empty.title")} description={t("empty.description")} />
      ) : (
        <ul aria-label={t("list.label")} className="grid gap-3">
          {endpoints.map((endpoint) => (
            <EndpointItem key={endpoint.id} endpoint={endpoint} />
          ))}
        </ul>
      )}
    </section>
  );
}
