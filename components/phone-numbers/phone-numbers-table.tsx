"use client";

import { CheckIcon, InfoIcon, Loader2Icon, RefreshCwIcon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip-popup";
import type { PhoneNumberRowView, PhoneNumbersView } from "@/lib/profile/views";

import { codeVerificationOf, nameStatusOf, qualityOf, throughputLabel, tierLabel, type StatusWords } from "./quality";

export function QualityBadge({ rating }: { rating: string | null }) {
  const t = useTranslations("phoneNumbers");
  const quality = qualityOf(t, rating);
  return (
    <div className="flex items-center gap-1.5">
      <Badge variant={quality.variant} data-quality={rating ?? "UNKNOWN"}>
        <span aria-hidden="true" className="size-1.5 rounded-full bg-current" />
        {t("quality.badge", { label: quality.label, rating: rating ?? "UNKNOWN" })}
      </Badge>
      <Tooltip>
        <TooltipTrigger asChild>
          <button type="button" className="rounded-full text-muted-foreground hover:text-foreground" aria-label={quality.question}>
            <InfoIcon className="size-3.5" aria-hidden="true" />
          </button>
        </TooltipTrigger>
        <TooltipContent className="max-w-64">{quality.meaning}</TooltipContent>
      </Tooltip>
    </div>
  );
}

function StatusBadge({ value, words }: { value: string | null; words: (value: string) => StatusWords }) {
  if (!value) return <span className="text-muted-foreground">—</span>;
  const known = words(value);
  return <Badge variant={known.variant}>{known.label}</Badge>;
}

function NumberRow({ number, selected, onSelect, selecting }: { number: PhoneNumberRowView; selected: boolean; onSelect: () => void; selecting: boolean }) {
  const t = useTranslations("phoneNumbers");
  const quality = qualityOf(t, number.qualityRating);
  const display = number.displayPhoneNumber ?? number.id;
  return (
    <TableRow data-state={selected ? "selected" : undefined} aria-label={display}>
      <TableCell>
        <div className="font-medium tabular-nums">
          <bdi dir="ltr">{display}</bdi>
        </div>
        {number.connectionLabel ? (
          <div dir="auto" className="text-xs text-muted-foreground">
            {number.connectionLabel}
          </div>
        ) : null}
      </TableCell>
      <TableCell>
        <div className="space-y-1">
          <div dir="auto">{number.verifiedName ?? "—"}</div>
          <StatusBadge value={number.nameStatus} words={(value) => nameStatusOf(t, value)} />
        </div>
      </TableCell>
      <TableCell>
        <div className="space-y-1">
          <QualityBadge rating={number.qualityRating} />
          <p className="max-w-48 text-xs whitespace-normal text-muted-foreground">{quality.meaning}</p>
        </div>
      </TableCell>
      <TableCell className="min-w-28">{tierLabel(t, number.messagingLimitTier)}</TableCell>
      <TableCell className="min-w-28">{throughputLabel(t, number.throughputLevel)}</TableCell>
      <TableCell>
        <StatusBadge value={number.codeVerificationStatus} words={(value) => codeVerificationOf(t, value)} />
      </TableCell>
      <TableCell className="text-end">
        {selected ? (
          <Badge variant="info" className="gap-1">
            <CheckIcon aria-hidden="true" /> {t("inUse")}
          </Badge>
        ) : (
          <Button size="sm" variant="outline" onClick={onSelect} disabled={selecting} aria-label={t("useNumber", { number: display })}>
            {t("use")}
          </Button>
        )}
      </TableCell>
    </TableRow>
  );
}

/** The account's numbers with quality, limits and verification; the chosen one is the user's working number. */
export function PhoneNumbersTable({
  view,
  onSelect,
  selecting,
  onRefresh,
  refreshing,
}: {
  view: PhoneNumbersView;
  onSelect: (phoneNumberId: string) => void;
  selecting: boolean;
  onRefresh: () => void;
  refreshing: boolean;
}) {
  const t = useTranslations("phoneNumbers");
  const format = useFormatter();
  return (
    <section aria-labelledby="phone-numbers-heading" className="rounded-xl border bg-card">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b p-4">
        <div className="space-y-1">
          <h2 id="phone-numbers-heading" className="text-base font-semibold">
            {t("title")}
          </h2>
          <p className="text-sm text-muted-foreground">{t("description")}</p>
        </div>
        <div className="flex items-center gap-3">
          <span className="text-xs text-muted-foreground" aria-live="polite" suppressHydrationWarning>
            {view.syncedAt ? t("syncedAt", { time: format.dateTime(new Date(view.syncedAt), { timeStyle: "medium" }) }) : t("notSynced")}
          </span>
          <Button size="sm" variant="outline" onClick={onRefresh} disabled={refreshing}>
            {refreshing ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <RefreshCwIcon aria-hidden="true" />}
            {t("refresh")}
          </Button>
        </div>
      </div>
      {view.problem ? (
        <p role="status" className="border-b bg-destructive/5 px-4 py-2 text-sm text-destructive">
          {t("problem", { title: view.problem.title, explanation: view.problem.explanation, action: view.problem.action })}
        </p>
      ) : null}
      {view.numbers.length === 0 ? (
        <p className="p-6 text-sm text-muted-foreground">{t("empty")}</p>
      ) : (
        <Table aria-label={t("title")}>
          <TableHeader>
            <TableRow>
              <TableHead>{t("columns.number")}</TableHead>
              <TableHead>{t("columns.verifiedName")}</TableHead>
              <TableHead>{t("columns.quality")}</TableHead>
              <TableHead>{t("columns.messagingLimit")}</TableHead>
              <TableHead>{t("columns.throughput")}</TableHead>
              <TableHead>{t("columns.codeVerification")}</TableHead>
              <TableHead className="text-end">
                <span className="sr-only">{t("columns.workingNumber")}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {view.numbers.map((number) => (
              <NumberRow key={number.id} number={number} selected={number.id === view.selectedId} onSelect={() => onSelect(number.id)} selecting={selecting} />
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
