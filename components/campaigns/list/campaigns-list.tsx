"use client";

import { MegaphoneIcon, PlusIcon, SearchXIcon, XIcon } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import * as React from "react";

import { SearchBox } from "@/components/data/search-box";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { CAMPAIGN_STATUSES, type CampaignStatus } from "@/db/campaign-statuses";
import type { CampaignView } from "@/lib/campaigns/types";
import { cn } from "@/lib/utils";

import { useCampaigns, useCampaignsErrorText } from "../api";
import { costShown } from "./cost";
import { CostFigure } from "./cost-figure";
import { CampaignStatusBadge } from "./status-badge";
import { CAMPAIGN_SEARCH_MAX, campaignListHref, filtersFromSearchParams, hasFilters, NO_FILTERS, type CampaignListFilters } from "./url";


const COUNT_COLUMNS = ["sent", "delivered", "read", "replied", "failed"] as const;

/** The list's filters, kept in the URL: a reload, a shared link or the back button shows the same campaigns. */
export function useCampaignListFilters(): [CampaignListFilters, (filters: CampaignListFilters) => void] {
  const searchParams = useSearchParams();
  const router = useRouter();
  const query = searchParams.toString();
  const filters = React.useMemo(() => filtersFromSearchParams(new URLSearchParams(query)), [query]);
  const setFilters = React.useCallback((next: CampaignListFilters) => router.replace(campaignListHref(next), { scroll: false }), [router]);
  return [filters, setFilters];
}


/** The status filter as links (each keeps the search): they work before the page's script has loaded, too. */
export function StatusFilter({ filters }: { filters: CampaignListFilters }) {
  const t = useTranslations("campaigns.list.filters");
  const tStatus = useTranslations("campaigns.status");
  const options: Array<CampaignStatus | null> = [null, ...CAMPAIGN_STATUSES];
  return (
    <nav aria-label={t("status")} className="flex flex-wrap items-center gap-1">
      {options.map((status) => {
        const current = filters.status === status;
        return (
          <Link
            key={status ?? "all"}
            href={campaignListHref({ ...filters, status })}
            aria-current={current ? "page" : undefined}
            scroll={false}
            className={cn(
              "rounded-md px-2.5 py-1 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring",
              current ? "bg-secondary font-medium text-secondary-foreground" : "text-muted-foreground hover:bg-muted hover:text-foreground",
            )}
          >
            {status ? tStatus(status) : t("allStatuses")}
          </Link>
        );
      })}
    </nav>
  );
}

function Count({ value }: { value: number }) {
  const format = useFormatter();
  return <bdi dir="ltr">{format.number(value)}</bdi>;
}

/** When it was made, and when it started (or is due to). */
function WhenCell({ campaign }: { campaign: CampaignView }) {
  const t = useTranslations("campaigns.list.table");
  const format = useFormatter();
  return (
    <span className="flex flex-col leading-tight">
      <span>
        <RelativeTime iso={campaign.createdAt} />
      </span>
      <span className="text-xs text-muted-foreground">
        {campaign.startedAt ? (
          t.rich("startedAt", { time: () => <RelativeTime iso={campaign.startedAt!} /> })
        ) : campaign.scheduledAt ? (
          t("scheduledFor", { time: format.dateTime(new Date(campaign.scheduledAt), { dateStyle: "medium", timeStyle: "short" }) })
        ) : (
          t("notStarted")
        )}
      </span>
    </span>
  );
}

function CampaignRow({ campaign }: { campaign: CampaignView }) {
  const t = useTranslations("campaigns.list.table");
  return (
    <TableRow data-campaign-id={campaign.id}>
      <TableCell className="max-w-72">
        <Link href={`/campaigns/${campaign.id}`} className="block truncate font-medium hover:underline focus-visible:underline" dir="auto">
          {campaign.name}
        </Link>
        <span className="block truncate text-xs text-muted-foreground">
          <span dir="auto">{campaign.template.name}</span> · <bdi dir="ltr">{campaign.template.language}</bdi>
        </span>
      </TableCell>
      <TableCell>
        <CampaignStatusBadge status={campaign.status} />
      </TableCell>
      <TableCell>
        <bdi dir="ltr" className="tabular-nums">
          {campaign.businessNumber}
        </bdi>
      </TableCell>
      <TableCell className="max-w-48">
        <span className="block tabular-nums">{t("recipients", { count: campaign.counts.audience })}</span>
        <span className="block truncate text-xs text-muted-foreground" dir="auto">
          {campaign.audienceLabel}
        </span>
      </TableCell>
      {COUNT_COLUMNS.map((column) => (
        <TableCell key={column} className={cn("text-end tabular-nums", column === "failed" && campaign.counts.failed > 0 && "text-destructive")}>
          <Count value={campaign.counts[column]} />
        </TableCell>
      ))}
      <TableCell className="text-end">
        <CostFigure cost={costShown(campaign)} />
      </TableCell>
      <TableCell>
        <WhenCell campaign={campaign} />
      </TableCell>
    </TableRow>
  );
}

function LoadingRows() {
  return (
    <>
      {Array.from({ length: 6 }, (_, index) => (
        <TableRow key={index} className="hover:bg-transparent">
          {Array.from({ length: 11 }, (__, cell) => (
            <TableCell key={cell}>
              <Skeleton className={cn("h-4", cell === 0 ? "w-40" : "w-14")} />
            </TableCell>
          ))}
        </TableRow>
      ))}
    </>
  );
}

/** The campaigns table alone, for the list and its tests. */
export function CampaignsTable({ campaigns, loading = false, dimmed = false }: { campaigns: readonly CampaignView[]; loading?: boolean; dimmed?: boolean }) {
  const t = useTranslations("campaigns.list.table");
  return (
    <div className="rounded-md border">
      <Table aria-label={t("label")} aria-busy={loading || dimmed || undefined} className={cn("min-w-[64rem] transition-opacity", dimmed && "opacity-60")}>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>{t("columns.name")}</TableHead>
            <TableHead>{t("columns.status")}</TableHead>
            <TableHead>{t("columns.number")}</TableHead>
            <TableHead>{t("columns.audience")}</TableHead>
            {COUNT_COLUMNS.map((column) => (
              <TableHead key={column} className="text-end">
                {t(`columns.${column}`)}
              </TableHead>
            ))}
            <TableHead className="text-end">{t("columns.cost")}</TableHead>
            <TableHead>{t("columns.created")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>{loading ? <LoadingRows /> : campaigns.map((campaign) => <CampaignRow key={campaign.id} campaign={campaign} />)}</TableBody>
      </Table>
    </div>
  );
}

/** "New campaign", for those who manage campaigns. */
export function NewCampaignButton() {
  const t = useTranslations("campaigns.list");
  return (
    <Button asChild size="sm">
      <Link href="/campaigns/new">
        <PlusIcon aria-hidden="true" />
        {t("newCampaign")}
      </Link>
    </Button>
  );
}

/**
 * The campaigns: search and status (in the URL), then a row per campaign with its status, number,
 * audience, funnel counts, cost and dates. Refreshed live as campaigns run.
 */
export function CampaignsList({ canManage }: { canManage: boolean }) {
  const t = useTranslations("campaigns.list");
  const errorText = useCampaignsErrorText();
  const [filters, setFilters] = useCampaignListFilters();
  const list = useCampaigns(filters);
  const campaigns = list.data ?? [];
  const onSearch = React.useCallback((q: string) => setFilters({ ...filters, q }), [filters, setFilters]);
  const filtered = hasFilters(filters);
  const empty = !list.isPending && !list.isError && campaigns.length === 0;

  return (
    <div className="flex flex-col gap-3 px-6 py-4">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <SearchBox value={filters.q} onSearch={onSearch} label={t("filters.search")} placeholder={t("filters.searchPlaceholder")} maxLength={CAMPAIGN_SEARCH_MAX} />
        <StatusFilter filters={filters} />
      </div>
      <p className="min-h-5 text-sm text-muted-foreground" aria-live="polite">
        {list.data ? t("table.total", { count: campaigns.length }) : null}
      </p>
      {list.isError ? <FormError message={t("loadFailed", { error: errorText(list.error) })} /> : null}
      {empty ? (
        filtered ? (
          <EmptyState
            icon={SearchXIcon}
            title={t("noMatch.title")}
            description={t("noMatch.description")}
            action={
              <Button type="button" variant="outline" onClick={() => setFilters(NO_FILTERS)}>
                <XIcon aria-hidden="true" />
                {t("noMatch.clear")}
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={MegaphoneIcon}
            title={t("empty.title")}
            description={canManage ? t("empty.descriptionManager") : t("empty.description")}
            action={canManage ? <NewCampaignButton /> : undefined}
          />
        )
      ) : list.isError && campaigns.length === 0 ? null : (
        <CampaignsTable campaigns={campaigns} loading={list.isPending} dimmed={list.isPlaceholderData} />
      )}
    </div>
  );
}
