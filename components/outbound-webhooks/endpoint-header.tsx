"use client";

import { queryKeys } from "@/lib/query-keys";
import { useQueryClient } from "@tanstack/react-query";
import { ArrowLeftIcon, KeyRoundIcon, Loader2Icon, PencilIcon, PowerIcon, PowerOffIcon, SendIcon, Trash2Icon } from "lucide-react";
import { useNow, useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { toast } from "@/components/ui/toast";
import { actionMessage } from "@/lib/action-result";
import {
  deleteWebhookEndpointAction,
  rotateWebhookSecretAction,
  sendWebhookTestEventAction,
  updateWebhookEndpointAction,
} from "@/lib/actions/outbound-webhooks";
import type { EndpointView } from "@/lib/outbound-webhooks/service";

import { EditEndpointDialog } from "./endpoint-form";
import { DisabledNotice, EndpointStateBadges } from "./endpoint-state";
import { EventBadges } from "./event-types";
import { TO_YOUR_SYSTEMS_HREF } from "./paths";
import { SigningSecret } from "./signing-secret";

/** The endpoint's URL, named as it is everywhere: left to right, in monospace, wrapped anywhere. */
function Url({ url }: { url: string }) {
  return (
    <bdi dir="ltr" className="font-mono break-all">
      {url}
    </bdi>
  );
}

/** A `webhook.test` event to this endpoint only; its delivery joins the top of the list below. */
function SendTestEventButton({ endpointId }: { endpointId: string }) {
  const t = useTranslations("outboundWebhooks.endpoint.test");
  const queryClient = useQueryClient();
  const { execute, isPending } = useAction(sendWebhookTestEventAction, {
    onSuccess: () => {
      toast.success(t("sent"));
      void queryClient.invalidateQueries({ queryKey: queryKeys.outboundWebhooks.endpointDeliveries(endpointId) });
    },
    onError: ({ error }) => toast.error(actionMessage(error, t("notSent"))),
  });
  return (
    <Button type="button" size="sm" disabled={isPending} onClick={() => execute({ id: endpointId })}>
      {isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <SendIcon className="rtl:-scale-x-100" aria-hidden="true" />}
      {t("button")}
    </Button>
  );
}

/** Turns sending off (reversible, so without asking) or on again. */
function EnabledToggle({ endpoint }: { endpoint: EndpointView }) {
  const t = useTranslations("outboundWebhooks.endpoint.actions");
  const router = useRouter();
  const { execute, isPending } = useAction(updateWebhookEndpointAction, {
    onSuccess: ({ data }) => {
      toast.success(data?.enabled ? t("enabled") : t("disabled"));
      router.refresh();
    },
    onError: ({ error }) => toast.error(actionMessage(error, t("notChanged"))),
  });
  const Icon = isPending ? Loader2Icon : endpoint.enabled ? PowerOffIcon : PowerIcon;
  return (
    <Button type="button" size="sm" variant="outline" disabled={isPending} onClick={() => execute({ id: endpoint.id, enabled: !endpoint.enabled })}>
      <Icon className={isPending ? "animate-spin" : undefined} aria-hidden="true" />
      {endpoint.enabled ? t("disable") : t("enable")}
    </Button>
  );
}

/** Asks first (explaining the 24-hour overlap), then shows the new secret once. */
function RotateSecret({ endpoint }: { endpoint: EndpointView }) {
  const t = useTranslations("outboundWebhooks.endpoint.rotate");
  const secretWords = useTranslations("outboundWebhooks.endpoint.secret");
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const { execute, result, isPending, reset } = useAction(rotateWebhookSecretAction, {
    onSuccess: () => {
      setConfirming(false);
      router.refresh();
    },
  });
  const rotated = result.data;
  return (
    <>
      <ConfirmDialog
        open={confirming}
        onOpenChange={(open) => {
          setConfirming(open);
          if (!open && !rotated) reset();
        }}
        trigger={
          <Button type="button" size="sm" variant="outline">
            <KeyRoundIcon aria-hidden="true" />
            {t("button")}
          </Button>
        }
        title={t("title")}
        description={<p>{t("description")}</p>}
        confirmLabel={t("confirm")}
        pendingLabel={t("pending")}
        pending={isPending}
        error={actionMessage(result)}
        onConfirm={() => execute({ id: endpoint.id })}
      />
      <Dialog
        open={rotated !== undefined}
        onOpenChange={(open) => {
          // Closing forgets the secret: it is never shown again.
          if (!open) reset();
        }}
      >
        <DialogContent className="sm:max-w-lg">
          <DialogHeader>
            <DialogTitle>{t("doneTitle")}</DialogTitle>
            <DialogDescription>
              {t.rich("doneDescription", { time: () => (rotated ? <RelativeTime iso={rotated.previousSecretExpiresAt} /> : null) })}
            </DialogDescription>
          </DialogHeader>
          {rotated ? <SigningSecret secret={rotated.secret} /> : null}
          <DialogFooter>
            <Button type="button" onClick={() => reset()}>
              {secretWords("done")}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}

/** Asks first, naming the URL; back to the webhooks page once it is gone. */
function DeleteEndpoint({ endpoint }: { endpoint: EndpointView }) {
  const t = useTranslations("outboundWebhooks.endpoint.delete");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { execute, result, isPending, reset } = useAction(deleteWebhookEndpointAction, {
    onSuccess: () => {
      setOpen(false);
      toast.success(t("done"));
      router.push(TO_YOUR_SYSTEMS_HREF);
    },
  });
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
      trigger={
        <Button type="button" size="sm" variant="outline" className="text-destructive hover:text-destructive">
          <Trash2Icon aria-hidden="true" />
          {t("button")}
        </Button>
      }
      title={t("title")}
      description={<p>{t.rich("description", { url: () => <Url url={endpoint.url} /> })}</p>}
      confirmLabel={t("confirm")}
      pendingLabel={t("pending")}
      destructive
      pending={isPending}
      error={actionMessage(result)}
      onConfirm={() => execute({ id: endpoint.id })}
    />
  );
}

/**
 * The top of an endpoint's page: its URL, state, events and secret, and what an admin can do with
 * it (send a test event, edit, disable or enable, rotate the secret, delete).
 */
export function EndpointHeader({ endpoint }: { endpoint: EndpointView }) {
  const t = useTranslations("outboundWebhooks");
  const now = useNow({ updateInterval: 60_000 });
  return (
    <div className="grid gap-4">
      <Link
        href={TO_YOUR_SYSTEMS_HREF}
        className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground underline-offset-4 outline-none hover:text-foreground hover:underline focus-visible:rounded-sm focus-visible:ring-2 focus-visible:ring-ring"
      >
        <ArrowLeftIcon className="size-4 rtl:-scale-x-100" aria-hidden="true" />
        {t("endpoint.back")}
      </Link>
      <div className="flex flex-col gap-4 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0 space-y-2">
          <h1 className="text-lg font-semibold tracking-tight">
            <Url url={endpoint.url} />
          </h1>
          {endpoint.description ? (
            <p dir="auto" className="text-sm text-muted-foreground">
              {endpoint.description}
            </p>
          ) : null}
          <EndpointStateBadges endpoint={endpoint} />
          <p className="text-xs text-muted-foreground">{t.rich("endpoint.addedAt", { time: () => <RelativeTime iso={endpoint.createdAt} /> })}</p>
        </div>
        <div role="group" aria-label={t("endpoint.actions.label")} className="flex shrink-0 flex-wrap items-center gap-2">
          <SendTestEventButton endpointId={endpoint.id} />
          <EditEndpointDialog
            endpoint={endpoint}
            trigger={
              <Button type="button" size="sm" variant="outline">
                <PencilIcon aria-hidden="true" />
                {t("endpoint.actions.edit")}
              </Button>
            }
          />
          <EnabledToggle endpoint={endpoint} />
          <RotateSecret endpoint={endpoint} />
          <DeleteEndpoint endpoint={endpoint} />
        </div>
      </div>
      <DisabledNotice endpoint={endpoint} reenable={false} />
      <dl className="grid gap-x-6 gap-y-3 rounded-xl border bg-card p-4 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-muted-foreground">{t("page.list.events")}</dt>
        <dd>
          <EventBadges events={endpoint.events} label={t("page.list.events")} />
        </dd>
        <dt className="text-muted-foreground">{t("endpoint.secret.label")}</dt>
        <dd className="grid gap-1">
          <code dir="ltr" className="w-fit font-mono text-xs">
            {endpoint.secretPreview}
          </code>
          {endpoint.previousSecretExpiresAt && Date.parse(endpoint.previousSecretExpiresAt) > now.getTime() ? (
            <span className="text-xs text-muted-foreground">
              {t.rich("endpoint.previousSecretUntil", { time: () => <RelativeTime iso={endpoint.previousSecretExpiresAt!} /> })}
            </span>
          ) : null}
        </dd>
      </dl>
    </div>
  );
}
