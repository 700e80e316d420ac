"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { Loader2Icon } from "lucide-react";
import { useTranslations } from "next-intl";
import * as React from "react";

import { TAG_SWATCH_CLASSES } from "@/components/contacts/tags/tag-chip";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field, FieldControl, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import { runAction, type ActionResultLike } from "@/lib/action-result";
import { TAG_COLOURS, type TagColour } from "@/lib/contacts/views";
import { cn } from "@/lib/utils";

/** An entry of a named, coloured catalogue (contact tags, conversation labels) as its form edits it. */
export interface CatalogueEntryDraft {
  name: string;
  colour: TagColour;
}

/** The keys every catalogue's form messages have (`contacts.tags.form`, `labels.form`). */
type CatalogueFormMessage = "createTitle" | "editTitle" | "description" | "name" | "colour" | "preview" | "previewName" | "create" | "nameRequired" | "nameTooLong";

/** The colours as radio buttons: a swatch and the colour's name each, arrow keys move between them. */
export function ColourPicker({ value, onChange, name, labelledBy }: { value: TagColour; onChange: (colour: TagColour) => void; name: string; labelledBy: string }) {
  const t = useTranslations("contacts.tags.colours");
  return (
    <div role="radiogroup" aria-labelledby={labelledBy} className="grid grid-cols-3 gap-1.5">
      {TAG_COLOURS.map((colour) => (
        <label
          key={colour}
          className={cn(
            "relative flex cursor-pointer items-center gap-2 rounded-md border px-2 py-1.5 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
            value === colour ? "border-primary bg-primary/5 font-medium" : "hover:bg-accent",
          )}
        >
          <input type="radio" name={name} value={colour} checked={value === colour} onChange={() => onChange(colour)} className="sr-only" />
          <span aria-hidden="true" className={cn("size-3.5 shrink-0 rounded-full", TAG_SWATCH_CLASSES[colour])} />
          {t(colour)}
        </label>
      ))}
    </div>
  );
}

/**
 * Creates an entry of a catalogue, or renames and recolours one (`entry`): a name and a colour, with a
 * preview of the chip. The server's refusals (a name taken, too long) show at the field; once saved it
 * says so, refreshes `invalidates` and closes.
 */
export function CatalogueFormDialog({
  entry,
  defaultColour,
  nameMax,
  messages,
  toastMessages,
  preview,
  save,
  invalidates,
  open,
  onOpenChange,
}: {
  /** The entry being edited; a new one when absent. */
  entry?: CatalogueEntryDraft;
  defaultColour: TagColour;
  nameMax: number;
  /** The feature's form messages. */
  messages: (key: CatalogueFormMessage, values?: { maximum: number }) => string;
  /** The feature's toasts for a created and a saved entry. */
  toastMessages: (key: "created" | "updated", values: { name: string }) => string;
  /** The entry's chip as it would look. */
  preview: (draft: CatalogueEntryDraft) => React.ReactNode;
  /** Creates (no `entry`) or updates the entry on the server. */
  save: (draft: CatalogueEntryDraft) => Promise<ActionResultLike<{ name: string } | undefined>>;
  /** The queries that show the catalogue's entries. */
  invalidates: QueryKey;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const common = useTranslations("common");
  const queryClient = useQueryClient();
  const [name, setName] = React.useState(entry?.name ?? "");
  const [colour, setColour] = React.useState<TagColour>(entry?.colour ?? defaultColour);
  const [nameError, setNameError] = React.useState<string | undefined>();
  const [formError, setFormError] = React.useState<string | undefined>();
  const [pending, setPending] = React.useState(false);
  const id = React.useId();

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFormError(undefined);
    const trimmed = name.trim();
    if (!trimmed) return setNameError(messages("nameRequired"));
    if (trimmed.length > nameMax) return setNameError(messages("nameTooLong", { maximum: nameMax }));
    setNameError(undefined);
    setPending(true);
    const reading = await runAction(save({ name: trimmed, colour }));
    setPending(false);
    if (!reading.ok) {
      if (reading.fieldErrors.name) setNameError(reading.fieldErrors.name);
      else setFormError(reading.message);
      return;
    }
    if (reading.data) toast.success(toastMessages(entry ? "updated" : "created", { name: reading.data.name }));
    void queryClient.invalidateQueries({ queryKey: invalidates });
    onOpenChange(false);
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-md">
        <form noValidate className="grid gap-4" onSubmit={(event) => void submit(event)}>
          <DialogHeader>
            <DialogTitle>{entry ? messages("editTitle") : messages("createTitle")}</DialogTitle>
            <DialogDescription>{messages("description")}</DialogDescription>
          </DialogHeader>
          <FormError message={formError} />
          <Field id={`${id}-name`} label={messages("name")} error={nameError}>
            <FieldControl>
              <Input
                autoComplete="off"
                dir="auto"
                value={name}
                maxLength={nameMax}
                onChange={(event) => {
                  setName(event.target.value);
                  setNameError(undefined);
                }}
              />
            </FieldControl>
          </Field>
          <div className="grid gap-1.5">
            <p id={`${id}-colour`} className="text-sm leading-none font-medium">
              {messages("colour")}
            </p>
            <ColourPicker value={colour} onChange={setColour} name={`${id}-colour-choice`} labelledBy={`${id}-colour`} />
          </div>
          <div className="flex items-center gap-2 text-sm text-muted-foreground">
            {messages("preview")}
            {preview({ name: name.trim() || messages("previewName"), colour })}
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              {common("cancel")}
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
              {entry ? common("save") : messages("create")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
