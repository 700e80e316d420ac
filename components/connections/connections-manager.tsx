"use client";

import * as React from "react";
import { CheckCircle2Icon, ChevronRightIcon, ExternalLinkIcon, Link2Icon, Loader2Icon, PlusIcon } from "lucide-react";
import { useTranslations } from "next-intl";

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
  const t = useTranslations("connections");
  return (
    <Button onClick={onLink} disabled={pending}>
      {pending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <PlusIcon aria-hidden="true" />}
      {t("link")}
    </Button>
  );
}

/** Follows the connection just created: waiting, then its numbers once authorised, or the failure. */
function LinkDialog({ connection, onClose }: { connection: ConnectionView | undefined; onClose: () => void }) {
  const t = useTranslations("connections");
  const names = useTranslations("connections.name");
  const status = connection?.unlinkedAt ? "CANCELLED" : connection?.status;
  return (
    <Dialog open={connection !== undefined} onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="sm:max-w-md">
        {status === "ACTIVE" && connection ? (
          <>
            <DialogHeader>
              <DialogTitle className="flex items-center gap-2">
                <CheckCircle2Icon className="size-5 text-success" aria-hidden="true" />
                {t("linkDialog.linkedTitle", { name: connectionName(connection, names) })}
              </DialogTitle>
              <DialogDescription>{t("linkDialog.numbersReady", { count: connection.phoneNumbers.length })}</DialogDescription>
            </DialogHeader>
            <ul className="divide-y rounded-lg border text-sm">
              {connection.phoneNumbers.map((number) => (
                <li key={number.id} className="flex justify-between gap-3 px-3 py-2">
                  <span dir="ltr" className="font-medium tabular-nums">
                    {number.displayPhoneNumber}
                  </span>
                  <span dir="auto" className="truncate text-muted-foreground">
                    {number.verifiedName}
                  </span>
                </li>
              ))}
            </ul>
            <DialogFooter>
              <Button onClick={onClose}>{t("linkDialog.done")}</Button>
            </DialogFooter>
          </>
        ) : status === "FAILED" || status === "CANCELLED" ? (
          <>
            <DialogHeader>
              <DialogTitle>{status === "FAILED" ? t("linkDialog.failedTitle") : t("linkDialog.cancelledTitle")}</DialogTitle>
              <DialogDescription>
                {status === "FAILED" ? t("linkDialog.failedDescription") : t("linkDialog.cancelledDescription")}
              </DialogDescription>
            </DialogHeader>
            <DialogFooter>
              <Button variant="outline" onClick={onClose}>
                {t("linkDialog.close")}
              </Button>
            </DialogFooter>
          </>
        ) : (
          <>
            <DialogHeader>
              <DialogTitle>{t("linkDialog.waitingTitle")}</DialogTitle>
              <DialogDescription>{t("linkDialog.waitingDescription")}</DialogDescription>
            </DialogHeader>
            <div role="status" className="flex items-center gap-3 rounded-lg border border-warning/30 bg-warning/5 px-3 py-3 text-sm">
              <Loader2Icon className="size-4 shrink-0 animate-spin text-warning motion-reduce:animate-none" aria-hidden="true" />
              {t("linkDialog.waiting")}
            </div>
            <DialogFooter className="sm:justify-between">
              <Button variant="ghost" onClick={onClose}>
                {t("linkDialog.keepWaiting")}
              </Button>
              {connection?.connectUrl ? (
                <Button asChild variant="outline">
                  <a href={connection.connectUrl} target="_blank" rel="noopener noreferrer">
                    <ExternalLinkIcon aria-hidden="true" />
                    {t("openMaton")}
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
  const t = useTranslations("connections");
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
        title={t("title")}
        description={linked.length > 0 ? t("descriptionWithCounts", { active: activeCount, numbers: numberCount }) : t("description")}
        actions={linked.length > 0 && !keyRejected ? <LinkButton onLink={link} pending={create.isPending} /> : null}
      />
      <HealthPanel health={health.data} onCheck={() => void health.refetch().then(() => overview.refetch())} checking={health.isFetching} />
      {linked.length === 0 ? (
        <EmptyState
          icon={Link2Icon}
          title={t("empty.title")}
          description={t("empty.description")}
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
            <ChevronRightIcon className="size-4 transition-transform group-open:rotate-90 rtl:-scale-x-100 rtl:group-open:-rotate-90" aria-hidden="true" />
            {t("unlinkedSection.summary", { count: unlinked.length })}
            <span className="font-normal">{t("unlinkedSection.note")}</span>
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
