"use client";

import { Loader2Icon, PlusIcon, SearchIcon, XIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";

import { TagChip, TagSwatch } from "@/components/contacts/tags/tag-chip";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { toast } from "@/components/ui/toast";
import { runAction } from "@/lib/action-result";
import { createTagAction, setContactTagsAction } from "@/lib/actions/contacts";
import type { TagChip as TagChipView, TagView } from "@/lib/contacts/views";

import { useContactCache, useContactFetchErrorText, useContactTags } from "../record-api";

/** How many matches the "Add tag" search lists at once (the search narrows the rest). */
const SHOWN_MATCHES = 50;

/** The tags that may be added: not on the contact yet, matching the search anywhere in the name, whatever the case. */
export function addableTags(all: readonly TagView[], current: readonly Pick<TagChipView, "id">[], search: string): TagView[] {
  const onContact = new Set(current.map((tag) => tag.id));
  const needle = search.trim().toLocaleLowerCase();
  return all.filter((tag) => !onContact.has(tag.id) && (needle === "" || tag.name.toLocaleLowerCase().includes(needle)));
}

/** Whether the search names a tag that does not exist yet (so a manager may create it). */
export function isNewTagName(all: readonly Pick<TagView, "name">[], search: string): boolean {
  const name = search.trim().toLocaleLowerCase();
  return name !== "" && !all.some((tag) => tag.name.toLocaleLowerCase() === name);
}

/**
 * A contact's tags as chips; those who may edit remove them (the chip's ×) and add existing ones from
 * a searchable list; managers may also create a tag there by typing a new name.
 */
export function ContactTags({
  contactId,
  contactName,
  tags,
  canEdit,
  canManage,
}: {
  contactId: string;
  contactName: string;
  tags: TagChipView[];
  canEdit: boolean;
  canManage: boolean;
}) {
  const t = useTranslations("contacts.record.tags");
  const cache = useContactCache(contactId);
  const [removing, setRemoving] = useState<string | null>(null);

  const remove = async (tag: TagChipView) => {
    setRemoving(tag.id);
    const reading = await runAction(setContactTagsAction({ contactId, remove: [tag.id] }));
    setRemoving(null);
    if (!reading.ok) {
      toast.error(reading.message);
      return;
    }
    cache.patch((detail) => ({ ...detail, tags: reading.data }));
    cache.refreshTags();
  };

  return (
    <div className="flex flex-wrap items-center gap-1.5">
      {tags.length === 0 ? <span className="text-sm text-muted-foreground">{t("none")}</span> : null}
      <ul aria-label={t("label", { name: contactName })} className="contents">
        {tags.map((tag) => (
          <li key={tag.id} className="contents">
            <TagChip
              tag={tag}
              action={
                canEdit ? (
                  <button
                    type="button"
                    aria-label={t("remove", { tag: tag.name })}
                    disabled={removing === tag.id}
                    onClick={() => void remove(tag)}
                    className="-me-1 rounded-full p-0.5 opacity-70 outline-none hover:opacity-100 focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-40"
                  >
                    {removing === tag.id ? <Loader2Icon className="size-3 animate-spin" aria-hidden="true" /> : <XIcon className="size-3" aria-hidden="true" />}
                  </button>
                ) : undefined
              }
            />
          </li>
        ))}
      </ul>
      {canEdit ? <AddTagPopover contactId={contactId} current={tags} canCreate={canManage} /> : null}
    </div>
  );
}

function AddTagPopover({ contactId, current, canCreate }: { contactId: string; current: TagChipView[]; canCreate: boolean }) {
  const t = useTranslations("contacts.record.tags");
  const cache = useContactCache(contactId);
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const tags = useContactTags(open);
  const errorText = useContactFetchErrorText();
  const listId = useId();

  const all = tags.data ?? [];
  const matches = addableTags(all, current, search);
  const creatable = canCreate && isNewTagName(all, search) && tags.isSuccess;

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    setSearch("");
    setError(undefined);
  };
  const add = async (tagId: string) => {
    const reading = await runAction(setContactTagsAction({ contactId, add: [tagId] }));
    if (!reading.ok) {
      setError(reading.message);
      return false;
    }
    cache.patch((detail) => ({ ...detail, tags: reading.data }));
    cache.refreshTags();
    return true;
  };
  const choose = async (tagId: string) => {
    if (pending) return;
    setPending(true);
    setError(undefined);
    const added = await add(tagId);
    setPending(false);
    if (added) onOpenChange(false);
  };
  const create = async () => {
    if (pending) return;
    setPending(true);
    setError(undefined);
    const created = await runAction(createTagAction({ name: search.trim(), colour: "gray" }));
    if (!created.ok) {
      setPending(false);
      setError(created.fieldErrors.name ?? created.message);
      return;
    }
    const added = await add(created.data.id);
    setPending(false);
    if (added) onOpenChange(false);
  };

  return (
    <Popover open={open} onOpenChange={onOpenChange}>
      <PopoverTrigger asChild>
        <Button variant="outline" size="sm" className="h-6 gap-1 rounded-full px-2 text-xs">
          <PlusIcon className="size-3" aria-hidden="true" />
          {t("add")}
        </Button>
      </PopoverTrigger>
      <PopoverContent align="start" className="w-64 p-2">
        <form
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            // Enter takes the first match, else creates the tag typed.
            if (matches[0]) void choose(matches[0].id);
            else if (creatable) void create();
          }}
        >
          <div className="relative">
            <SearchIcon className="pointer-events-none absolute start-2 top-1/2 size-3.5 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
            <Input
              type="search"
              autoFocus
              dir="auto"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              aria-label={t("search")}
              aria-controls={listId}
              placeholder={canCreate ? t("searchOrCreate") : t("search")}
              className="h-8 ps-7 text-sm"
            />
          </div>
        </form>
        <FormError message={error} className="mt-2" />
        <div className="mt-2">
          {tags.isPending ? (
            <p className="flex items-center gap-2 px-1 py-1.5 text-sm text-muted-foreground">
              <Loader2Icon className="size-4 animate-spin" aria-hidden="true" />
              {t("loading")}
            </p>
          ) : tags.isError ? (
            <p className="px-1 py-1.5 text-sm text-destructive">{errorText(tags.error)}</p>
          ) : (
            <ul id={listId} aria-label={t("choices")} className="max-h-60 space-y-0.5 overflow-y-auto">
              {matches.slice(0, SHOWN_MATCHES).map((tag) => (
                <li key={tag.id}>
                  <button
                    type="button"
                    disabled={pending}
                    onClick={() => void choose(tag.id)}
                    className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-start text-sm outline-none hover:bg-accent focus-visible:bg-accent focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-60"
                  >
                    <TagSwatch colour={tag.colour} />
                    <span dir="auto" className="min-w-0 flex-1 truncate">
                      {tag.name}
                    </span>
                  </button>
                </li>
              ))}
              {creatable ? (
                <li>
                  <button
                    type="button"
                    disabled={pending}
                    onClick={() => void create()}
                    className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-start text-sm outline-none hover:bg-accent focus-visible:bg-accent focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-60"
                  >
                    <PlusIcon className="size-3.5 shrink-0" aria-hidden="true" />
                    <span className="min-w-0 flex-1 truncate">{t.rich("create", { name: search.trim(), bdi: (chunks) => <bdi>{chunks}</bdi> })}</span>
                  </button>
                </li>
              ) : null}
              {matches.length === 0 && !creatable ? (
                <li className="px-2 py-1.5 text-sm text-muted-foreground">{all.length === 0 ? t("noTags") : t("noMatch")}</li>
              ) : null}
            </ul>
          )}
        </div>
      </PopoverContent>
    </Popover>
  );
}
