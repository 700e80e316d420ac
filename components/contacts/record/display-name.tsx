"use client";

import { PencilIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";

import { Button } from "@/components/ui/button";
import { Field, FieldControl } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { runAction } from "@/lib/action-result";
import { updateContactAction } from "@/lib/actions/contacts";
import { CONTACT_LIMITS } from "@/lib/contacts/views";
import type { ContactDetail } from "@/lib/contacts/views";

import { useContactCache } from "../record-api";
import { EditActions } from "./edit-actions";

/**
 * "Edit name": the team's own name for the customer, in place. Empty goes back to the WhatsApp name.
 * Enter saves, Escape gives up.
 */
export function DisplayNameEditor({ contact }: { contact: Pick<ContactDetail, "id" | "displayName" | "profileName"> }) {
  const t = useTranslations("contacts.record.name");
  const cache = useContactCache(contact.id);
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const start = () => {
    setDraft(contact.displayName ?? "");
    setError(undefined);
    setEditing(true);
  };
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const displayName = draft.trim() === "" ? null : draft.trim();
    if (displayName === (contact.displayName ?? null)) {
      setEditing(false);
      return;
    }
    setPending(true);
    const reading = await runAction(updateContactAction({ contactId: contact.id, displayName }));
    setPending(false);
    if (!reading.ok) {
      setError(reading.fieldErrors.displayName ?? reading.message);
      return;
    }
    cache.set(reading.data);
    setEditing(false);
  };

  if (!editing) {
    return (
      <Button variant="ghost" size="sm" className="-ms-2 h-7 px-2 text-muted-foreground" onClick={start}>
        <PencilIcon aria-hidden="true" />
        {t("edit")}
      </Button>
    );
  }
  return (
    <form noValidate onSubmit={save} className="space-y-2" onKeyDown={(event) => {
        if (event.key !== "Escape") return;
        event.stopPropagation();
        setEditing(false);
      }}>
      <Field id={id} label={t("label")} description={contact.profileName ? t("hintWithProfile", { name: contact.profileName }) : t("hint")} error={error}>
        <FieldControl>
          <Input
            dir="auto"
            autoFocus
            autoComplete="off"
            maxLength={CONTACT_LIMITS.displayName}
            placeholder={contact.profileName ?? undefined}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
        </FieldControl>
      </Field>
      <EditActions pending={pending} onCancel={() => setEditing(false)} />
    </form>
  );
}
