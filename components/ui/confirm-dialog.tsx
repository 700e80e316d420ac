"use client";

import { Loader2Icon } from "lucide-react";
import { useTranslations } from "next-intl";
import type * as React from "react";

import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";

/**
 * Asks before an action, saying what happens and what is kept. It never closes itself on confirm: the
 * caller closes it (`onOpenChange(false)`) once the action succeeded, or at once for a plain choice.
 * While `pending`, it cannot be dismissed and shows progress; `error` is the action's failure, shown inside.
 * Focus starts on Cancel and returns to what opened it (radix AlertDialog).
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  confirmLabel,
  pendingLabel,
  cancelLabel,
  destructive = false,
  pending = false,
  confirmDisabled = false,
  error,
  onConfirm,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The button that opens the dialog, when it has one of its own (focus returns to it). */
  trigger?: React.ReactNode;
  /** The dialog's accessible name: a question naming the thing it acts on. */
  title: React.ReactNode;
  /** What happens and what is kept; text or paragraphs. */
  description: React.ReactNode;
  confirmLabel: React.ReactNode;
  /** Replaces the confirm label while the action runs ("Deleting…"). */
  pendingLabel?: React.ReactNode;
  /** "Cancel" in the reader's language unless given. */
  cancelLabel?: React.ReactNode;
  /** For what cannot be undone: the confirm button in the destructive colour. */
  destructive?: boolean;
  /** The confirmed action is running. */
  pending?: boolean;
  /** The action cannot be confirmed yet (nothing chosen). */
  confirmDisabled?: boolean;
  /** Why the action failed; the dialog stays open so the person can try again or cancel. */
  error?: React.ReactNode;
  onConfirm: () => void;
}) {
  const t = useTranslations("common");
  return (
    <AlertDialog open={open} onOpenChange={(next) => (next || !pending ? onOpenChange(next) : undefined)}>
      {trigger ? <AlertDialogTrigger asChild>{trigger}</AlertDialogTrigger> : null}
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription asChild>
            <div className="space-y-3">{description}</div>
          </AlertDialogDescription>
        </AlertDialogHeader>
        <FormError message={error} />
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>{cancelLabel ?? t("cancel")}</AlertDialogCancel>
          {/* aria-disabled while pending, not disabled: focus stays on the button instead of falling to the page. */}
          <Button
            variant={destructive ? "destructive" : "default"}
            disabled={confirmDisabled}
            aria-disabled={pending || undefined}
            data-pending={pending || undefined}
            className="aria-disabled:cursor-progress aria-disabled:opacity-70"
            onClick={() => {
              if (!pending) onConfirm();
            }}
          >
            {pending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
            {pending && pendingLabel ? pendingLabel : confirmLabel}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
