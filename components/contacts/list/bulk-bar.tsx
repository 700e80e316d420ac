"use client";

import { useQueryClient } from "@tanstack/react-query";
import { DownloadIcon, Loader2Icon, TagIcon, TagsIcon, Trash2Icon, XIcon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import * as React from "react";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toast";
import { actionMessage } from "@/lib/action-result";
import { bulkDeleteContactsAction, bulkTagContactsAction } from "@/lib/actions/contacts";
import { CONTACT_LIMITS } from "@/lib/contacts/views";
import { queryKeys } from "@/lib/query-keys";

import { CONTACT_EXPORT_PATH, contactExportUrl, useTags } from "../api";
import { TagChip } from "../tags/tag-chip";
import { CheckboxPopover } from "./checkbox-popover";
import { contactSelectionOf, selectedCount, type ListSelection } from "./selection";
import type { ContactListView } from "./url";

/** The most contacts one bulk deletion takes (the service's limit). */
export const BULK_DELETE_MAX = CONTACT_LIMITS.bulkIds;

/** "Tag…" or "Remove tag…": pick tags in a popover, then apply them to the selection. */
function BulkTagButton({ mode, selection, view, count, onDone }: { mode: "add" | "remove"; selection: ListSelection; view: ContactListView; count: number; onDone: () => void }) {
  const t = useTranslations("contacts.bulk");
  const tags = useTags();
  const queryClient = useQueryClient();
  const [open, setOpen] = React.useState(false);
  const [chosen, setChosen] = React.useState<string[]>([]);
  const { execute, isPending } = useAction(bulkTagContactsAction, {
    onSuccess: ({ data }) => {
      toast.success(mode === "add" ? t("tagged", { count: data?.affected ?? 0 }) : t("untagged", { count: data?.affected ?? 0 }));
      setOpen(false);
      setChosen([]);
      void queryClient.invalidateQueries({ queryKey: queryKeys.contacts.all });
      onDone();
    },
    onError: ({ error }) => toast.error(actionMessage(error, t("notDone"))),
  });
  const label = mode === "add" ? t("tag") : t("untag");
  return (
    <CheckboxPopover
      label={label}
      buttonText={
        <>
          {mode === "add" ? <TagIcon aria-hidden="true" /> : <TagsIcon aria-hidden="true" />}
          {label}
        </>
      }
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setChosen([]);
      }}
      options={(tags.data ?? []).map((tag) => ({ value: tag.id, text: tag.name, label: <TagChip tag={tag} /> }))}
      selected={chosen}
      onChange={setChosen}
      emptyText={t("noTags")}
      footer={
        <Button
          type="button"
          size="sm"
          disabled={chosen.length === 0 || isPending}
          onClick={() => execute({ selection: contactSelectionOf(selection, view), tagIds: chosen, mode })}
        >
          {isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
          {mode === "add" ? t("applyTag", { count }) : t("applyUntag", { count })}
        </Button>
      }
    />
  );
}

/** Deletes the ticked contacts (up to {@link BULK_DELETE_MAX}) after saying what goes and what stays. */
function BulkDeleteButton({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const t = useTranslations("contacts.bulk");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const [open, setOpen] = React.useState(false);
  const { execute, isPending, result, reset } = useAction(bulkDeleteContactsAction, {
    onSuccess: ({ data }) => {
      toast.success(t("deleted", { count: data?.deleted ?? 0 }));
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: queryKeys.contacts.all });
      onDone();
    },
  });
  const tooMany = ids.length > BULK_DELETE_MAX;
  return (
    <>
      <ConfirmDialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) reset();
        }}
        trigger={
          <Button type="button" variant="outline" size="sm" disabled={tooMany} className="text-destructive hover:text-destructive">
            <Trash2Icon aria-hidden="true" />
            {t("delete")}
          </Button>
        }
        title={t("deleteTitle", { count: ids.length })}
        description={
          <>
            <p>{t("deleteRemoves")}</p>
            <p>{t("deleteKeeps")}</p>
            <p className="font-medium text-foreground">{t("deleteFinal")}</p>
          </>
        }
        confirmLabel={t("deleteConfirm", { count: ids.length })}
        pendingLabel={t("deleting")}
        destructive
        pending={isPending}
        error={actionMessage(result)}
        onConfirm={() => execute({ ids })}
      />
      {tooMany ? <span className="text-xs text-muted-foreground">{t("deleteLimit", { max: format.number(BULK_DELETE_MAX) })}</span> : null}
    </>
  );
}

/** What can be done to the ticked contacts: tag, untag, export, delete; shown to those who manage contacts. */
export function BulkBar({ selection, view, total, onClear }: { selection: ListSelection; view: ContactListView; total: number; onClear: () => void }) {
  const t = useTranslations("contacts.bulk");
  const count = selectedCount(selection, total);
  if (count === 0) return null;
  const ids = selection.mode === "ids" ? [...selection.ids] : null;
  return (
    <div role="region" aria-label={t("label")} className="flex flex-wrap items-center gap-2 rounded-md border border-primary/30 bg-primary/5 px-3 py-1.5">
      <span className="text-sm font-medium">{t("selected", { count })}</span>
      <BulkTagButton mode="add" selection={selection} view={view} count={count} onDone={onClear} />
      <BulkTagButton mode="remove" selection={selection} view={view} count={count} onDone={onClear} />
      {ids ? (
        // Ticked contacts go by a form: a thousand ids do not fit in a link's address.
        <form method="post" action={CONTACT_EXPORT_PATH}>
          <input type="hidden" name="ids" value={ids.join(",")} />
          <Button type="submit" variant="outline" size="sm">
            <DownloadIcon aria-hidden="true" />
            {t("export")}
          </Button>
        </form>
      ) : (
        <Button asChild variant="outline" size="sm">
          <a href={contactExportUrl(view.segmentId ? { filter: view.filter, segmentId: view.segmentId } : { filter: view.filter })} download>
            <DownloadIcon aria-hidden="true" />
            {t("export")}
          </a>
        </Button>
      )}
      {ids ? <BulkDeleteButton ids={ids} onDone={onClear} /> : <span className="text-xs text-muted-foreground">{t("deleteTicked")}</span>}
      <Button type="button" variant="ghost" size="sm" className="ms-auto" onClick={onClear}>
        <XIcon aria-hidden="true" />
        {t("clearSelection")}
      </Button>
    </div>
  );
}

