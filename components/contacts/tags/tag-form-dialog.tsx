"use client";

import { useTranslations } from "next-intl";

import { CatalogueFormDialog } from "@/components/data/catalogue-form";
import { createTagAction, updateTagAction } from "@/lib/actions/contacts";
import { CONTACT_LIMITS, type TagView } from "@/lib/contacts/views";
import { queryKeys } from "@/lib/query-keys";

import { TagChip } from "./tag-chip";

/**
 * Creates a tag, or renames and recolours one (`tag`): a name and a colour, with a preview of the chip.
 * The server's refusals (a name taken, too long) show at the field.
 */
export function TagFormDialog({ tag, open, onOpenChange }: { tag?: TagView; open: boolean; onOpenChange: (open: boolean) => void }) {
  const messages = useTranslations("contacts.tags.form");
  const toastMessages = useTranslations("contacts.tags.toasts");
  return (
    <CatalogueFormDialog
      entry={tag}
      defaultColour="gray"
      nameMax={CONTACT_LIMITS.tagName}
      messages={messages}
      toastMessages={toastMessages}
      preview={(draft) => <TagChip tag={draft} />}
      save={({ name, colour }) => (tag ? updateTagAction({ tagId: tag.id, name, colour }) : createTagAction({ name, colour }))}
      // A renamed or recoloured tag shows on every contact carrying it.
      invalidates={queryKeys.contacts.all}
      open={open}
      onOpenChange={onOpenChange}
    />
  );
}
