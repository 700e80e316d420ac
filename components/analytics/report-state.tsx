"use client";

import { useTranslations } from "next-intl";
import type * as React from "react";

import { RouteError } from "@/components/data/route-json";
import { FormError } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";

/** Why a report could not be read, in the reader's words: the server's own reason when it gave one. */
export function useReportErrorText(): (error: Error) => string {
  const t = useTranslations("analytics.report");
  return (error) => (error instanceof RouteError && error.serverMessage ? error.serverMessage : t("loadFailed"));
}

/** A tab's report while it first loads: the shape of metrics and charts, calm. */
export function ReportSkeleton() {
  const t = useTranslations("analytics.report");
  return (
    <div className="flex flex-col gap-4" aria-busy="true" aria-label={t("loading")}>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-5">
        {Array.from({ length: 5 }, (_, index) => (
          <Skeleton key={index} className="h-20" />
        ))}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Skeleton className="h-72" />
        <Skeleton className="h-72" />
      </div>
    </div>
  );
}

/**
 * A report's first load and failure, said once for every tab: `children` renders the figures once they
 * are here (previous figures stay, dimmed, while a new search loads).
 */
export function ReportBody<T>({
  query,
  children,
}: {
  query: { data: T | undefined; isPending: boolean; isError: boolean; error: Error | null; isPlaceholderData: boolean };
  children: (report: T) => React.ReactNode;
}) {
  const t = useTranslations("analytics.report");
  const errorText = useReportErrorText();
  if (query.isPending) return <ReportSkeleton />;
  return (
    <div className="flex flex-col gap-4">
      {query.isError && query.error ? <FormError message={t("loadFailedWith", { error: errorText(query.error) })} /> : null}
      {query.data !== undefined ? (
        <div className={query.isPlaceholderData ? "opacity-60 transition-opacity" : "transition-opacity"} aria-busy={query.isPlaceholderData || undefined}>
          {children(query.data)}
        </div>
      ) : null}
    </div>
  );
}
