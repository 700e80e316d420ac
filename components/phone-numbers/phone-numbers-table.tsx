"use client";

import { CheckIcon, InfoIcon, Loader2Icon, RefreshCwIcon } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import type { PhoneNumberRowView, PhoneNumbersView } from "@/lib/profile/views";

import { CODE_VERIFICATION_LABELS, NAME_STATUS_LABELS, qualityOf, throughputLabel, tierLabel } from "./quality";

export function QualityBadge({ rating }: { rating: string | null }) {
  const quality = qualityOf(rating);
  return (
    <div className="flex items-center gap-1.5">
      <Badge variant={quality.variant} data-quality={rating ?? "UNKNOWN"}>
        <span aria-hidden="true" className="size-1.5 rounded-full bg-current" />
        {quality.label} · {rating ?? "UNKNOWN"}
      </Badge>
      <Tooltip>
        <TooltipTrigger asChild>
          <button type="button" className="rounded-full text-muted-foreground hover:text-foreground" aria-label={`What ${quality.label.toLowerCase()} quality means`}>
            <InfoIcon className="size-3.5" aria-hidden="true" />
          </button>
        </TooltipTrigger>
        <TooltipContent className="max-w-64">{quality.meaning}</TooltipContent>
      </Tooltip>
    </div>
  );
}

function StatusBadge({ value, labels }: { value: string | null; labels: Record<string, { label: string; variant: "success" | "warning" | "destructive" | "secondary" }> }) {
  if (!value) return <span className="text-muted-foreground">—</span>;
  const known = labels[value];
  return <Badge variant={known?.variant ?? "secondary"}>{known?.label ?? value}</Badge>;
}

function NumberRow({ number, selected, onSelect, selecting }: { number: PhoneNumberRowView; selected: boolean; onSelect: () => void; selecting: boolean }) {
  const quality = qualityOf(number.qualityRating);
  const display = number.displayPhoneNumber ?? number.id;
  return (
    <TableRow data-state={selected ? "selected" : undefined} aria-label={display}>
      <TableCell>
        <div className="font-medium tabular-nums">{display}</div>
        {number.connectionLabel ? <div className="text-xs text-muted-foreground">{number.connectionLabel}</div> : null}
      </TableCell>
      <TableCell>
        <div className="space-y-1">
          <div>{number.verifiedName ?? "—"}</div>
          <StatusBadge value={number.nameStatus} labels={NAME_STATUS_LABELS} />
        </div>
      </TableCell>
      <TableCell>
        <div className="space-y-1">
          <QualityBadge rating={number.qualityRating} />
          <p className="max-w-48 text-xs whitespace-normal text-muted-foreground">{quality.meaning}</p>
        </div>
      </TableCell>
      <TableCell className="min-w-28">{tierLabel(number.messagingLimitTier)}</TableCell>
      <TableCell className="min-w-28">{throughputLabel(number.throughputLevel)}</TableCell>
      <TableCell>
        <StatusBadge value={number.codeVerificationStatus} labels={CODE_VERIFICATION_LABELS} />
      </TableCell>
      <TableCell className="text-end">
        {selected ? (
          <Badge variant="info" className="gap-1">
            <CheckIcon aria-hidden="true" /> In use
          </Badge>
        ) : (
          <Button size="sm" variant="outline" onClick={onSelect} disabled={selecting} aria-label={`Use ${display}`}>
            Use this number
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
  return (
    <section aria-labelledby="phone-numbers-heading" className="rounded-xl border bg-card">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b p-4">
        <div className="space-y-1">
          <h2 id="phone-numbers-heading" className="text-base font-semibold">
            Phone numbers
          </h2>
          <p className="text-sm text-muted-foreground">
            The number you use here is the one the inbox, media and profile pages open on. Quality changes reported by WhatsApp appear live.
          </p>
        </div>
        <div className="flex items-center gap-3">
          <span className="text-xs text-muted-foreground" aria-live="polite">
            {view.syncedAt ? `Read from WhatsApp at ${new Date(view.syncedAt).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" })}` : "Not read from WhatsApp yet in this session"}
          </span>
          <Button size="sm" variant="outline" onClick={onRefresh} disabled={refreshing}>
            {refreshing ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <RefreshCwIcon aria-hidden="true" />}
            Refresh from WhatsApp
          </Button>
        </div>
      </div>
      {view.problem ? (
        <p role="status" className="border-b bg-destructive/5 px-4 py-2 text-sm text-destructive">
          Could not read the numbers from WhatsApp: {view.problem.title}. {view.problem.explanation} {view.problem.action}
        </p>
      ) : null}
      {view.numbers.length === 0 ? (
        <p className="p-6 text-sm text-muted-foreground">No phone numbers yet. An admin links a WhatsApp Business account on the Connections page.</p>
      ) : (
        <Table aria-label="Phone numbers">
          <TableHeader>
            <TableRow>
              <TableHead>Number</TableHead>
              <TableHead>Verified name</TableHead>
              <TableHead>Quality</TableHead>
              <TableHead>Messaging limit</TableHead>
              <TableHead>Throughput</TableHead>
              <TableHead>Code verification</TableHead>
              <TableHead className="text-end">
                <span className="sr-only">Working number</span>
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
