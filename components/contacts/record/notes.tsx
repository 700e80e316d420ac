"use client";

import { Loader2Icon, PencilIcon, Trash2Icon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";

import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, FieldControl } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import { runAction } from "@/lib/action-result";
import { addContactNoteAction, deleteContactNoteAction, updateContactNoteAction } from "@/lib/actions/contacts";
import { CONTACT_LIMITS } from "@/lib/contacts/views";
import type { ContactNoteView } from "@/lib/contacts/views";

import { useContactCache } from "../record-api";
import { EditActions } from "./edit-actions";

/** Newest first, whatever order they came in. */
export function newestFirst(notes: readonly ContactNoteView[]): ContactNoteView[] {
  return [...notes].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

/** A textarea that sends on Ctrl/⌘+Enter (Enter alone is a new line in a note). */
function NoteTextarea(props: React.ComponentProps<typeof Textarea>) {
  return (
    <Textarea
      dir="auto"
      rows={3}
      maxLength={CONTACT_LIMITS.noteBody}
      onKeyDown={(event) => {
        if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
          event.preventDefault();
          event.currentTarget.form?.requestSubmit();
        }
      }}
      {...props}
    />
  );
}

/** The team's notes on a contact: add one, read them newest first with who wrote them and when, edit or delete one's own. */
export function ContactNotes({ contactId, notes, canEdit }: { contactId: string; notes: ContactNoteView[]; canEdit: boolean }) {
  const t = useTranslations("contacts.record.notes");
  const cache = useContactCache(contactId);
  const id = useId();
  const [body, setBody] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    if (pending) return;
    if (body.trim() === "") {
      setError(t("empty"));
      return;
    }
    setPending(true);
    setError(undefined);
    const reading = await runAction(addContactNoteAction({ contactId, body: body.trim() }));
    setPending(false);
    if (!reading.ok) {
      setError(reading.fieldErrors.body ?? reading.message);
      return;
    }
    cache.patch((detail) => ({ ...detail, notes: [reading.data, ...detail.notes.filter((note) => note.id !== reading.data.id)] }));
    setBody("");
  };

  return (
    <div className="space-y-4">
      {canEdit ? (
        <form noValidate onSubmit={add} className="space-y-2">
          <Field id={id} label={t("newNote")} error={error}>
            <FieldControl>
              <NoteTextarea value={body} onChange={(event) => setBody(event.target.value)} placeholder={t("placeholder")} />
            </FieldControl>
          </Field>
          <Button type="submit" size="sm" aria-disabled={pending || undefined}>
            {pending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
            {t("add")}
          </Button>
        </form>
      ) : null}
      {notes.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("none")}</p>
      ) : (
        <ol aria-label={t("label")} className="space-y-3">
          {newestFirst(notes).map((note) => (
            <NoteItem key={note.id} contactId={contactId} note={note} />
          ))}
        </ol>
      )}
    </div>
  );
}

function NoteItem({ contactId, note }: { contactId: string; note: ContactNoteView }) {
  const t = useTranslations("contacts.record.notes");
  const common = useTranslations("common");
  const cache = useContactCache(contactId);
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(note.body);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<string | undefined>();

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (pending) return;
    if (draft.trim() === "") {
      setError(t("empty"));
      return;
    }
    setPending(true);
    setError(undefined);
    const reading = await runAction(updateContactNoteAction({ noteId: note.id, body: draft.trim() }));
    setPending(false);
    if (!reading.ok) {
      setError(reading.fieldErrors.body ?? reading.message);
      return;
    }
    cache.patch((detail) => ({ ...detail, notes: detail.notes.map((candidate) => (candidate.id === note.id ? reading.data : candidate)) }));
    setEditing(false);
  };
  const remove = async () => {
    setPending(true);
    const reading = await runAction(deleteContactNoteAction({ noteId: note.id }));
    setPending(false);
    if (!reading.ok) {
      setDeleteError(reading.message);
      return;
    }
    setConfirming(false);
    cache.patch((detail) => ({ ...detail, notes: detail.notes.filter((candidate) => candidate.id !== note.id) }));
    toast.success(t("deleted"));
  };

  const author = note.author?.name ?? t("formerMember");
  const edited = note.updatedAt !== note.createdAt;
  return (
    <li className="rounded-lg border bg-muted/30 p-3">
      <div className="mb-1.5 flex items-center gap-2 text-xs text-muted-foreground">
        <span dir="auto" className="font-medium text-foreground">
          {author}
        </span>
        <RelativeTime iso={note.createdAt} />
        {edited ? <span>{t("edited")}</span> : null}
        {note.editable && !editing ? (
          <span className="ms-auto flex gap-0.5">
            <Button
              variant="ghost"
              size="icon"
              className="size-6"
              aria-label={t("edit")}
              onClick={() => {
                setDraft(note.body);
                setError(undefined);
                setEditing(true);
              }}
            >
              <PencilIcon className="size-3.5" aria-hidden="true" />
            </Button>
            <ConfirmDialog
              open={confirming}
              onOpenChange={(open) => {
                setConfirming(open);
                if (!open) setDeleteError(undefined);
              }}
              trigger={
                <Button variant="ghost" size="icon" className="size-6" aria-label={t("delete")}>
                  <Trash2Icon className="size-3.5" aria-hidden="true" />
                </Button>
              }
              title={t("deleteTitle")}
              description={<p>{t("deleteDescription")}</p>}
              confirmLabel={common("delete")}
              destructive
              pending={pending}
              error={deleteError}
              onConfirm={() => void remove()}
            />
          </span>
        ) : null}
      </div>
      {editing ? (
        <form
          noValidate
          onSubmit={save}
          className="space-y-2"
          onKeyDown={(event) => {
            if (event.key !== "Escape") return;
            event.stopPropagation();
            setEditing(false);
          }}
        >
          <Field id={id} label={t("editLabel")} error={error}>
            <FieldControl>
              <NoteTextarea autoFocus value={draft} onChange={(event) => setDraft(event.target.value)} />
            </FieldControl>
          </Field>
          <EditActions pending={pending} onCancel={() => setEditing(false)} />
        </form>
      ) : (
        <p dir="auto" className="text-sm break-words whitespace-pre-wrap">
          {note.body}
        </p>
      )}
    </li>
  );
}
