"use client";

import { PencilIcon, PlusIcon, TagIcon } from "lucide-react";
import { useTranslations } from "next-intl";

import { CatalogueStates, CatalogueTable, DeleteEntryButton, DialogButton } from "@/components/data/catalogue-list";
import { EmptyState } from "@/components/empty-state";
import { deleteLabelAction } from "@/lib/actions/conversation-labels";
import type { ConversationLabelView } from "@/lib/inbox/label-views";
import { queryKeys } from "@/lib/query-keys";

import { useConversationLabels } from "./api";
import { LabelChip } from "./label-chip";
import { LabelFormDialog } from "./label-form-dialog";

function LabelActions({ label }: { label: ConversationLabelView }) {
  const t = useTranslations("labels.settings");
  const toasts = useTranslations("labels.toasts");
  return (
    <>
      <DialogButton variant="ghost" size="icon-sm" aria-label={t("edit", { name: label.name })} dialog={(state) => <LabelFormDialog label={label} {...state} />}>
        <PencilIcon aria-hidden="true" />
      </DialogButton>
      <DeleteEntryButton
        label={t("delete", { name: label.name })}
        title={t("deleteTitle", { name: label.name })}
        description={<p>{t("deleteLoses", { count: label.conversationCount })}</p>}
        confirmLabel={t("deleteConfirm")}
        pendingLabel={t("deleting")}
        deleted={toasts("deleted", { name: label.name })}
        remove={() => deleteLabelAction({ labelId: label.id })}
        invalidates={queryKeys.inbox.labels()}
      />
    </>
  );
}

function CreateLabelButton() {
  const t = useTranslations("labels.settings");
  return (
    <DialogButton dialog={(state) => <LabelFormDialog {...state} />}>
      <PlusIcon aria-hidden="true" />
      {t("create")}
    </DialogButton>
  );
}

/** The labels' table: the chip, how many conversations carry each (a link to them in the inbox), edit and delete. */
export function LabelsManager() {
  const t = useTranslations("labels.settings");
  const labels = useConversationLabels();
  return (
    <div className="flex flex-col gap-4">
      <div className="flex justify-end">
        <CreateLabelButton />
      </div>
      <CatalogueStates
        list={labels}
        loadFailed={() => t("loadFailed")}
        empty={<EmptyState icon={TagIcon} title={t("empty.title")} description={t("empty.description")} action={<CreateLabelButton />} />}
      >
        {(entries) => (
          <CatalogueTable
            label={t("table")}
            entries={entries}
            columns={{ entry: t("columns.label"), count: t("columns.conversations"), actions: t("columns.actions") }}
            countClassName="w-44 text-end"
            rowData={(label) => ({ "data-label-id": label.id })}
            chip={(label) => <LabelChip label={label} className="text-sm" />}
            count={(label) => ({
              href: `/inbox?status=all&label=${label.id}`,
              label: t("seeConversations", { count: label.conversationCount, name: label.name }),
              text: t("conversationCount", { count: label.conversationCount }),
            })}
            actions={(label) => <LabelActions label={label} />}
          />
        )}
      </CatalogueStates>
    </div>
  );
}
