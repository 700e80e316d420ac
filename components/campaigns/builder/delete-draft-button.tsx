"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Trash2Icon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toast";
import { actionMessage } from "@/lib/action-result";
import { deleteCampaignAction } from "@/lib/actions/campaigns";
import { queryKeys } from "@/lib/query-keys";

/**
 * Deletes the draft after asking (nothing else goes with it), then leaves for the campaigns list
 * with a toast; a refusal (it started meanwhile, or is gone) stays in the dialog.
 */
export function DeleteDraftButton({ campaignId, name, disabled }: { campaignId: string; name: string; disabled?: boolean }) {
  const t = useTranslations("campaigns.builder.delete");
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const { execute, isPending, result, reset } = useAction(deleteCampaignAction, {
    onSuccess: () => {
      toast.success(t("deleted", { name }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.campaigns.lists() });
      router.push("/campaigns");
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
        <Button type="button" variant="outline" disabled={disabled} className="text-destructive hover:text-destructive">
          <Trash2Icon aria-hidden="true" />
          {t("button")}
        </Button>
      }
      title={t("title", { name })}
      description={<p>{t("description")}</p>}
      confirmLabel={t("confirm")}
      pendingLabel={t("deleting")}
      destructive
      pending={isPending}
      error={actionMessage(result)}
      onConfirm={() => execute({ campaignId })}
    />
  );
}
