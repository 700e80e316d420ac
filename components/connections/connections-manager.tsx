"use client";

import * as React from "react";
import { CheckCircle2Icon, ChevronRightIcon, ExternalLinkIcon, Link2Icon, Loader2Icon, PlusIcon } from "lucide-react";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import type { ConnectionView, ConnectionsOverview, HealthView } from "@/lib/actions/connections.schema";

import { ConnectionCard } from "./connection-card";
import { connectionName } from "./format";
import { useConnectionsHealth, useConnectionsOverview, useCreateConnection } from "./queries";
import { HealthPanel } from "./health-panel";

const LINK_LABEL = "Link a WhatsApp Business account";

/**
 * Opens a tab inside the click (so no popup blocker stops it), then sends it to Maton's connect page
 * once the connection exists. Without an opener the tab cannot reach back into the dashboard.
 */
function openBlankTab(): Window | null {
  const tab = window.open("about:blank", "_blank");
  if (tab) tab.opener = null;
  return tab;
}

function LinkButton({ onLink, pending }: { onLink: () => void; pending: boolean }) {
  return (
    <Button onClick={onLink} disabled={pending}>
      {pending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <PlusIcon aria-hidden="true" />}
      {LINK_LABEL}
    </Button>
  );
}

/** Follows the connection just created: waiting, then its numbers once authorised, or the failure. */
function LinkDialog({ connection, onClose }: { connection: ConnectionView | undefined; onClose: () => void }) {
  const status = connection?.unlinkedAt ? "CANCELLED" : connection?.status;
  return (
    <Dialog open={connection !== undefined} onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="sm:max-w-md">
        {status === "ACTIVE" && connection ? (
          <>
            <DialogHeader>
              <DialogTitle className="flex items-center gap-2">
                <CheckCircle2Icon className="size-5 text-success" aria-hidden="true" />
                {connectionName(connection)} is linked
              </DialogTitle>
              <DialogDescription>
                {connection.phoneNumbers.length === 1 ? "Its number is" : "Its numbers are"} ready in the dashboard.
              </DialogDescription>
            </DialogHeader>
            <ul className="divide-y rounded-lg border text-sm">
              {connection.phoneNumbers.map((number) => (
                <li key={number.id} className="flex justify-between gap-3 px-3 py-2">
                  <span className="font-medium tabular-nums">{number.displayPhoneNumber}</span>
                  <span className="truncate text-muted-foreground">{number.verifiedName}</span>
                </li>
              ))}
            </ul>
            <DialogFooter>
              <Button onClick={onClose}>Done</Button>
            </DialogFooter>
          </>
        ) : status === "FAILED" || status === "CANCELLED" ? (
          <>
            <DialogHeader>
              <DialogTitle>{status === "FAILED" ? "The account was not linked" : "Link cancelled"}</DialogTitle>
              <DialogDescription>
                {status === "FAILED"
                  ? "The authorisation was denied or did not finish in Maton. You can start again whenever you are ready."
                  : "The pending connection was deleted at Maton."}
              </DialogDescription>
            </DialogHeader>
            <DialogFooter>
              <Button variant="outline" onClick={onClose}>
                Close
              </Button>
            </DialogFooter>
          </>
        ) : (
          <>
            <DialogHeader>
              <DialogTitle>Finish linking in Maton</DialogTitle>
              <DialogDescription>
                Maton&apos;s page opened in a new tab. Sign in with the Facebook account that manages your WhatsApp Business
                account and approve access. This window follows along.
              </DialogDescription>
            </DialogHeader>
            <div role="status" className="flex items-center gap-3 rounded-lg border border-warning/30 bg-warning/5 px-3 py-3 text-sm">
              <Loader2Icon className="size-4 shrink-0 animate-spin text-warning motion-reduce:animate-none" aria-hidden="true" />
              Waiting for authorisation…
            </div>
            <DialogFooter className="sm:justify-between">
              <Button variant="ghost" onClick={onClose}>
                Close, keep waiting
              </Button>
              {connection?.connectUrl ? (
                <Button asChild variant="outline">
                  <a href={connection.connectUrl} target="_blank" rel="noopener noreferrer">
                    <ExternalLinkIcon aria-hidden="true" />
                    Open Maton to authorise
                  </a>
                </Button>
              ) : null}
            </DialogFooter>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}

/** The connections page: Maton health, every connection with its numbers, and linking a new one. */
export function ConnectionsManager({ initialOverview, initialHealth }: { initialOverview: ConnectionsOverview; initialHealth: HealthView }) {
  const overview = useConnectionsOverview(initialOverview);
  const health = useConnectionsHealth(initialHealth);
  const create = useCreateConnection();
  const [linkingId, setLinkingId] = React.useState<string | null>(null);

  const connections = overview.data.connections;
  // Waiting links first (they need the admin), then the default, other active ones, then failed attempts.
  const rank = (connection: ConnectionView) =>
    connection.status === "PENDING" ? 0 : connection.isDefault ? 1 : connection.status === "ACTIVE" ? 2 : 3;
  const linked = connections
    .filter((connection) => connection.unlinkedAt === null)
    .sort((a, b) => rank(a) - rank(b));
  const unlinked = connections.filter((connection) => connection.unlinkedAt !== null);
  const keyRejected = !health.data.key.ok;

  const link = () => {
    const tab = openBlankTab();
    create.mutate(undefined, {
      onSuccess: ({ connection }) => {
        if (tab && connection.connectUrl) tab.location.href = connection.connectUrl;
        else tab?.close();
        setLinkingId(connection.id);
      },
      onError: () => tab?.close(),
    });
  };

  const activeCount = linked.filter((connection) => connection.status === "ACTIVE").length;
  const numberCount = linked.reduce((sum, connection) => sum + connection.phoneNumbers.length, 0);

  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-6 p-6">
      <PageHeader
        title="Connections"
        description={
          linked.length > 0
            ? `WhatsApp Business accounts linked through Maton · ${activeCount} active, ${numberCount} ${numberCount === 1 ? "number" : "numbers"}`
            : "WhatsApp Business accounts linked through Maton"
        }
        actions={linked.length > 0 && !keyRejected ? <LinkButton onLink={link} pending={create.isPending} /> : null}
      />
      <HealthPanel health={health.data} onCheck={() => void health.refetch().then(() => overview.refetch())} checking={health.isFetching} />
      {linked.length === 0 ? (
        <EmptyState
          icon={Link2Icon}
          title="No WhatsApp Business account linked yet"
          description="Link an account through Maton's secure sign-in. Its phone numbers then appear here, and the inbox, templates and profile work with them."
          action={keyRejected ? undefined : <LinkButton onLink={link} pending={create.isPending} />}
        />
      ) : (
        <div className="flex flex-col gap-4">
          {linked.map((connection) => (
            <ConnectionCard key={connection.id} connection={connection} />
          ))}
        </div>
      )}
      {unlinked.length > 0 ? (
        <details className="group rounded-xl border bg-card/50">
          <summary className="flex cursor-pointer list-none items-center gap-2 px-5 py-3 text-sm font-medium text-muted-foreground select-none">
            <ChevronRightIcon className="size-4 transition-transform group-open:rotate-90" aria-hidden="true" />
            Unlinked connections ({unlinked.length})
            <span className="font-normal">· their conversations and history are kept</span>
          </summary>
          <div className="flex flex-col gap-3 border-t p-4">
            {unlinked.map((connection) => (
              <ConnectionCard key={connection.id} connection={connection} />
            ))}
          </div>
        </details>
      ) : null}
      <LinkDialog
        connection={linkingId ? connections.find((connection) => connection.id === linkingId) : undefined}
        onClose={() => setLinkingId(null)}
      />
    </div>
  );
}
