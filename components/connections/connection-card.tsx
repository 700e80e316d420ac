"use client";

import * as React from "react";
import {
  ExternalLinkIcon,
  Loader2Icon,
  MoreHorizontalIcon,
  PhoneIcon,
  StarIcon,
  Unlink2Icon,
  XIcon,
} from "lucide-react";
import { useTranslations } from "next-intl";

import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { ConnectionView } from "@/lib/actions/connections.schema";
import { cn } from "@/lib/utils";

import { connectionName, tierLabel } from "./format";
import { useCancelConnection, usePendingConnectionPoll, useSetDefaultConnection } from "./queries";
import { ConnectionStatusBadge, DefaultBadge, QualityRating } from "./status-badges";
import { UnlinkConnectionDialog } from "./unlink-dialog";

function Timestamp({ label, iso }: { label: string; iso: string }) {
  return (
    <div className="flex items-center gap-1">
      <dt className="text-muted-foreground">{label}</dt>
      <dd>
        <RelativeTime iso={iso} />
      </dd>
    </div>
  );
}

function PhoneNumbers({ connection, name }: { connection: ConnectionView; name: string }) {
  const t = useTranslations("connections");
  if (connection.phoneNumbers.length === 0) {
    if (connection.status !== "ACTIVE") return null;
    return <p className="px-5 pb-5 text-sm text-muted-foreground">{t("card.noNumbers")}</p>;
  }
  return (
    <ul aria-label={t("card.numbersOf", { name })} className="divide-y border-t">
      {connection.phoneNumbers.map((number) => {
        const tier = tierLabel(t, number.messagingLimitTier);
        return (
          <li key={number.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-5 py-3">
            <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-muted text-muted-foreground">
              <PhoneIcon className="size-3.5" aria-hidden="true" />
            </span>
            <div className="min-w-0 flex-1">
              <p className="font-medium tabular-nums">
                <bdi dir="ltr">{number.displayPhoneNumber ?? number.id}</bdi>
              </p>
              {number.verifiedName ? (
                <p dir="auto" className="truncate text-xs text-muted-foreground">
                  {number.verifiedName}
                </p>
              ) : (
                <p className="truncate text-xs text-muted-foreground">{t("card.nameNotVerified")}</p>
              )}
            </div>
            <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted-foreground">
              <QualityRating rating={number.qualityRating} />
              {tier ? <span>{t("card.limit", { tier })}</span> : null}
              {number.throughputLevel === "HIGH" ? <span>{t("card.highThroughput")}</span> : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** One Maton connection: name, status, times, its numbers, and what an admin can do with it. */
export function ConnectionCard({ connection }: { connection: ConnectionView }) {
  const t = useTranslations("connections");
  const name = connectionName(connection, useTranslations("connections.name"));
  const unlinked = connection.unlinkedAt !== null;
  const pending = connection.status === "PENDING" && !unlinked;
  const [polling, setPolling] = React.useState(true);
  const [unlinkOpen, setUnlinkOpen] = React.useState(false);
  usePendingConnectionPoll(connection, polling);
  const cancel = useCancelConnection();
  const setDefault = useSetDefaultConnection();
  const busy = cancel.isPending || setDefault.isPending;
  const wabaNames = connection.wabas.map((waba) => waba.name ?? waba.id).join(", ");

  return (
    <Card
      role="region"
      aria-label={name}
      data-status={unlinked ? "UNLINKED" : connection.status}
      className={cn("gap-0 overflow-hidden py-0", unlinked && "bg-muted/30 opacity-80", connection.isDefault && "ring-1 ring-info/30")}
    >
      <div className="flex items-start gap-3 px-5 py-4">
        <div className="min-w-0 flex-1 space-y-1.5">
          <div className="flex flex-wrap items-center gap-2">
            <h3 dir="auto" className="truncate text-base font-semibold tracking-tight">
              {name}
            </h3>
            <ConnectionStatusBadge status={connection.status} unlinked={unlinked} />
            {connection.isDefault ? <DefaultBadge /> : null}
          </div>
          <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
            {wabaNames ? (
              <div className="flex items-center gap-1">
                <dt className="text-muted-foreground">{t("card.whatsappAccount")}</dt>
                <dd dir="auto">{wabaNames}</dd>
              </div>
            ) : null}
            <Timestamp label={t("card.created")} iso={connection.createdAt} />
            <Timestamp label={t("card.updated")} iso={connection.updatedAt} />
            {connection.unlinkedAt ? <Timestamp label={t("card.unlinked")} iso={connection.unlinkedAt} /> : null}
          </dl>
          <p className="font-mono text-[11px] text-muted-foreground/80">
            <bdi dir="ltr">{connection.id}</bdi>
          </p>
        </div>
        {!unlinked ? (
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="ghost" size="icon-sm" aria-label={t("card.actionsFor", { name })} disabled={busy}>
                {busy ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <MoreHorizontalIcon aria-hidden="true" />}
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end" className="w-52">
              {connection.status === "ACTIVE" && !connection.isDefault ? (
                <DropdownMenuItem onSelect={() => setDefault.mutate(connection.id)}>
                  <StarIcon aria-hidden="true" />
                  {t("card.setDefault")}
                </DropdownMenuItem>
              ) : null}
              {pending && connection.connectUrl ? (
                <DropdownMenuItem asChild>
                  <a href={connection.connectUrl} target="_blank" rel="noopener noreferrer" onClick={() => setPolling(true)}>
                    <ExternalLinkIcon aria-hidden="true" />
                    {t("card.reopenLink")}
                  </a>
                </DropdownMenuItem>
              ) : null}
              {pending ? (
                <DropdownMenuItem
                  onSelect={() => {
                    setPolling(false);
                    cancel.mutate(connection.id, { onError: () => setPolling(true) });
                  }}
                >
                  <XIcon aria-hidden="true" />
                  {t("card.cancelLink")}
                </DropdownMenuItem>
              ) : null}
              <DropdownMenuSeparator />
              <DropdownMenuItem variant="destructive" onSelect={() => setUnlinkOpen(true)}>
                <Unlink2Icon aria-hidden="true" />
                {t("card.unlink")}
              </DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
        ) : null}
      </div>
      {pending ? (
        <div className="flex flex-wrap items-center gap-3 border-t bg-warning/5 px-5 py-3 text-sm">
          <Loader2Icon className="size-4 animate-spin text-warning motion-reduce:animate-none" aria-hidden="true" />
          <p className="min-w-0 flex-1" role="status">
            {t("card.pending")}
          </p>
          {connection.connectUrl ? (
            <Button asChild size="sm" variant="outline">
              <a href={connection.connectUrl} target="_blank" rel="noopener noreferrer">
                <ExternalLinkIcon aria-hidden="true" />
                {t("openMaton")}
              </a>
            </Button>
          ) : null}
        </div>
      ) : null}
      {connection.status === "FAILED" && !unlinked ? (
        <p className="border-t bg-destructive/5 px-5 py-3 text-sm text-destructive">
          {t("card.failed")}
        </p>
      ) : null}
      <PhoneNumbers connection={connection} name={name} />
      <UnlinkConnectionDialog connection={connection} open={unlinkOpen} onOpenChange={setUnlinkOpen} />
    </Card>
  );
}
