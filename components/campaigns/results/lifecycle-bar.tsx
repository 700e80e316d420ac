"use client";

import { useQueryClient } from "@tanstack/react-query";
import { PauseIcon, PlayIcon, RotateCwIcon, SendIcon, XCircleIcon } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toast";
import { actionMessage } from "@/lib/action-result";
import { cancelCampaignAction, pauseCampaignAction, resumeCampaignAction, retryFailedAction } from "@/lib/actions/campaigns";
import type { CampaignView } from "@/lib/campaigns/types";
import { queryKeys } from "@/lib/query-keys";

import { lifecycleControls } from "./summary";
import { campaignReviewHref } from "./url";

/** After a change, this campaign's queries and every list are read again (the live event does too; this is for the one who clicked). */
function useRefreshCampaign(campaignId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.campaigns.allOf(campaignId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.campaigns.lists() });
  };
}

function PauseButton({ campaign }: { campaign: CampaignView }) {
  const t = useTranslations("campaigns.results.lifecycle");
  const refresh = useRefreshCampaign(campaign.id);
  const { execute, isPending } = useAction(pauseCampaignAction, {
    onSuccess: () => {
      toast.success(t("paused"));
      refresh();
    },
    onError: ({ error }) => toast.error(actionMessage(error) ?? t("failed")),
  });
  return (
    <Button type="button" variant="outline" size="sm" disabled={isPending} onClick={() => execute({ campaignId: campaign.id })}>
      <PauseIcon aria-hidden="true" />
      {t("pause")}
    </Button>
  );
}

function ResumeButton({ campaign }: { campaign: CampaignView }) {
  const t = useTranslations("campaigns.results.lifecycle");
  const refresh = useRefreshCampaign(campaign.id);
  const { execute, isPending } = useAction(resumeCampaignAction, {
    onSuccess: () => {
      toast.success(t("resumed"));
      refresh();
    },
    onError: ({ error }) => toast.error(actionMessage(error) ?? t("failed")),
  });
  return (
    <Button type="button" size="sm" disabled={isPending} onClick={() => execute({ campaignId: campaign.id })}>
      <PlayIcon aria-hidden="true" />
      {t("resume")}
    </Button>
  );
}

function CancelButton({ campaign }: { campaign: CampaignView }) {
  const t = useTranslations("campaigns.results.lifecycle");
  const refresh = useRefreshCampaign(campaign.id);
  const [open, setOpen] = useState(false);
  const { execute, result, isPending, reset } = useAction(cancelCampaignAction, {
    onSuccess: () => {
      toast.success(t("cancelled"));
      setOpen(false);
      refresh();
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
        <Button type="button" variant="outline" size="sm">
          <XCircleIcon aria-hidden="true" />
          {t("cancel")}
        </Button>
      }
      title={<span dir="auto">{t("cancelTitle", { name: campaign.name })}</span>}
      description={<p>{t("cancelDescription", { count: campaign.counts.pending })}</p>}
      confirmLabel={t("cancelConfirm")}
      pendingLabel={t("cancelPending")}
      cancelLabel={t("keepSending")}
      destructive
      pending={isPending}
      error={actionMessage(result)}
      onConfirm={() => execute({ campaignId: campaign.id })}
    />
  );
}

function RetryButton({ campaign, count }: { campaign: CampaignView; count: number }) {
  const t = useTranslations("campaigns.results.lifecycle");
  const refresh = useRefreshCampaign(campaign.id);
  const { execute, isPending } = useAction(retryFailedAction, {
    onSuccess: ({ data }) => {
      toast.success(t("retried", { count: data?.retried ?? 0 }));
      refresh();
    },
    onError: ({ error }) => toast.error(actionMessage(error) ?? t("failed")),
  });
  return (
    <Button type="button" variant="outline" size="sm" disabled={isPending} onClick={() => execute({ campaignId: campaign.id })}>
      <RotateCwIcon aria-hidden="true" className={isPending ? "animate-spin" : undefined} />
      {t("retry", { count })}
    </Button>
  );
}

/**
 * The campaign's controls for its status: a draft goes to the builder's review step to be started or
 * scheduled; a run is paused, resumed or cancelled (after a confirmation); safe failures are retried.
 * Nothing for those who only look at results.
 */
export function LifecycleBar({ campaign, canManage, retrySafeFailures }: { campaign: CampaignView; canManage: boolean; retrySafeFailures: number }) {
  const t = useTranslations("campaigns.results.lifecycle");
  const controls = lifecycleControls(campaign.status, { canManage: canManage && campaign.can.manage, retrySafeFailures });
  if (controls.length === 0) return null;
  return (
    <div role="group" aria-label={t("label")} className="flex flex-wrap items-center gap-2">
      {controls.map((control) => {
        switch (control) {
          case "review":
            return (
              <Button key={control} asChild size="sm">
                <Link href={campaignReviewHref(campaign.id)}>
                  <SendIcon aria-hidden="true" className="rtl:-scale-x-100" />
                  {t("review")}
                </Link>
              </Button>
            );
          case "pause":
            return <PauseButton key={control} campaign={campaign} />;
          case "resume":
            return <ResumeButton key={control} campaign={campaign} />;
          case "cancel":
            return <CancelButton key={control} campaign={campaign} />;
          case "retry":
            return <RetryButton key={control} campaign={campaign} count={retrySafeFailures} />;
        }
      })}
    </div>
  );
}
