"use client";

import { DownloadIcon, Loader2Icon, MessageSquareIcon, UsersRoundIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";

import { SearchBox } from "@/components/data/search-box";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { CAMPAIGN_RECIPIENT_STATUSES, type CampaignRecipientStatus } from "@/db/campaign-statuses";
import type { RecipientView } from "@/lib/campaigns/types";
import { formatPhone } from "@/lib/inbox/customer-label";
import { cn } from "@/lib/utils";
import { formatErrorLabel } from "@/lib/whatsapp/errors";
import { useErrorWords } from "@/lib/whatsapp/use-error-words";

import { useCampaignRecipients, useCampaignsErrorText } from "../api";
import { knownExplanationKey, recipientMoment, recipientTone } from "./summary";
import { campaignExportUrl, campaignResultsHref, RECIPIENT_SEARCH_MAX, type RecipientFilters } from "./url";

const COLUMN_COUNT = 6;

/** A recipient's number the international way, whether it came as WhatsApp's digits or already with "+". */
function phoneLabel(phone: string): string {
  return phone.startsWith("+") ? phone : formatPhone(phone);
}

function Missing() {
  return (
    <span className="text-muted-foreground" aria-hidden="true">
      —
    </span>
  );
}

function RecipientStatus({ recipient }: { recipient: RecipientView }) {
  const t = useTranslations("campaigns.results.recipients");
  return (
    <span className="flex flex-wrap items-center gap-1">
      <Badge variant={recipientTone(recipient.status)}>{t(`status.${recipient.status}`)}</Badge>
      {recipient.repliedAt ? <Badge variant="success">{t("replied")}</Badge> : null}
      {recipient.status === "skipped" && recipient.skipReason ? (
        <span className="text-xs text-muted-foreground">{t(`skipReasons.${recipient.skipReason}`)}</span>
      ) : null}
    </span>
  );
}

function RecipientError({ error }: { error: NonNullable<RecipientView["error"]> }) {
  const t = useTranslations("campaigns.results.recipients");
  const errorWords = useErrorWords();
  const key = knownExplanationKey(error.explanationKey);
  const words = key ? errorWords(key) : null;
  const title = words?.title ?? error.title ?? t("unknownError");
  return (
    <span className="flex flex-col leading-tight" title={words?.explanationAndAction}>
      <bdi dir="auto" className="truncate text-destructive">
        {formatErrorLabel(error.code ?? undefined, title)}
      </bdi>
      <span className="text-xs text-muted-foreground">{error.retrySafe ? t("retrySafe") : t("retryUnsafe")}</span>
    </span>
  );
}

function RecipientRow({ recipient }: { recipient: RecipientView }) {
  const t = useTranslations("campaigns.results.recipients");
  const moment = recipientMoment(recipient);
  const name = recipient.name ?? (recipient.phoneNumber ? phoneLabel(recipient.phoneNumber) : t("unnamed"));
  return (
    <TableRow data-recipient-id={recipient.id} data-status={recipient.status}>
      <TableCell className="max-w-56">
        {recipient.contactId ? (
          <Link href={`/contacts/${recipient.contactId}`} className="block truncate hover:underline focus-visible:underline" dir="auto">
            {name}
          </Link>
        ) : (
          <span className="block truncate" dir="auto">
            {name}
          </span>
        )}
      </TableCell>
      <TableCell>{recipient.phoneNumber ? <bdi dir="ltr" className="tabular-nums">{phoneLabel(recipient.phoneNumber)}</bdi> : <Missing />}</TableCell>
      <TableCell>
        <RecipientStatus recipient={recipient} />
      </TableCell>
      <TableCell>
        {moment ? (
          <span className="flex flex-col leading-tight">
            <RelativeTime iso={moment.at} />
            <span className="text-xs text-muted-foreground">{t(`moments.${moment.moment}`)}</span>
          </span>
        ) : (
          <Missing />
        )}
      </TableCell>
      <TableCell className="max-w-64">{recipient.error ? <RecipientError error={recipient.error} /> : <Missing />}</TableCell>
      <TableCell className="text-end">
        {recipient.conversationId ? (
          <Button asChild variant="ghost" size="sm">
            <Link href={`/inbox/${recipient.conversationId}`} aria-label={t("openConversationOf", { name })}>
              <MessageSquareIcon aria-hidden="true" />
              {t("openConversation")}
            </Link>
          </Button>
        ) : null}
      </TableCell>
    </TableRow>
  );
}

/** The status filter as links that keep the page's address (so a shared link opens on the same recipients). */
function RecipientStatusFilter({ campaignId, filters }: { campaignId: string; filters: RecipientFilters }) {
  const t = useTranslations("campaigns.results.recipients");
  const options: Array<CampaignRecipientStatus | null> = [null, ...CAMPAIGN_RECIPIENT_STATUSES];
  return (
    <nav aria-label={t("filterLabel")} className="flex flex-wrap items-center gap-1">
      {options.map((status) => {
        const current = filters.status === status && (status !== "skipped" || filters.reason === null);
        return (
          <Link
            key={status ?? "all"}
            href={campaignResultsHref(campaignId, { status, reason: null, q: filters.q })}
            scroll={false}
            replace
            aria-current={current ? "page" : undefined}
            className={cn(
              "rounded-md px-2.5 py-1 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring",
              current ? "bg-secondary font-medium text-secondary-foreground" : "text-muted-foreground hover:bg-muted hover:text-foreground",
            )}
          >
            {status ? t(`status.${status}`) : t("all")}
          </Link>
        );
      })}
    </nav>
  );
}

/** Rows of a known list, for the tests and the list alike. */
export function RecipientRows({ recipients }: { recipients: readonly RecipientView[] }) {
  return (
    <>
      {recipients.map((recipient) => (
        <RecipientRow key={recipient.id} recipient={recipient} />
      ))}
    </>
  );
}

/**
 * Every recipient of the campaign with their status, latest time, error and a link to their
 * conversation, filtered by status and searched by name or number (both in the URL), fifty at a time
 * with "Load more", and the CSV export.
 */
export function RecipientsTable({ campaignId, filters }: { campaignId: string; filters: RecipientFilters }) {
  const t = useTranslations("campaigns.results.recipients");
  const errorText = useCampaignsErrorText();
  const router = useRouter();
  const query = useCampaignRecipients(campaignId, filters);
  const recipients = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const empty = !query.isPending && !query.isError && recipients.length === 0;
  const filtered = Boolean(filters.status || filters.q);
  const onSearch = useCallback((q: string) => router.replace(campaignResultsHref(campaignId, { ...filters, q: q || null }), { scroll: false }), [router, campaignId, filters]);
  return (
    <section aria-labelledby="campaign-recipients" className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="campaign-recipients" className="text-base font-semibold">
          {t("title")}
        </h2>
        <Button asChild variant="outline" size="sm">
          <a href={campaignExportUrl(campaignId)} download>
            <DownloadIcon aria-hidden="true" />
            {t("export")}
          </a>
        </Button>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <RecipientStatusFilter campaignId={campaignId} filters={filters} />
        <SearchBox value={filters.q ?? ""} onSearch={onSearch} label={t("search")} placeholder={t("searchPlaceholder")} maxLength={RECIPIENT_SEARCH_MAX} />
      </div>
      {filters.status === "skipped" && filters.reason ? <p className="text-sm text-muted-foreground">{t("reasonFilter", { reason: t(`skipReasons.${filters.reason}`) })}</p> : null}
      {query.isError ? <FormError message={t("loadFailed", { error: errorText(query.error) })} /> : null}
      {empty ? (
        <EmptyState icon={UsersRoundIcon} headingLevel="h3" title={filtered ? t("emptyFiltered.title") : t("empty.title")} description={filtered ? t("emptyFiltered.description") : t("empty.description")} />
      ) : (
        <div className="rounded-md border">
          <Table aria-label={t("label")} aria-busy={query.isPending || query.isPlaceholderData || undefined} className={cn("min-w-[52rem]", query.isPlaceholderData && "opacity-60")}>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>{t("columns.name")}</TableHead>
                <TableHead>{t("columns.number")}</TableHead>
                <TableHead>{t("columns.status")}</TableHead>
                <TableHead>{t("columns.time")}</TableHead>
                <TableHead>{t("columns.error")}</TableHead>
                <TableHead className="text-end">
                  <span className="sr-only">{t("columns.conversation")}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {query.isPending ? (
                Array.from({ length: 5 }, (_, index) => (
                  <TableRow key={index} className="hover:bg-transparent">
                    {Array.from({ length: COLUMN_COUNT }, (__, cell) => (
                      <TableCell key={cell}>
                        <Skeleton className="h-4 w-20" />
                      </TableCell>
                    ))}
                  </TableRow>
                ))
              ) : (
                <RecipientRows recipients={recipients} />
              )}
            </TableBody>
          </Table>
        </div>
      )}
      {query.hasNextPage ? (
        <div className="flex justify-center">
          <Button type="button" variant="outline" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            {query.isFetchingNextPage ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
            {t("loadMore")}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
