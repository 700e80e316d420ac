"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useCallback, useMemo, type ReactNode } from "react";

import { directionOf, type Locale } from "@/i18n/locales";
import type { CostSummary } from "@/lib/campaigns/types";
import { formatMoney } from "@/lib/i18n/format";

import { costFigures } from "./report-figures";
import { useAnalyticsFormat } from "./use-format";

/** The reader's direction: charts mirror their axes in right-to-left languages. */
export function useRightToLeft(): boolean {
  return directionOf(useLocale() as Locale) === "rtl";
}

/** A number in a table cell: Western digits kept together in either direction. */
export function Figure({ value }: { value: number }) {
  const format = useFormatter();
  return <bdi dir="ltr">{format.number(value)}</bdi>;
}

/** A rate with one decimal, or the figures' "—" when there was nothing to divide by. */
export function Rate({ share }: { share: number | null }) {
  const figures = useAnalyticsFormat();
  return <bdi dir="ltr">{figures.share(share)}</bdi>;
}

/** A cost in words: "US$12.40", "Unknown", plus "unknown for N messages"; never a guessed amount. */
export function useCostWords(): (summary: CostSummary) => { amount: string | null; unknown: string | null } {
  const t = useTranslations("analytics.costs.figures");
  const format = useFormatter();
  return useCallback(
    (summary: CostSummary) => {
      const figures = costFigures(summary);
      if (!figures.priced) return { amount: null, unknown: null };
      return {
        amount: figures.amount !== null && figures.currency ? formatMoney(format, figures.amount, figures.currency) : t("unknown"),
        unknown: figures.unknownCount > 0 ? t("unknownFor", { count: figures.unknownCount }) : null,
      };
    },
    [format, t],
  );
}

/** A cost in a table cell: the total (or "Unknown"), the messages at unknown rates beneath, or "—" before any pricing. */
export function CostCell({ summary }: { summary: CostSummary }) {
  const t = useTranslations("analytics.costs.figures");
  const words = useCostWords()(summary);
  if (words.amount === null) {
    return (
      <span className="text-muted-foreground">
        <span aria-hidden="true">—</span>
        <span className="sr-only">{t("notPriced")}</span>
      </span>
    );
  }
  return (
    <span className="inline-flex flex-col items-end leading-tight">
      <span className="tabular-nums">
        <bdi dir="ltr">{words.amount}</bdi>
      </span>
      {words.unknown ? <span className="text-xs text-muted-foreground">{words.unknown}</span> : null}
    </span>
  );
}

/** A titled block of a tab. */
export function ReportSection({ id, title, description, children, action }: { id: string; title: string; description?: ReactNode; children: ReactNode; action?: ReactNode }) {
  return (
    <section aria-labelledby={id} className="grid gap-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div className="grid gap-1">
          <h2 id={id} className="text-base font-semibold tracking-tight">
            {title}
          </h2>
          {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
        </div>
        {action}
      </div>
      {children}
    </section>
  );
}

/** A country's name in the reader's language (ISO code in, the code itself when the runtime does not know it). */
export function useCountryName(): (code: string) => string {
  const locale = useLocale();
  const names = useMemo(() => {
    try {
      return new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
    } catch {
      return undefined;
    }
  }, [locale]);
  return useCallback(
    (code: string) => {
      try {
        return names?.of(code) ?? code;
      } catch {
        return code;
      }
    },
    [names],
  );
}
