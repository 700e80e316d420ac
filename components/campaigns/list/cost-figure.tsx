"use client";

import { useFormatter, useTranslations } from "next-intl";

import { formatMoney } from "@/lib/i18n/format";

import type { CostDisplay } from "./cost";

/**
 * A cost as one figure with its kind beneath ("Actual" or "Estimate"), and how many messages had no
 * known rate. Never a guessed amount: without a total it says "Unknown".
 */
export function CostFigure({ cost, showKind = true }: { cost: CostDisplay; showKind?: boolean }) {
  const t = useTranslations("campaigns.list.cost");
  const format = useFormatter();
  if (cost.kind === "none") {
    return (
      <span className="text-muted-foreground">
        <span aria-hidden="true">—</span>
        <span className="sr-only">{t("none")}</span>
      </span>
    );
  }
  return (
    <span className="inline-flex flex-col leading-tight">
      <span className="tabular-nums" data-cost-kind={cost.kind}>
        {cost.amount !== null && cost.currency ? <bdi dir="ltr">{formatMoney(format, cost.amount, cost.currency)}</bdi> : t("unknown")}
      </span>
      {showKind ? <span className="text-xs text-muted-foreground">{t(cost.kind)}</span> : null}
      {cost.amount !== null && cost.unknownCount > 0 ? (
        <span className="text-xs text-muted-foreground">{t("unknownSome", { count: cost.unknownCount })}</span>
      ) : null}
    </span>
  );
}
