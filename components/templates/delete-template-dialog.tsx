"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Loader2Icon } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import { toast } from "sonner";

import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
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
  const languages = target?.languages ?? [];
  return (
    <AlertDialog
      open={target !== null}
      onOpenChange={(open) => {
        if (!open) reset();
        onOpenChange(open);
      }}
    >
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Delete {target?.name}?</AlertDialogTitle>
          <AlertDialogDescription>
            This deletes <strong className="font-semibold text-foreground">{target?.name}</strong> in{" "}
            {languages.length === 1 ? "its only language" : `all its ${languages.length} languages`}:{" "}
            <strong className="font-semibold text-foreground">{languages.join(", ")}</strong>. Messages already sent stay; the template can no
            longer be sent, and Meta keeps the name blocked for new templates for 30 days.
          </AlertDialogDescription>
        </AlertDialogHeader>
        {result.serverError ? (
          <p role="alert" className="text-sm text-destructive">
            {result.serverError.message}
          </p>
        ) : null}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={isPending}>Cancel</AlertDialogCancel>
          <Button variant="destructive" disabled={isPending || !target} onClick={() => target && execute({ wabaId: target.wabaId, name: target.name })}>
            {isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
            Delete {target?.name}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
