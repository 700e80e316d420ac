"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import * as React from "react";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toast";
import { actionMessage } from "@/lib/action-result";
import { deleteTemplateAction } from "@/lib/actions/templates";
import { queryKeys } from "@/lib/query-keys";

/** Confirms a delete by name: Meta removes every language of it. */
export function DeleteTemplateDialog({
  target,
  onOpenChange,
  onDeleted,
}: {
  target: { wabaId: string; name: string; languages: string[] } | null;
  onOpenChange: (open: boolean) => void;
  onDeleted?: () => void;
}) {
  const queryClient = useQueryClient();
  const t = useTranslations("templates.delete");
  const { execute, result, isPending, reset } = useAction(deleteTemplateAction, {
    onSuccess: ({ data }) => {
      toast.success(t("deleted", { name: data.name, languages: data.languages.join(", ") }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.templates.all });
      onOpenChange(false);
      onDeleted?.();
    },
  });
  // The last template asked about stays named while the dialog fades out after `target` went back to null.
  const [shown, setShown] = React.useState(target);
  if (target !== null && target !== shown) setShown(target);
  const name = shown?.name ?? "";
  const languages = shown?.languages ?? [];
  return (
    <ConfirmDialog
      open={target !== null}
      onOpenChange={(open) => {
        if (!open) reset();
        onOpenChange(open);
      }}
      title={t("title", { name })}
      description={t.rich("description", {
        name,
        count: languages.length,
        languages: languages.join(", "),
        strong: (chunks) => <strong className="font-semibold text-foreground">{chunks}</strong>,
      })}
      confirmLabel={t("confirm", { name })}
      destructive
      pending={isPending}
      confirmDisabled={!target}
      error={actionMessage(result)}
      onConfirm={() => target && execute({ wabaId: target.wabaId, name: target.name })}
    />
  );
}
