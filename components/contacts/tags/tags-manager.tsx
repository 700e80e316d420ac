"use client";

import { useQueryClient } from "@tanstack/react-query";
import { PencilIcon, PlusIcon, TagsIcon, Trash2Icon } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import * as React from "react";
import { toast } from "sonner";

import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormError } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { actionMessage } from "@/lib/action-result";
import { deleteTagAction } from "@/lib/actions/contacts";
import type { TagView } from "@/lib/contacts/views";
import { queryKeys } from "@/lib/query-keys";

import { useContactsErrorText, useTags } from "../api";
import { contactListHref } from "../list/url";
import { TagChip } from "./tag-chip";
import { TagFormDialog } from "./tag-form-dialog";

function DeleteTagButton({ tag }: { tag: TagView }) {
  const t = useTranslations("contacts.tags");
  const queryClient = useQueryClient();
  const [open, setOpen] = React.useState(false);
  const { execute, isPending, result, reset } = useAction(deleteTagAction, {
    onSuccess: () => {
      toast.success(t("toasts.deleted", { name: tag.name }));
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: queryKeys.contacts.all });
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
        <Button type="button" variant="ghost" size="icon-sm" aria-label={t("delete", { name: tag.name })}>
          <Trash2Icon aria-hidden="true" />
        </Button>
      }
      title={t("deleteTitle", { name: tag.name })}
      description={
        <>
          <p>{t("deleteLoses", { count: tag.contactCount })}</p>
          <p>{t("deleteKeeps")}</p>
        </>
      }
      confirmLabel={t("deleteConfirm")}
      pendingLabel={t("deleting")}
      destructive
      pending={isPending}
      error={actionMessage(result)}
      onConfirm={() => execute({ tagId: tag.id })}
    />
  );
}

function EditTagButton({ tag }: { tag: TagView }) {
  const t = useTranslations("contacts.tags");
  const [open, setOpen] = React.useState(false);
  return (
    <>
      <Button type="button" variant="ghost" size="icon-sm" aria-label={t("edit", { name: tag.name })} onClick={() => setOpen(true)}>
        <PencilIcon aria-hidden="true" />
      </Button>
      {/* Mounted while open, so each opening starts from the tag as it is now. */}
      {open ? <TagFormDialog tag={tag} open={open} onOpenChange={setOpen} /> : null}
    </>
  );
}

function CreateTagButton() {
  const t = useTranslations("contacts.tags");
  const [open, setOpen] = React.useState(false);
  return (
    <>
      <Button type="button" onClick={() => setOpen(true)}>
        <PlusIcon aria-hidden="true" />
        {t("create")}
      </Button>
      {open ? <TagFormDialog open={open} onOpenChange={setOpen} /> : null}
    </>
  );
}

/** The tags: colour, name, how many contacts carry each (a link to them); managers create, edit and delete. */
export function TagsManager({ canManage }: { canManage: boolean }) {
  const t = useTranslations("contacts.tags");
  const errorText = useContactsErrorText();
  const tags = useTags();
  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-4 px-6 py-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h2 className="text-lg font-semibold tracking-tight">{t("title")}</h2>
          <p className="text-sm text-muted-foreground">{canManage ? t("description") : t("descriptionReadOnly")}</p>
        </div>
        {canManage ? <CreateTagButton /> : null}
      </div>
      {tags.isError ? <FormError message={t("loadFailed", { error: errorText(tags.error) })} /> : null}
      {tags.isPending ? (
        <div className="grid gap-2" aria-busy="true">
          {Array.from({ length: 4 }, (_, index) => (
            <Skeleton key={index} className="h-10 w-full" />
          ))}
        </div>
      ) : tags.data && tags.data.length === 0 ? (
        <EmptyState icon={TagsIcon} title={t("empty.title")} description={canManage ? t("empty.descriptionManager") : t("empty.description")} action={canManage ? <CreateTagButton /> : undefined} />
      ) : tags.data ? (
        <div className="rounded-md border">
          <Table aria-label={t("label")}>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>{t("columns.tag")}</TableHead>
                <TableHead className="w-40 text-end">{t("columns.contacts")}</TableHead>
                {canManage ? (
                  <TableHead className="w-28 text-end">
                    <span className="sr-only">{t("columns.actions")}</span>
                  </TableHead>
                ) : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {tags.data.map((tag) => (
                <TableRow key={tag.id} data-tag-id={tag.id}>
                  <TableCell>
                    <TagChip tag={tag} className="text-sm" />
                  </TableCell>
                  <TableCell className="text-end">
                    <Link
                      href={contactListHref({ filter: { tags: { any: [tag.id] } }, sort: "last_message" })}
                      className="text-primary tabular-nums underline-offset-4 hover:underline"
                      aria-label={t("seeContacts", { count: tag.contactCount, name: tag.name })}
                    >
                      {t("contactCount", { count: tag.contactCount })}
                    </Link>
                  </TableCell>
                  {canManage ? (
                    <TableCell className="text-end">
                      <EditTagButton tag={tag} />
                      <DeleteTagButton tag={tag} />
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </div>
  );
}
