"use client";

import { Loader2Icon, PencilIcon, XIcon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useState } from "react";

import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, FieldControl } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/toast";
import { runAction } from "@/lib/action-result";
import { updateContactAction } from "@/lib/actions/contacts";
import type { AttributeDefinitionView, AttributeValue } from "@/lib/contacts/views";

import { useAttributeDefinitions, useContactCache, useContactFetchErrorText } from "../record-api";
import { ATTRIBUTE_TEXT_MAX, attributeDraft, attributeText, readAttributeDraft } from "./attribute-value";
import { EditActions } from "./edit-actions";

/**
 * Every defined attribute with the contact's value, each edited in place by its type (text, number,
 * date, yes/no, one of the options) and cleared; read only for those who may not edit.
 */
export function ContactAttributes({
  contactId,
  attributes,
  canEdit,
}: {
  contactId: string;
  attributes: Record<string, AttributeValue>;
  canEdit: boolean;
}) {
  const t = useTranslations("contacts.record.attributes");
  const definitions = useAttributeDefinitions();
  const errorText = useContactFetchErrorText();
  if (definitions.isPending) {
    return (
      <div className="space-y-2" aria-busy="true">
        <Skeleton className="h-5 w-full" />
        <Skeleton className="h-5 w-2/3" />
      </div>
    );
  }
  if (definitions.isError) return <p className="text-sm text-destructive">{errorText(definitions.error)}</p>;
  if (definitions.data.length === 0) return <p className="text-sm text-muted-foreground">{t("noneDefined")}</p>;
  return (
    <dl className="divide-y">
      {definitions.data.map((definition) => (
        <AttributeRow key={definition.id} contactId={contactId} definition={definition} value={attributes[definition.key]} canEdit={canEdit} />
      ))}
    </dl>
  );
}

function AttributeRow({
  contactId,
  definition,
  value,
  canEdit,
}: {
  contactId: string;
  definition: AttributeDefinitionView;
  value: AttributeValue | undefined;
  canEdit: boolean;
}) {
  const t = useTranslations("contacts.record.attributes");
  const format = useFormatter();
  const cache = useContactCache(contactId);
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const shown = value === undefined ? undefined : attributeText(format, { yes: t("yes"), no: t("no") }, definition, value);

  /** Sends the value (null removes it); the refusal's words, or undefined when it was kept. */
  const send = async (next: AttributeValue | null): Promise<string | undefined> => {
    setPending(true);
    setError(undefined);
    const reading = await runAction(updateContactAction({ contactId, attributes: { [definition.key]: next } }));
    setPending(false);
    if (!reading.ok) {
      const refusal = reading.fieldErrors[`attributes.${definition.key}`] ?? reading.message;
      setError(refusal);
      return refusal;
    }
    cache.set(reading.data);
    return undefined;
  };
  const start = () => {
    setDraft(attributeDraft(definition, value));
    setError(undefined);
    setEditing(true);
  };
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const read = readAttributeDraft(definition, draft);
    if (!read.ok) {
      setError(t(`problems.${read.problem}`, { maximum: ATTRIBUTE_TEXT_MAX }));
      return;
    }
    if (read.value === (value ?? null)) {
      setEditing(false);
      return;
    }
    if ((await send(read.value)) === undefined) setEditing(false);
  };
  const clear = async () => {
    if (pending) return;
    const refusal = await send(null);
    // Shown at the field while editing; outside it, said where the person looks.
    if (refusal && !editing) toast.error(refusal);
  };

  const term = (
    <dt id={`${id}-term`} dir="auto" className="text-muted-foreground">
      {definition.name}
    </dt>
  );

  if (definition.type === "boolean") {
    return (
      <div className="flex items-center justify-between gap-3 py-1.5 text-sm">
        {term}
        <dd className="flex items-center gap-2">
          {canEdit ? (
            <Checkbox
              aria-labelledby={`${id}-term`}
              aria-describedby={error ? `${id}-error` : undefined}
              aria-invalid={error ? true : undefined}
              checked={value === true}
              disabled={pending}
              onCheckedChange={(checked) => void send(checked === true)}
            />
          ) : null}
          <span className="font-medium">{shown ?? <span className="font-normal text-muted-foreground">{t("notSet")}</span>}</span>
          {canEdit && value !== undefined ? <ClearButton name={definition.name} pending={pending} onClear={clear} /> : null}
          {error ? (
            <span id={`${id}-error`} className="text-xs text-destructive">
              {error}
            </span>
          ) : null}
        </dd>
      </div>
    );
  }

  if (editing) {
    return (
      <div className="py-2">
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
          <Field id={id} label={definition.name} error={error}>
            <FieldControl>
              {definition.type === "choice" ? (
                <NativeSelect autoFocus value={draft} onChange={(event) => setDraft(event.target.value)} className="w-full">
                  <option value="">{t("noChoice")}</option>
                  {definition.options.map((option) => (
                    <option key={option} value={option}>
                      {option}
                    </option>
                  ))}
                </NativeSelect>
              ) : (
                <Input
                  autoFocus
                  autoComplete="off"
                  dir={definition.type === "text" ? "auto" : "ltr"}
                  type={definition.type === "date" ? "date" : "text"}
                  inputMode={definition.type === "number" ? "decimal" : undefined}
                  maxLength={definition.type === "text" ? ATTRIBUTE_TEXT_MAX : undefined}
                  value={draft}
                  onChange={(event) => setDraft(event.target.value)}
                />
              )}
            </FieldControl>
          </Field>
          <EditActions pending={pending} onCancel={() => setEditing(false)} />
        </form>
      </div>
    );
  }

  return (
    <div className="flex items-start justify-between gap-3 py-1.5 text-sm">
      {term}
      <dd className="flex min-w-0 items-center gap-1">
        <span dir="auto" className="min-w-0 text-end font-medium break-words">
          {shown ?? <span className="font-normal text-muted-foreground">{t("notSet")}</span>}
        </span>
        {canEdit ? (
          <>
            <Button type="button" variant="ghost" size="icon" className="size-6 shrink-0" aria-label={t("edit", { name: definition.name })} onClick={start}>
              <PencilIcon className="size-3.5" aria-hidden="true" />
            </Button>
            {value !== undefined ? <ClearButton name={definition.name} pending={pending} onClear={clear} /> : null}
          </>
        ) : null}
      </dd>
    </div>
  );
}

function ClearButton({ name, pending, onClear }: { name: string; pending: boolean; onClear: () => Promise<void> }) {
  const t = useTranslations("contacts.record.attributes");
  return (
    <Button type="button" variant="ghost" size="icon" className="size-6 shrink-0" aria-label={t("clear", { name })} disabled={pending} onClick={() => void onClear()}>
      {pending ? <Loader2Icon className="size-3.5 animate-spin" aria-hidden="true" /> : <XIcon className="size-3.5" aria-hidden="true" />}
    </Button>
  );
}
