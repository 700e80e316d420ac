"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useAction } from "next-safe-action/hooks";
import * as React from "react";
import { toast } from "sonner";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
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
  const { execute, result, isPending, reset } = useAction(deleteTemplateAction, {
    onSuccess: ({ data }) => {
      toast.success(`Deleted ${data.name} (${data.languages.join(", ")}).`);
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
      title={`Delete ${name}?`}
      description={
        <>
          This deletes <strong className="font-semibold text-foreground">{name}</strong> in{" "}
          {languages.length === 1 ? "its only language" : `all its ${languages.length} languages`}:{" "}
          <strong className="font-semibold text-foreground">{languages.join(", ")}</strong>. Messages already sent stay; the template can no
          longer be sent, and Meta keeps the name blocked for new templates for 30 days.
        </>
      }
      confirmLabel={`Delete ${name}`}
      destructive
      pending={isPending}
      confirmDisabled={!target}
      error={actionMessage(result)}
      onConfirm={() => target && execute({ wabaId: target.wabaId, name: target.name })}
    />
  );
}
