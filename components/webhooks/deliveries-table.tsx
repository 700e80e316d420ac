"use client";

import { RotateCw, TriangleAlert, Webhook } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import type * as React from "react";

import { EmptyState } from "@/components/empty-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { RelativeTime } from "@/components/relative-time";
import { actionMessage } from "@/lib/action-result";
import { replayWebhookAction } from "@/lib/actions/webhooks";
import type { WebhookDeliveryView } from "@/lib/webhooks/views";

const SUMMARY_LABELS: Array<[string, string, string]> = [
  ["messages", "message", "messages"],
  ["unreadable", "unreadable message", "unreadable messages"],
  ["duplicates", "duplicate", "duplicates"],
  ["statuses", "status", "statuses"],
  ["preferences", "marketing preference", "marketing preferences"],
  ["templates", "template update", "template updates"],
  ["qualityUpdates", "quality update", "quality updates"],
  ["skipped", "item not applied", "items not applied"],
  ["ignored", "other change", "other changes"],
  // Deliveries stored before per-item ingest counted other changes under this name.
  ["unhandled", "other change", "other changes"],
];

function describeSummary(summary: Record<string, number> | null): string {
  if (!summary) return "—";
  const parts = SUMMARY_LABELS.flatMap(([key, one, many]) => {
    const count = summary[key] ?? 0;
    return count > 0 ? [`${count} ${count === 1 ? one : many}`] : [];
  });
  return parts.length > 0 ? parts.join(", ") : "nothing new";
}

function ReplayButton({ id }: { id: number }) {
  const router = useRouter();
  const { execute, isPending } = useAction(replayWebhookAction, {
    onSuccess: ({ data }) => {
      if (data?.processed && data.summary.skipped > 0) toast.warning(`Delivery ${id} replayed: ${describeSummary({ ...data.summary })}. Some items still need attention.`);
      else if (data?.processed) toast.success(`Delivery ${id} replayed: ${describeSummary({ ...data.summary })}.`);
      else toast.error(`Delivery ${id} failed again: ${data?.error ?? "unknown error"}`);
      router.refresh();
    },
    onError: ({ error }) => toast.error(actionMessage(error, "The replay could not be started.")),
  });
  return (
    <Button
      type="button"
      variant="outline"
      size="sm"
      disabled={isPending}
      aria-label={`Replay delivery ${id}`}
      onClick={() => execute({ eventId: id })}
    >
      <RotateCw aria-hidden className={isPending ? "animate-spin" : undefined} />
      Replay
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
  return (
    <Card>
      <CardHeader>
        <CardTitle>Recent deliveries</CardTitle>
        <CardDescription>
          Every authenticated delivery is stored before WhatsApp gets its answer, with what it changed or the error that
          stopped it. An item the dashboard could not apply is listed with the reason; replay the delivery once it can be.
          Replaying is safe: messages and statuses already applied are not applied twice.
        </CardDescription>
        <nav aria-label="Show deliveries" className="flex flex-wrap items-center gap-1 pt-2">
          <FilterLink href="/settings/webhooks" current={!needsAttention}>
            All
          </FilterLink>
          <FilterLink href="/settings/webhooks?show=attention" current={needsAttention}>
            Needs attention ({attentionCount.toLocaleString()})
          </FilterLink>
        </nav>
      </CardHeader>
      <CardContent>
        {deliveries.length === 0 ? (
          needsAttention ? (
            <EmptyState
              icon={Webhook}
              headingLevel="h3"
              title="Nothing needs attention"
              description="Every stored delivery was applied in full."
            />
          ) : (
            <EmptyState
              icon={Webhook}
              headingLevel="h3"
              title="No deliveries yet"
              description="When customers write or your messages change status, WhatsApp's deliveries appear here."
            />
          )
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead className="w-20">#</TableHead>
                <TableHead>Received</TableHead>
                <TableHead>Checked by</TableHead>
                <TableHead>Result</TableHead>
                <TableHead>Contents</TableHead>
                <TableHead className="text-end">
                  <span className="sr-only">Actions</span>
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
                    {delivery.authenticatedBy === "signature" ? "Signature" : "Callback token"}
                  </TableCell>
                  <TableCell>
                    {delivery.error ? (
                      <div className="flex flex-col gap-1">
                        <Badge variant="destructive" className="w-fit">
                          Failed
                        </Badge>
                        <span className="max-w-md text-xs break-words text-muted-foreground">{delivery.error}</span>
                      </div>
                    ) : delivery.processed && delivery.problems.length > 0 ? (
                      <div className="flex flex-col gap-1">
                        <Badge variant="warning" className="w-fit">
                          <TriangleAlert aria-hidden />
                          Needs attention
                        </Badge>
                        <ul className="max-w-md text-xs text-muted-foreground" aria-label={`Items of delivery ${delivery.id} not applied`}>
                          {delivery.problems.map((problem) => (
                            <li key={problem.at + problem.problem} className="break-words">
                              <span className="font-mono">{problem.at}</span>: {problem.problem}
                            </li>
                          ))}
                        </ul>
                      </div>
                    ) : delivery.processed ? (
                      <Badge variant="success">Processed</Badge>
                    ) : (
                      <Badge variant="warning">Processing</Badge>
                    )}
                  </TableCell>
                  <TableCell className="text-muted-foreground">{describeSummary(delivery.summary)}</TableCell>
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
