"use client";

import { queryKeys } from "@/lib/query-keys";
import { useQueryClient } from "@tanstack/react-query";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type Row } from "@tanstack/react-table";
import { ChevronRightIcon, Loader2Icon, RotateCw, Send } from "lucide-react";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import Link from "next/link";
import { Fragment, useMemo, type ReactNode } from "react";

import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormError } from "@/components/ui/field";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { actionMessage } from "@/lib/action-result";
import { replayWebhookDeliveryAction } from "@/lib/actions/outbound-webhooks";
import { DELIVERY_STATUSES, type DeliveryStatus } from "@/lib/actions/outbound-webhooks.schema";
import type { DeliveryView } from "@/lib/outbound-webhooks/service";
import { cn } from "@/lib/utils";

import { endpointPath } from "./paths";
import { refreshInterval, useDeliveries, useDeliveriesErrorText, type DeliveryPage } from "./api";

type DeliveriesTranslator = ReturnType<typeof useTranslations<"outboundWebhooks.deliveries">>;

const STATUS_BADGES = { pending: "warning", succeeded: "success", failed: "destructive" } as const;

function StatusBadge({ status }: { status: DeliveryView["status"] }) {
  const t = useTranslations("outboundWebhooks.deliveries.status");
  return <Badge variant={STATUS_BADGES[status]}>{t(status)}</Badge>;
}

/** The same event sent again as a new delivery; the list shows it at the top. */
function ReplayButton({ delivery }: { delivery: DeliveryView }) {
  const t = useTranslations("outboundWebhooks.deliveries.replay");
  const queryClient = useQueryClient();
  const { execute, isPending } = useAction(replayWebhookDeliveryAction, {
    onSuccess: () => {
      toast.success(t("done"));
      void queryClient.invalidateQueries({ queryKey: queryKeys.outboundWebhooks.endpointDeliveries(delivery.endpointId) });
    },
    onError: ({ error }) => toast.error(actionMessage(error, t("notStarted"))),
  });
  return (
    <Button
      type="button"
      variant="outline"
      size="sm"
      disabled={isPending}
      aria-label={t("label", { id: delivery.id })}
      onClick={() => execute({ deliveryId: delivery.id })}
    >
      <RotateCw aria-hidden="true" className={isPending ? "animate-spin" : undefined} />
      {t("button")}
    </Button>
  );
}

/** When a pending delivery is attempted next: "in 5 minutes", or "due now" once its time has come. */
function NextAttempt({ delivery }: { delivery: DeliveryView }) {
  const t = useTranslations("outboundWebhooks.deliveries");
  const now = useNow({ updateInterval: 15_000 });
  if (delivery.status !== "pending") return <span aria-hidden="true">—</span>;
  if (!delivery.nextAttemptAt || Date.parse(delivery.nextAttemptAt) <= now.getTime()) return <>{t("nextNow")}</>;
  return <RelativeTime iso={delivery.nextAttemptAt} />;
}

function LastResponse({ delivery }: { delivery: DeliveryView }) {
  const t = useTranslations("outboundWebhooks.deliveries");
  if (delivery.lastResponseStatus === null) return <span className="text-muted-foreground">{delivery.attempts > 0 ? t("noResponse") : t("notYet")}</span>;
  return (
    <span className="tabular-nums">
      {delivery.lastResponseMs === null ? delivery.lastResponseStatus : t("response", { status: delivery.lastResponseStatus, ms: delivery.lastResponseMs })}
    </span>
  );
}

/** Shows or hides a delivery's payload and last error, in the row below it. */
function ExpandButton({ row }: { row: Row<DeliveryView> }) {
  const t = useTranslations("outboundWebhooks.deliveries");
  const expanded = row.getIsExpanded();
  return (
    <Button
      type="button"
      variant="ghost"
      size="icon"
      className="size-7"
      aria-expanded={expanded}
      aria-controls={expanded ? `delivery-details-${row.id}` : undefined}
      aria-label={expanded ? t("hideDetails", { id: row.original.id }) : t("showDetails", { id: row.original.id })}
      onClick={row.getToggleExpandedHandler()}
    >
      <ChevronRightIcon aria-hidden="true" className={cn("transition-transform", expanded ? "rotate-90" : "rtl:-scale-x-100")} />
    </Button>
  );
}

/** A delivery's details: its ids, the payload as sent (pretty JSON) and the last error. */
function DeliveryDetails({ delivery }: { delivery: DeliveryView }) {
  const t = useTranslations("outboundWebhooks.deliveries.details");
  const format = useFormatter();
  return (
    <div className="grid gap-4 py-2 lg:grid-cols-2">
      <div className="grid content-start gap-3">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-xs">
          <dt className="text-muted-foreground">{t("deliveryId")}</dt>
          <dd className="font-mono break-all" dir="ltr">
            {delivery.id}
          </dd>
          <dt className="text-muted-foreground">{t("eventId")}</dt>
          <dd className="font-mono break-all" dir="ltr">
            {delivery.eventId}
          </dd>
          <dt className="text-muted-foreground">{t("createdAt")}</dt>
          <dd>
            <time dateTime={delivery.createdAt}>{format.dateTime(new Date(delivery.createdAt), { dateStyle: "medium", timeStyle: "medium" })}</time>
          </dd>
        </dl>
        <div className="grid gap-1">
          <p className="text-xs font-medium">{t("lastError")}</p>
          {delivery.lastError ? (
            <pre dir="ltr" className="max-h-48 overflow-auto rounded-md border bg-muted/50 p-2 font-mono text-xs break-all whitespace-pre-wrap">
              {delivery.lastError}
            </pre>
          ) : (
            <p className="text-xs text-muted-foreground">{t("noError")}</p>
          )}
        </div>
      </div>
      <div className="grid content-start gap-1">
        <p className="text-xs font-medium">{t("payload")}</p>
        <pre dir="ltr" className="max-h-80 overflow-auto rounded-md border bg-muted/50 p-2 font-mono text-xs">
          {JSON.stringify(delivery.payload, null, 2)}
        </pre>
      </div>
    </div>
  );
}

function columnsFor(t: DeliveriesTranslator): Array<ColumnDef<DeliveryView>> {
  return [
    {
      id: "details",
      header: () => <span className="sr-only">{t("columns.details")}</span>,
      cell: ({ row }) => <ExpandButton row={row} />,
    },
    {
      id: "event",
      header: () => t("columns.event"),
      cell: ({ row }) => (
        <span dir="ltr" className="font-mono text-xs">
          {row.original.eventType}
        </span>
      ),
    },
    { id: "status", header: () => t("columns.status"), cell: ({ row }) => <StatusBadge status={row.original.status} /> },
    { id: "attempts", header: () => t("columns.attempts"), cell: ({ row }) => <span className="tabular-nums">{row.original.attempts}</span> },
    { id: "response", header: () => t("columns.response"), cell: ({ row }) => <LastResponse delivery={row.original} /> },
    {
      id: "lastAttempt",
      header: () => t("columns.lastAttempt"),
      cell: ({ row }) =>
        row.original.lastAttemptAt ? <RelativeTime iso={row.original.lastAttemptAt} /> : <span className="text-muted-foreground">{t("notYet")}</span>,
    },
    { id: "nextAttempt", header: () => t("columns.nextAttempt"), cell: ({ row }) => <NextAttempt delivery={row.original} /> },
    {
      id: "actions",
      header: () => <span className="sr-only">{t("columns.actions")}</span>,
      // A pending delivery is still being attempted: its retries are on their way, there is nothing to replay yet.
      cell: ({ row }) => (row.original.status === "pending" ? null : <ReplayButton delivery={row.original} />),
    },
  ];
}

function FilterLink({ href, current, children }: { href: string; current: boolean; children: ReactNode }) {
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

/**
 * An endpoint's deliveries: filtered by status (in the URL), newest first, "Load more" for older
 * ones; a row opens to show its payload and last error, and each can be replayed. The list asks
 * again by itself while something is pending.
 */
export function DeliveriesTable({ endpointId, status, firstPage }: { endpointId: string; status: DeliveryStatus | null; firstPage: DeliveryPage }) {
  const t = useTranslations("outboundWebhooks.deliveries");
  const errorText = useDeliveriesErrorText();
  const query = useDeliveries(endpointId, status, firstPage);
  const deliveries = useMemo(() => query.data.pages.flatMap((page) => page.deliveries), [query.data]);
  const columns = useMemo(() => columnsFor(t), [t]);
  // TanStack Table keeps its state in an object the React Compiler cannot memoize: this component is left uncompiled.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: deliveries,
    columns,
    getRowId: (delivery) => delivery.id,
    getRowCanExpand: () => true,
    getCoreRowModel: getCoreRowModel(),
  });
  const basePath = endpointPath(endpointId);
  const following = refreshInterval(query.data) !== false;

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{t("title")}</h2>
        </CardTitle>
        <CardDescription>{t("description")}</CardDescription>
        {following ? (
          <CardAction>
            <span className="flex items-center gap-1.5 text-xs text-muted-foreground">
              <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-warning" />
              {t("updating")}
            </span>
          </CardAction>
        ) : null}
        <nav aria-label={t("filter.label")} className="flex flex-wrap items-center gap-1 pt-2">
          <FilterLink href={basePath} current={status === null}>
            {t("filter.all")}
          </FilterLink>
          {DELIVERY_STATUSES.map((option) => (
            <FilterLink key={option} href={`${basePath}?status=${option}`} current={status === option}>
              {t(`filter.${option}`)}
            </FilterLink>
          ))}
        </nav>
      </CardHeader>
      <CardContent className="grid gap-4">
        {query.isError ? <FormError message={t("loadFailed", { error: errorText(query.error) })} /> : null}
        {deliveries.length === 0 ? (
          status === null ? (
            <EmptyState icon={Send} headingLevel="h3" title={t("empty.title")} description={t("empty.description")} />
          ) : (
            <EmptyState icon={Send} headingLevel="h3" title={t("emptyFiltered.title")} description={t("emptyFiltered.description")} />
          )
        ) : (
          <Table>
            <TableHeader>
              {table.getHeaderGroups().map((group) => (
                <TableRow key={group.id}>
                  {group.headers.map((header) => (
                    <TableHead key={header.id} className={header.column.id === "actions" ? "text-end" : header.column.id === "details" ? "w-10" : undefined}>
                      {flexRender(header.column.columnDef.header, header.getContext())}
                    </TableHead>
                  ))}
                </TableRow>
              ))}
            </TableHeader>
            <TableBody>
              {table.getRowModel().rows.map((row) => (
                <Fragment key={row.id}>
                  <TableRow data-state={row.getIsExpanded() ? "selected" : undefined} data-delivery-id={row.original.id}>
                    {row.getVisibleCells().map((cell) => (
                      <TableCell key={cell.id} className={cell.column.id === "actions" ? "text-end" : undefined}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </TableCell>
                    ))}
                  </TableRow>
                  {row.getIsExpanded() ? (
                    <TableRow id={`delivery-details-${row.id}`} className="hover:bg-transparent">
                      <TableCell colSpan={row.getVisibleCells().length} className="whitespace-normal">
                        <DeliveryDetails delivery={row.original} />
                      </TableCell>
                    </TableRow>
                  ) : null}
                </Fragment>
              ))}
            </TableBody>
          </Table>
        )}
        {query.hasNextPage ? (
          <div className="flex justify-center">
            <Button type="button" variant="outline" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              {query.isFetchingNextPage ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
              {t("loadMore")}
            </Button>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
