"use client";

import { RotateCw, TriangleAlert, Webhook } from "lucide-react";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type * as React from "react";

import { EmptyState } from "@/components/empty-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { RelativeTime } from "@/components/relative-time";
import { toast } from "@/components/ui/toast";
import { actionMessage } from "@/lib/action-result";
import { replayWebhookAction } from "@/lib/actions/webhooks";
import type { WebhookDeliveryView } from "@/lib/webhooks/views";

/** What a delivery's processing counted, in the order it is told; each count has its own message. */
const SUMMARY_KEYS = [
  "messages",
  "unreadable",
  "duplicates",
  "statuses",
  "preferences",
  "templates",
  "qualityUpdates",
  "skipped",
  "ignored",
  // Deliveries stored before per-item ingest counted other changes under this name.
  "unhandled",
] as const;

type DeliveriesTranslator = ReturnType<typeof useTranslations<"webhooks.deliveries">>;

function describeSummary(t: DeliveriesTranslator, summary: Record<string, number> | null): string {
  if (!summary) return "—";
  const parts = SUMMARY_KEYS.flatMap((key) => {
    const count = summary[key] ?? 0;
    return count > 0 ? [t(`summary.${key}`, { count })] : [];
  });
  return parts.length > 0 ? parts.join(t("summary.separator")) : t("summary.nothingNew");
}

function ReplayButton({ id }: { id: number }) {
  const t = useTranslations("webhooks.deliveries");
  const router = useRouter();
  const { execute, isPending } = useAction(replayWebhookAction, {
    onSuccess: ({ data }) => {
      if (data?.processed && data.summary.skipped > 0) toast.warning(t("replay.partly", { id, summary: describeSummary(t, { ...data.summary }) }));
      else if (data?.processed) toast.success(t("replay.done", { id, summary: describeSummary(t, { ...data.summary }) }));
      else toast.error(t("replay.failedAgain", { id, error: data?.error ?? t("replay.unknownError") }));
      router.refresh();
    },
    onError: ({ error }) => toast.error(actionMessage(error, t("replay.notStarted"))),
  });
  return (
    <Button
      type="button"
      variant="outline"
      size="sm"
      disabled={isPending}
      aria-label={t("replay.label", { id })}
      onClick={() => execute({ eventId: id })}
    >
      <RotateCw aria-hidden className={isPending ? "animate-spin" : undefined} />
      {t("replay.button")}
    </Button>
  );
}

function FilterLink({ href, current, children }: { href: string; current: boolean; children: React.ReactNode }) {
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={
        current
          ? "rounded-md bg-secondary px-2.5 py-1 text-sm font-medium text-secondary-foreground"
          : "rounded-md px-2.5 py-1 text-sm text-muted-foreground hover:bg-muted hover:text-foreground"
      }
    >
      {children}
    </Link>
  );
}

/** The latest deliveries with how each was authenticated and what processing made of it. */
export function DeliveriesTable({
  deliveries,
  needsAttention,
  attentionCount,
}: {
  deliveries: WebhookDeliveryView[];
  /** Only the deliveries that need attention are listed. */
  needsAttention: boolean;
  attentionCount: number;
}) {
  const t = useTranslations("webhooks.deliveries");
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
        <nav aria-label={t("filter.label")} className="flex flex-wrap items-center gap-1 pt-2">
          <FilterLink href="/settings/webhooks" current={!needsAttention}>
            {t("filter.all")}
          </FilterLink>
          <FilterLink href="/settings/webhooks?show=attention" current={needsAttention}>
            {t("filter.needsAttention", { count: attentionCount })}
          </FilterLink>
        </nav>
      </CardHeader>
      <CardContent>
        {deliveries.length === 0 ? (
          needsAttention ? (
            <EmptyState
              icon={Webhook}
              headingLevel="h3"
              title={t("emptyAttention.title")}
              description={t("emptyAttention.description")}
            />
          ) : (
            <EmptyState
              icon={Webhook}
              headingLevel="h3"
              title={t("empty.title")}
              description={t("empty.description")}
            />
          )
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead className="w-20">#</TableHead>
                <TableHead>{t("columns.received")}</TableHead>
                <TableHead>{t("columns.checkedBy")}</TableHead>
                <TableHead>{t("columns.result")}</TableHead>
                <TableHead>{t("columns.contents")}</TableHead>
                <TableHead className="text-end">
                  <span className="sr-only">{t("columns.actions")}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {deliveries.map((delivery) => (
                <TableRow key={delivery.id}>
                  <TableCell className="font-mono text-xs text-muted-foreground">{delivery.id}</TableCell>
                  <TableCell>
                    <RelativeTime iso={delivery.receivedAt} />
                  </TableCell>
                  <TableCell className="text-muted-foreground">
                    {delivery.authenticatedBy === "signature" ? t("checkedBy.signature") : t("checkedBy.token")}
                  </TableCell>
                  <TableCell>
                    {delivery.error ? (
                      <div className="flex flex-col gap-1">
                        <Badge variant="destructive" className="w-fit">
                          {t("result.failed")}
                        </Badge>
                        <span className="max-w-md text-xs break-words text-muted-foreground">{delivery.error}</span>
                      </div>
                    ) : delivery.processed && delivery.problems.length > 0 ? (
                      <div className="flex flex-col gap-1">
                        <Badge variant="warning" className="w-fit">
                          <TriangleAlert aria-hidden />
                          {t("result.needsAttention")}
                        </Badge>
                        <ul className="max-w-md text-xs text-muted-foreground" aria-label={t("result.itemsNotApplied", { id: delivery.id })}>
                          {delivery.problems.map((problem) => (
                            <li key={problem.at + problem.problem} className="break-words">
                              <span dir="ltr" className="font-mono">
                                {problem.at}
                              </span>
                              {t("result.problem", { problem: problem.problem })}
                            </li>
                          ))}
                        </ul>
                      </div>
                    ) : delivery.processed ? (
                      <Badge variant="success">{t("result.processed")}</Badge>
                    ) : (
                      <Badge variant="warning">{t("result.processing")}</Badge>
                    )}
                  </TableCell>
                  <TableCell className="text-muted-foreground">{describeSummary(t, delivery.summary)}</TableCell>
                  <TableCell className="text-end">
                    <ReplayButton id={delivery.id} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
