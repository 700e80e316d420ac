"use client";

import { InfoIcon } from "lucide-react";
import type * as React from "react";

import { Skeleton } from "@/components/ui/skeleton";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip-popup";
import { cn } from "@/lib/utils";

/**
 * One headline figure: its value, its label, and how it is counted in a tooltip that opens on hover and on
 * keyboard focus (the card is focusable; the explanation also describes it for screen readers).
 */
export function Metric({
  label,
  value,
  explanation,
  detail,
  loading = false,
  className,
}: {
  label: string;
  value: React.ReactNode;
  explanation: React.ReactNode;
  /** A second, smaller line under the value (e.g. the 90th percentile beside a median). */
  detail?: React.ReactNode;
  loading?: boolean;
  className?: string;
}) {
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <div
          tabIndex={0}
          data-slot="metric"
          className={cn(
            "flex min-w-0 flex-col gap-1 rounded-lg border bg-card px-4 py-3 outline-none focus-visible:ring-2 focus-visible:ring-ring",
            className,
          )}
        >
          <span className="flex items-start gap-1 text-xs text-muted-foreground">
            <span className="min-w-0 text-pretty">{label}</span>
            <InfoIcon className="mt-0.5 size-3 shrink-0" aria-hidden="true" />
          </span>
          <span className="text-2xl font-semibold tabular-nums">{loading ? <Skeleton className="h-8 w-20" /> : <bdi>{value}</bdi>}</span>
          {detail && !loading ? <span className="text-xs text-muted-foreground">{detail}</span> : null}
        </div>
      </TooltipTrigger>
      <TooltipContent className="max-w-72">{explanation}</TooltipContent>
    </Tooltip>
  );
}

/** A row of metrics, wrapping on narrow screens. */
export function MetricGrid({ children, label }: { children: React.ReactNode; label: string }) {
  return (
    <section aria-label={label} className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-5">
      {children}
    </section>
  );
}
