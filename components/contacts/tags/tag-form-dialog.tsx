"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Loader2Icon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import * as React from "react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field, FieldControl, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { readActionResult } from "@/lib/action-result";
import { createTagAction, updateTagAction } from "@/lib/actions/contacts";
import { CONTACT_LIMITS } from "@/lib/contacts/views";
import { TAG_COLOURS, type TagColour, type TagView } from "@/lib/contacts/views";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";

import { TAG_SWATCH_CLASSES, TagChip } from "./tag-chip";

const TAG_NAME_MAX = CONTACT_LIMITS.tagName;

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
 * Creates a tag, or renames and recolours one (`tag`): a name and a colour, with a preview of the chip.
 * The server's refusals (a name taken, too long) show at the field.
 */
export function TagFormDialog({ tag, open, onOpenChange }: { tag?: TagView; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("contacts.tags");
  const common = useTranslations("common");
  const queryClient = useQueryClient();
  const [name, setName] = React.useState(tag?.name ?? "");
  const [colour, setColour] = React.useState<TagColour>(tag?.colour ?? "gray");
  const [nameError, setNameError] = React.useState<string | undefined>();
  const [formError, setFormError] = React.useState<string | undefined>();
  const id = React.useId();

  const onRefused = (error: Parameters<typeof readActionResult>[0]) => {
    const refused = readActionResult(error);
    if (refused.ok) return;
    if (refused.fieldErrors.name) setNameError(refused.fieldErrors.name);
    else setFormError(refused.message);
  };
  const onSaved = (saved: TagView | undefined) => {
    if (saved) toast.success(tag ? t("toasts.updated", { name: saved.name }) : t("toasts.created", { name: saved.name }));
    // A renamed or recoloured tag shows on every contact carrying it.
    void queryClient.invalidateQueries({ queryKey: queryKeys.contacts.all });
    onOpenChange(false);
  };
  const create = useAction(createTagAction, { onSuccess: ({ data }) => onSaved(data), onError: ({ error }) => onRefused(error) });
  const update = useAction(updateTagAction, { onSuccess: ({ data }) => onSaved(data), onError: ({ error }) => onRefused(error) });
  const pending = create.isPending || update.isPending;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setFormError(undefined);
    const trimmed = name.trim();
    if (!trimmed) return setNameError(t("form.nameRequired"));
    if (trimmed.length > TAG_NAME_MAX) return setNameError(t("form.nameTooLong", { maximum: TAG_NAME_MAX }));
    setNameError(undefined);
    if (tag) update.execute({ tagId: tag.id, name: trimmed, colour });
    else create.execute({ name: trimmed, colour });
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-md">
        <form noValidate className="grid gap-4" onSubmit={submit}>
          <DialogHeader>
            <DialogTitle>{tag ? t("form.editTitle") : t("form.createTitle")}</DialogTitle>
            <DialogDescription>{t("form.description")}</DialogDescription>
          </DialogHeader>
          <FormError message={formError} />
          <Field id={`${id}-name`} label={t("form.name")} error={nameError}>
            <FieldControl>
              <Input
                autoComplete="off"
                dir="auto"
                value={name}
                maxLength={TAG_NAME_MAX}
                onChange={(event) => {
                  setName(event.target.value);
                  setNameError(undefined);
                }}
              />
            </FieldControl>
          </Field>
          <div className="grid gap-1.5">
            <p id={`${id}-colour`} className="text-sm leading-none font-medium">
              {t("form.colour")}
            </p>
            <ColourPicker value={colour} onChange={setColour} name={`${id}-colour-choice`} labelledBy={`${id}-colour`} />
          </div>
          <div className="flex items-center gap-2 text-sm text-muted-foreground">
            {t("form.preview")}
            <TagChip tag={{ name: name.trim() || t("form.previewName"), colour }} />
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              {common("cancel")}
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
              {tag ? common("save") : t("form.create")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
