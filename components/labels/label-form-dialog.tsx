"use client";

import { useTranslations } from "next-intl";

import { CatalogueFormDialog } from "@/components/data/catalogue-form";
import { createLabelAction, updateLabelAction } from "@/lib/actions/conversation-labels";
import { LABEL_LIMITS, type ConversationLabelView } from "@/lib/inbox/label-views";
import { queryKeys } from "@/lib/query-keys";

import { LabelChip } from "./label-chip";

/** Creates a label, or renames and recolours one: a name, a colour, a preview of the chip; refusals at the field. */
export function LabelFormDialog({ label, open, onOpenChange }: { label?: ConversationLabelView; open: boolean; onOpenChange: (open: boolean) => void }) {
  const messages = useTranslations("labels.form");
  const toastMessages = useTranslations("labels.toasts");
  return (
    <CatalogueFormDialog
      entry={label ? { name: label.name, colour: label.color } : undefined}
      defaultColour="blue"
      nameMax={LABEL_LIMITS.name}
      messages={messages}
      toastMessages={toastMessages}
      preview={(draft) => <LabelChip label={{ name: draft.name, color: draft.colour }} className="text-xs" />}
      save={({ name, colour }) => (label ? updateLabelAction({ labelId: label.id, name, color: colour }) : createLabelAction({ name, color: colour }))}
      invalidates={queryKeys.inbox.labels()}
      open={open}
      onOpenChange={onOpenChange}
    />
  );
}
