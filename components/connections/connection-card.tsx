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

import { connectionName, formatDateTime, formatRelative, tierLabel } from "./format";
import { useCancelConnection, usePendingConnectionPoll, useSetDefaultConnection } from "./queries";
import { ConnectionStatusBadge, DefaultBadge, QualityRating } from "./status-badges";
import { UnlinkConnectionDialog } from "./unlink-dialog";

function Timestamp({ label, iso }: { label: string; iso: string }) {
  return (
    <div className="flex items-center gap-1">
      <dt className="text-muted-foreground">{label}</dt>
      <dd>
        <time dateTime={iso} title={formatDateTime(iso)} suppressHydrationWarning>
          {formatRelative(iso)}
        </time>
      </dd>
    </div>
  );
}

function PhoneNumbers({ connection }: { connection: ConnectionView }) {
  if (connection.phoneNumbers.length === 0) {
    if (connection.status !== "ACTIVE") return null;
    return <p className="px-5 pb-5 text-sm text-muted-foreground">No phone numbers found behind this account yet.</p>;
  }
  return (
    <ul aria-label={`Phone numbers of ${connectionName(connection)}`} className="divide-y border-t">
      {connection.phoneNumbers.map((number) => (
        <li key={number.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-5 py-3">
          <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-muted text-muted-foreground">
            <PhoneIcon className="size-3.5" aria-hidden="true" />
          </span>
          <div className="min-w-0 flex-1">
            <p className="font-medium tabular-nums">{number.displayPhoneNumber ?? number.id}</p>
            <p className="truncate text-xs text-muted-foreground">{number.verifiedName ?? "Name not verified"}</p>
          </div>
          <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted-foreground">
            <QualityRating rating={number.qualityRating} />
            {tierLabel(number.messagingLimitTier) ? <span>Limit {tierLabel(number.messagingLimitTier)}</span> : null}
            {number.throughputLevel === "HIGH" ? <span>High throughput</span> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** One Maton connection: name, status, times, its numbers, and what an admin can do with it. */
export function ConnectionCard({ connection }: { connection: ConnectionView }) {
  const name = connectionName(connection);
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
            <h3 className="truncate text-base font-semibold tracking-tight">{name}</h3>
            <ConnectionStatusBadge status={connection.status} unlinked={unlinked} />
            {connection.isDefault ? <DefaultBadge /> : null}
          </div>
          <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
            {wabaNames ? (
              <div className="flex items-center gap-1">
                <dt className="text-muted-foreground">WhatsApp account</dt>
                <dd>{wabaNames}</dd>
              </div>
            ) : null}
            <Timestamp label="Created" iso={connection.createdAt} />
            <Timestamp label="Updated" iso={connection.updatedAt} />
            {connection.unlinkedAt ? <Timestamp label="Unlinked" iso={connection.unlinkedAt} /> : null}
          </dl>
          <p className="font-mono text-[11px] text-muted-foreground/80">{connection.id}</p>
        </div>
        {!unlinked ? (
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="ghost" size="icon-sm" aria-label={`Actions for ${name}`} disabled={busy}>
                {busy ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <MoreHorizontalIcon aria-hidden="true" />}
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end" className="w-52">
              {connection.status === "ACTIVE" && !connection.isDefault ? (
                <DropdownMenuItem onSelect={() => setDefault.mutate(connection.id)}>
                  <StarIcon aria-hidden="true" />
                  Set as default
                </DropdownMenuItem>
              ) : null}
              {pending && connection.connectUrl ? (
                <DropdownMenuItem asChild>
                  <a href={connection.connectUrl} target="_blank" rel="noopener noreferrer" onClick={() => setPolling(true)}>
                    <ExternalLinkIcon aria-hidden="true" />
                    Reopen link
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
                  Cancel link
                </DropdownMenuItem>
              ) : null}
              <DropdownMenuSeparator />
              <DropdownMenuItem variant="destructive" onSelect={() => setUnlinkOpen(true)}>
                <Unlink2Icon aria-hidden="true" />
                Unlink…
              </DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
        ) : null}
      </div>
      {pending ? (
        <div className="flex flex-wrap items-center gap-3 border-t bg-warning/5 px-5 py-3 text-sm">
          <Loader2Icon className="size-4 animate-spin text-warning motion-reduce:animate-none" aria-hidden="true" />
          <p className="min-w-0 flex-1" role="status">
            Waiting for authorisation in Maton. This page updates by itself once the account is authorised.
          </p>
          {connection.connectUrl ? (
            <Button asChild size="sm" variant="outline">
              <a href={connection.connectUrl} target="_blank" rel="noopener noreferrer">
                <ExternalLinkIcon aria-hidden="true" />
                Open Maton to authorise
              </a>
            </Button>
          ) : null}
        </div>
      ) : null}
      {connection.status === "FAILED" && !unlinked ? (
        <p className="border-t bg-destructive/5 px-5 py-3 text-sm text-destructive">
          The authorisation was refused or did not finish. Unlink this attempt and link the account again.
        </p>
      ) : null}
      <PhoneNumbers connection={connection} />
      <UnlinkConnectionDialog connection={connection} open={unlinkOpen} onOpenChange={setUnlinkOpen} />
    </Card>
  );
}
