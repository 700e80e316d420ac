"use client";

import { CheckCircle2Icon, CircleAlertIcon } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";
import { SKIP_REASONS, type FailureGroup, type SkipReason } from "@/lib/campaigns/types";
import { formatErrorLabel } from "@/lib/whatsapp/errors";
import { useErrorWords } from "@/lib/whatsapp/use-error-words";

import { knownExplanationKey, sortFailureGroups } from "./summary";
import { campaignResultsHref } from "./url";

/**
 * Who was left out before sending, by reason, each linking to those recipients. Without the counts by
 * reason, the total alone (and a link to all skipped recipients).
 */
export function SkippedByReason({ campaignId, total, byReason }: { campaignId: string; total: number; byReason: Partial<Record<SkipReason, number>> | null | undefined }) {
  const t = useTranslations("campaigns.results.skipped");
  const format = useFormatter();
  if (total === 0) return <p className="text-sm text-muted-foreground">{t("none")}</p>;
  const reasons = byReason ? SKIP_REASONS.filter((reason) => (byReason[reason] ?? 0) > 0) : [];
  return (
    <div className="grid gap-2">
      <p className="text-sm">{t("total", { count: total })}</p>
      {reasons.length > 0 ? (
        <ul className="grid gap-1 text-sm" aria-label={t("label")}>
          {reasons.map((reason) => (
            <li key={reason} className="flex items-baseline justify-between gap-3">
              <Link href={campaignResultsHref(campaignId, { status: "skipped", reason })} scroll={false} className="hover:underline focus-visible:underline">
                {t(`reasons.${reason}`)}
              </Link>
              <bdi dir="ltr" className="tabular-nums text-muted-foreground">
                {format.number(byReason?.[reason] ?? 0)}
              </bdi>
            </li>
          ))}
        </ul>
      ) : (
        <Link href={campaignResultsHref(campaignId, { status: "skipped", reason: null })} scroll={false} className="text-sm underline-offset-4 hover:underline">
          {t("showAll")}
        </Link>
      )}
    </div>
  );
}

function FailureGroupItem({ group }: { group: FailureGroup }) {
  const t = useTranslations("campaigns.results.failures");
  const errorWords = useErrorWords();
  const key = knownExplanationKey(group.explanationKey);
  const words = key ? errorWords(key) : null;
  const title = words?.title ?? group.title ?? t("unknownError");
  return (
    <li className="grid gap-1 rounded-md border p-3" data-error-code={group.code ?? undefined}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm font-medium">
          <bdi dir="auto">{formatErrorLabel(group.code ?? undefined, title)}</bdi>
        </p>
        <span className="text-sm tabular-nums">{t("count", { count: group.count })}</span>
      </div>
      {words ? <p className="text-sm text-muted-foreground">{words.explanationAndAction}</p> : null}
      {words && group.title && group.title !== words.title ? (
        <p className="text-xs text-muted-foreground" dir="auto">
          {t("whatsappSaid", { title: group.title })}
        </p>
      ) : null}
      <div>
        {group.retrySafe ? (
          <Badge variant="success">
            <CheckCircle2Icon aria-hidden="true" />
            {t("retrySafe")}
          </Badge>
        ) : (
          <Badge variant="outline">
            <CircleAlertIcon aria-hidden="true" />
            {t("retryUnsafe")}
          </Badge>
        )}
      </div>
    </li>
  );
}

/** Failed recipients grouped by error, with the plain explanation and whether retrying is safe. */
export function FailureGroups({ groups, loading }: { groups: readonly FailureGroup[] | undefined; loading: boolean }) {
  const t = useTranslations("campaigns.results.failures");
  if (loading && !groups) return <p className="text-sm text-muted-foreground">{t("loading")}</p>;
  if (!groups || groups.length === 0) return <p className="text-sm text-muted-foreground">{t("none")}</p>;
  return (
    <ul className="grid gap-2" aria-label={t("label")}>
      {sortFailureGroups(groups).map((group) => (
        <FailureGroupItem key={`${group.code ?? "none"}:${group.title ?? ""}`} group={group} />
      ))}
    </ul>
  );
}
