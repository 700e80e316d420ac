"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";

import { Badge } from "@/components/ui/badge";
import type { ContactImportStatus, ContactImportView } from "@/lib/contacts/views";
import { cn } from "@/lib/utils";

const STATUS_BADGES = {
  uploaded: "outline",
  queued: "secondary",
  running: "info",
  finished: "success",
  failed: "destructive",
} as const satisfies Record<ContactImportStatus, string>;

/** "Needs mapping", "Queued", "Importing", "Finished", "Failed". */
export function ImportStatusBadge({ status }: { status: ContactImportStatus }) {
  const t = useTranslations("contacts.importer.status");
  return <Badge variant={STATUS_BADGES[status]}>{t(status)}</Badge>;
}

/** How far an import is, 0..100 (a queued import, or one whose rows are not counted yet, is at 0). */
export function importPercent(view: Pick<ContactImportView, "processedRows" | "totalRows">): number {
  if (view.totalRows <= 0) return 0;
  return Math.min(100, Math.floor((view.processedRows / view.totalRows) * 100));
}

/**
 * The rows processed out of the file's total, as a bar that assistive technology reads as
 * "1,000 of 12,480 rows" under the given name.
 */
export function ImportProgressBar({ view, label, className }: { view: ContactImportView; label: string; className?: string }) {
  const t = useTranslations("contacts.importer.progress");
  const format = useFormatter();
  const percent = importPercent(view);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={view.totalRows}
      aria-valuenow={Math.min(view.processedRows, view.totalRows)}
      aria-valuetext={t("valueText", { processed: format.number(view.processedRows), total: format.number(view.totalRows) })}
      className={cn("h-2 overflow-hidden rounded-full bg-muted", className)}
    >
      <div className="h-full rounded-full bg-primary transition-[width] duration-300" style={{ width: `${percent}%` }} />
    </div>
  );
}

export const IMPORT_COUNTS = ["created", "updated", "unchanged", "rejected"] as const;
export type ImportCount = (typeof IMPORT_COUNTS)[number];

const bigNumber = (chunks: ReactNode) => (
  <bdi dir="ltr" className="block text-2xl font-semibold tabular-nums text-foreground">
    {chunks}
  </bdi>
);

/** The four counters with words ("3 created", "2 rejected"), each in a tile; the rejected tile stands out when there are any. */
export function ImportCounts({ view, label }: { view: ContactImportView; label: string }) {
  const t = useTranslations("contacts.importer.counts");
  return (
    <ul aria-label={label} className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {IMPORT_COUNTS.map((count) => (
        <li
          key={count}
          className={cn(
            "rounded-lg border bg-card px-4 py-3 text-sm text-muted-foreground",
            count === "rejected" && view.rejected > 0 && "border-warning/40 bg-warning/5",
          )}
        >
          {t.rich(count, { count: view[count], number: bigNumber })}
        </li>
      ))}
    </ul>
  );
}

/** A counter in a table cell: the number alone, muted at zero so the eye finds what happened. */
export function CountCell({ value }: { value: number }) {
  const format = useFormatter();
  return (
    <bdi dir="ltr" className={cn("tabular-nums", value === 0 && "text-muted-foreground")}>
      {format.number(value)}
    </bdi>
  );
}
