"use client";

import { PencilIcon, PlusIcon, TagsIcon } from "lucide-react";
import { useTranslations } from "next-intl";

import { CatalogueHeader, CatalogueStates, CatalogueTable, DeleteEntryButton, DialogButton } from "@/components/data/catalogue-list";
import { EmptyState } from "@/components/empty-state";
import { deleteTagAction } from "@/lib/actions/contacts";
import type { TagView } from "@/lib/contacts/views";
import { queryKeys } from "@/lib/query-keys";

import { useContactsErrorText, useTags } from "../api";
import { contactListHref } from "../list/url";
import { TagChip } from "./tag-chip";
import { TagFormDialog } from "./tag-form-dialog";

function TagActions({ tag }: { tag: TagView }) {
  const t = useTranslations("contacts.tags");
  return (
    <>
      <DialogButton variant="ghost" size="icon-sm" aria-label={t("edit", { name: tag.name })} dialog={(state) => <TagFormDialog tag={tag} {...state} />}>
        <PencilIcon aria-hidden="true" />
      </DialogButton>
      <DeleteEntryButton
        label={t("delete", { name: tag.name })}
        title={t("deleteTitle", { name: tag.name })}
        description={
          <>
            <p>{t("deleteLoses", { count: tag.contactCount })}</p>
            <p>{t("deleteKeeps")}</p>
          </>
        }
        confirmLabel={t("deleteConfirm")}
        pendingLabel={t("deleting")}
        deleted={t("toasts.deleted", { name: tag.name })}
        remove={() => deleteTagAction({ tagId: tag.id })}
        invalidates={queryKeys.contacts.all}
      />
    </>
  );
}

function CreateTagButton() {
  const t = useTranslations("contacts.tags");
  return (
    <DialogButton dialog={(state) => <TagFormDialog {...state} />}>
      <PlusIcon aria-hidden="true" />
      {t("create")}
    </DialogButton>
  );
}

/** The tags: colour, name, how many contacts carry each (a link to them); managers create, edit and delete. */
export function TagsManager({ canManage }: { canManage: boolean }) {
  const t = useTranslations("contacts.tags");
  const errorText = useContactsErrorText();
  const tags = useTags();
  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-4 px-6 py-6">
      <CatalogueHeader title={t("title")} description={canManage ? t("description") : t("descriptionReadOnly")} action={canManage ? <CreateTagButton /> : null} />
      <CatalogueStates
        list={tags}
        loadFailed={(error) => t("loadFailed", { error: errorText(error) })}
        empty={<EmptyState icon={TagsIcon} title={t("empty.title")} description={canManage ? t("empty.descriptionManager") : t("empty.description")} action={canManage ? <CreateTagButton /> : undefined} />}
      >
        {(entries) => (
          <CatalogueTable
            label={t("label")}
            entries={entries}
            columns={{ entry: t("columns.tag"), count: t("columns.contacts"), actions: t("columns.actions") }}
            countClassName="w-40 text-end"
            rowData={(tag) => ({ "data-tag-id": tag.id })}
            chip={(tag) => <TagChip tag={tag} className="text-sm" />}
            count={(tag) => ({
              href: contactListHref({ filter: { tags: { any: [tag.id] } }, sort: "last_message" }),
              label: t("seeContacts", { count: tag.contactCount, name: tag.name }),
              text: t("contactCount", { count: tag.contactCount }),
            })}
            actions={canManage ? (tag) => <TagActions tag={tag} /> : undefined}
          />
        )}
      </CatalogueStates>
    </div>
  );
}
