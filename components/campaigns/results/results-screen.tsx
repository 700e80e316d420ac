"use client";

import { ChevronLeftIcon } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";

import { RelativeTime } from "@/components/relative-time";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormError } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import type { CampaignCounts } from "@/lib/campaigns/types";

import { useCampaign, useCampaignFailures, useCampaignsErrorText, type CampaignResultsView } from "../api";
import { costOf } from "../list/cost";
import { CostFigure } from "../list/cost-figure";
import { CampaignStatusBadge } from "../list/status-badge";
import { FailureGroups, SkippedByReason } from "./breakdowns";
import { FunnelChart } from "./funnel-chart";
import { LifecycleBar } from "./lifecycle-bar";
import { RecipientsTable } from "./recipients-table";
import { isLive, progressOf, retrySafeCount } from "./summary";
import type { RecipientFilters } from "./url";

/** Processed out of eligible, as a bar and in words; cancelled recipients are said apart. */
export function ProgressSummary({ counts }: { counts: CampaignCounts }) {
  const t = useTranslations("campaigns.results.progress");
  const format = useFormatter();
  const progress = progressOf(counts);
  const words = t("processed", { processed: format.number(progress.processed), eligible: format.number(progress.eligible) });
  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="tabular-nums">{words}</span>
        <span className="tabular-nums text-muted-foreground">
          <bdi dir="ltr">{format.number(progress.percent / 100, { style: "percent" })}</bdi>
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={t("label")}
        aria-valuemin={0}
        aria-valuemax={progress.eligible}
        aria-valuenow={progress.processed}
        aria-valuetext={words}
        className="h-2.5 w-full overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full rounded-full bg-primary transition-[width] duration-500" style={{ width: `${progress.percent}%` }} />
      </div>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground">
        <li>{t("pending", { count: counts.pending })}</li>
        <li>{t("failed", { count: counts.failed })}</li>
        {counts.cancelled > 0 ? <li>{t("cancelled", { count: counts.cancelled })}</li> : null}
        <li>{t("skipped", { count: counts.skipped })}</li>
      </ul>
    </div>
  );
}

/** What the campaign was estimated to cost before sending, and what its sent messages actually cost. */
function CostComparison({ campaign }: { campaign: CampaignResultsView }) {
  const t = useTranslations("campaigns.results.cost");
  return (
    <dl className="grid grid-cols-2 gap-4">
      <div className="grid gap-1">
        <dt className="text-xs text-muted-foreground">{t("estimate")}</dt>
        <dd className="text-lg font-semibold">
          <CostFigure cost={costOf("estimate", campaign.estimate)} showKind={false} />
        </dd>
      </div>
      <div className="grid gap-1">
        <dt className="text-xs text-muted-foreground">{t("actual")}</dt>
        <dd className="text-lg font-semibold">
          <CostFigure cost={costOf("actual", campaign.actualCost)} showKind={false} />
        </dd>
      </div>
    </dl>
  );
}

function Section({ title, description, children, className }: { title: string; description?: string; children: ReactNode; className?: string }) {
  return (
    <Card className={className}>
      <CardHeader>
        <CardTitle>
          <h2>{title}</h2>
        </CardTitle>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

/** The campaign's name, status, number, template, audience and dates, with its controls. */
function ResultsHeader({ campaign, canManage, retrySafeFailures }: { campaign: CampaignResultsView; canManage: boolean; retrySafeFailures: number }) {
  const t = useTranslations("campaigns.results.header");
  const format = useFormatter();
  return (
    <header className="grid gap-3">
      <Link href="/campaigns" className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ChevronLeftIcon aria-hidden="true" className="size-4 rtl:-scale-x-100" />
        {t("back")}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold tracking-tight" dir="auto">
              {campaign.name}
            </h1>
            <CampaignStatusBadge status={campaign.status} />
            {isLive(campaign.status) ? <span className="text-xs text-muted-foreground">{t("live")}</span> : null}
          </div>
          <dl className="flex flex-wrap gap-x-5 gap-y-1 text-sm text-muted-foreground">
            <div className="flex gap-1">
              <dt>{t("number")}</dt>
              <dd>
                <bdi dir="ltr">{campaign.businessNumber}</bdi>
              </dd>
            </div>
            <div className="flex gap-1">
              <dt>{t("template")}</dt>
              <dd>
                <span dir="auto">{campaign.template.name}</span> · <bdi dir="ltr">{campaign.template.language}</bdi>
              </dd>
            </div>
            <div className="flex gap-1">
              <dt>{t("audience")}</dt>
              <dd dir="auto">{campaign.audienceLabel}</dd>
            </div>
            <div className="flex gap-1">
              <dt>{t("created")}</dt>
              <dd>
                {campaign.createdBy
                  ? t.rich("createdBy", { name: campaign.createdBy.name, time: () => <RelativeTime iso={campaign.createdAt} /> })
                  : <RelativeTime iso={campaign.createdAt} />}
              </dd>
            </div>
            {campaign.startedAt ? (
              <div className="flex gap-1">
                <dt>{t("started")}</dt>
                <dd>
                  <RelativeTime iso={campaign.startedAt} />
                </dd>
              </div>
            ) : campaign.scheduledAt ? (
              <div className="flex gap-1">
                <dt>{t("scheduled")}</dt>
                <dd>{format.dateTime(new Date(campaign.scheduledAt), { dateStyle: "medium", timeStyle: "short" })}</dd>
              </div>
            ) : null}
            {campaign.finishedAt ? (
              <div className="flex gap-1">
                <dt>{t("finished")}</dt>
                <dd>
                  <RelativeTime iso={campaign.finishedAt} />
                </dd>
              </div>
            ) : null}
          </dl>
        </div>
        <LifecycleBar campaign={campaign} canManage={canManage} retrySafeFailures={retrySafeFailures} />
      </div>
      {campaign.error ? <FormError message={campaign.error} /> : null}
    </header>
  );
}

function LoadingResults() {
  return (
    <div className="grid gap-4" aria-busy="true">
      <Skeleton className="h-8 w-72" />
      <Skeleton className="h-4 w-96" />
      <div className="grid gap-4 lg:grid-cols-2">
        <Skeleton className="h-40" />
        <Skeleton className="h-40" />
      </div>
    </div>
  );
}

/**
 * A campaign's results: its header and controls, the progress, the funnel, who was skipped and why,
 * the failures by error, the estimate next to the actual cost, and every recipient. Everything is
 * refreshed by the live `campaign.updated` events while it runs; those without `campaigns.manage`
 * see it read-only.
 */
export function CampaignResults({ campaignId, canManage, recipientFilters }: { campaignId: string; canManage: boolean; recipientFilters: RecipientFilters }) {
  const t = useTranslations("campaigns.results");
  const errorText = useCampaignsErrorText();
  const campaign = useCampaign(campaignId);
  const view = campaign.data;
  // Failures exist only once sending started; a draft has none to ask for.
  const failures = useCampaignFailures(campaignId, { enabled: view !== undefined && view.status !== "draft" });
  if (!view) {
    return campaign.isError ? <FormError message={t("loadFailed", { error: errorText(campaign.error) })} /> : <LoadingResults />;
  }
  const retrySafe = retrySafeCount(failures.data ?? []);
  const started = view.status !== "draft";
  return (
    <div className="grid gap-6">
      <ResultsHeader campaign={view} canManage={canManage} retrySafeFailures={retrySafe} />
      {campaign.isError ? <FormError message={t("loadFailed", { error: errorText(campaign.error) })} /> : null}
      {started ? (
        <>
          <Section title={t("progress.title")}>
            <ProgressSummary counts={view.counts} />
          </Section>
          <div className="grid gap-4 lg:grid-cols-2">
            <Section title={t("funnel.title")}>
              <FunnelChart counts={view.counts} />
            </Section>
            <div className="grid content-start gap-4">
              <Section title={t("cost.title")} description={t("cost.description")}>
                <CostComparison campaign={view} />
              </Section>
              <Section title={t("skipped.title")}>
                <SkippedByReason campaignId={view.id} total={view.counts.skipped} byReason={view.skippedByReason} />
              </Section>
            </div>
          </div>
          <Section title={t("failures.title")} description={t("failures.description")}>
            {failures.isError ? <FormError message={t("loadFailed", { error: errorText(failures.error) })} /> : null}
            <FailureGroups groups={failures.data} loading={failures.isPending} />
          </Section>
          <RecipientsTable campaignId={view.id} filters={recipientFilters} />
        </>
      ) : (
        <Section title={t("draft.title")}>
          <p className="text-sm text-muted-foreground">{canManage && view.can.manage ? t("draft.descriptionManager") : t("draft.description")}</p>
          <div className="mt-4">
            <CostComparison campaign={view} />
          </div>
        </Section>
      )}
    </div>
  );
}
