import type * as React from "react";
import type { LucideIcon } from "lucide-react";

import { cn } from "@/lib/utils";

/**
 * A calm, centred placeholder for empty lists and sections not built yet.
 * Server-compatible (no "use client"), so a page can pass a lucide icon component directly.
 */
export function EmptyState({
  icon: Icon,
  title,
  description,
  action,
  headingLevel = "h2",
  className,
}: {
  icon: LucideIcon;
  title: React.ReactNode;
  description: React.ReactNode;
  action?: React.ReactNode;
  /** h2 under a PageHeader's h1 (default); h3 when nested deeper. */
  headingLevel?: "h2" | "h3";
  className?: string;
}) {
  const Heading = headingLevel;

  return (
    <div
      data-slot="empty-state"
      className={cn(
        "flex flex-1 flex-col items-center justify-center rounded-xl border border-dashed px-6 py-16 text-center",
        className,
      )}
    >
      <div className="mb-4 flex size-11 items-center justify-center rounded-lg border bg-card text-muted-foreground shadow-xs">
        <Icon className="size-5" aria-hidden="true" />
      </div>
      <Heading className="text-base font-semibold tracking-tight">{title}</Heading>
      <p className="mt-1.5 max-w-md text-sm text-balance text-muted-foreground">{description}</p>
      {action ? <div className="mt-6 flex items-center gap-2">{action}</div> : null}
    </div>
  );
}
