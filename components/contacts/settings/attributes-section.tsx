"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Loader2Icon, PencilIcon, PlusIcon, SlidersHorizontalIcon, Trash2Icon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";

import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, FieldControl, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { runAction, type ActionReading } from "@/lib/action-result";
import { createAttributeAction, deleteAttributeAction, updateAttributeAction } from "@/lib/actions/contacts";
import { CONTACT_LIMITS } from "@/lib/contacts/views";
import { ATTRIBUTE_TYPES, type AttributeType, type ContactFilter } from "@/lib/contacts/filter";
import type { AttributeDefinitionView } from "@/lib/contacts/views";
import { queryKeys } from "@/lib/query-keys";

import { useAttributeDefinitions, useContactFetchErrorText } from "../record-api";
import { ChipListInput } from "./chip-list-input";
import { ATTRIBUTE_KEY_MAX, suggestAttributeKey } from "./settings-rules";
import { RouteError } from "@/components/data/route-json";

type Refusal = Extract<ActionReading<unknown>, { ok: false }>;

/** A refusal's message at the field it names (options.3 counts as options), the rest for the whole form. */
function splitRefusal(refusal: Refusal): { fields: Partial<Record<"name" | "key" | "type" | "options", string>>; general: string | undefined } {
  const fields: Partial<Record<"name" | "key" | "type" | "options", string>> = {};
  for (const [path, message] of Object.entries(refusal.fieldErrors)) {
    const field = path.split(".")[0];
    if (field === "name" || field === "key" || field === "type" || field === "options") fields[field] ??= message;
  }
  return { fields, general: Object.keys(fields).length > 0 ? undefined : refusal.message };
}

/** "Custom attributes": the fields every contact may carry; add, rename, change a choice's options, delete. */
export function AttributesSection() {
  const t = useTranslations("contacts.settings.attributes");
  const definitions = useAttributeDefinitions();
  const errorText = useContactFetchErrorText();
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="grid gap-4">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end sm:justify-between">
        <div className="space-y-1">
          <h2 id={titleId} className="text-lg font-semibold tracking-tight">
            {t("title")}
          </h2>
          <p className="max-w-3xl text-sm text-muted-foreground">{t("description")}</p>
        </div>
        <AttributeDialog mode={{ kind: "create" }} />
      </div>
      {definitions.isPending ? (
        <p className="flex items-center gap-2 text-sm text-muted-foreground">
          <Loader2Icon className="size-4 animate-spin" aria-hidden="true" />
          {t("loading")}
        </p>
      ) : definitions.isError ? (
        <p role="alert" className="text-sm text-destructive">
          {errorText(definitions.error)}
        </p>
      ) : definitions.data.length === 0 ? (
        <EmptyState icon={SlidersHorizontalIcon} title={t("empty.title")} description={t("empty.description")} className="py-10" />
      ) : (
        <div className="overflow-hidden rounded-xl border bg-card shadow-xs">
          <Table aria-label={t("title")}>
            <TableHeader className="bg-muted/40">
              <TableRow className="hover:bg-transparent">
                <TableHead className="ps-4">{t("table.name")}</TableHead>
                <TableHead>{t("table.key")}</TableHead>
                <TableHead>{t("table.type")}</TableHead>
                <TableHead>{t("table.options")}</TableHead>
                <TableHead className="w-24">
                  <span className="sr-only">{t("table.actions")}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {definitions.data.map((definition) => (
                <TableRow key={definition.id}>
                  <TableCell className="ps-4 font-medium">
                    <span dir="auto">{definition.name}</span>
                  </TableCell>
                  <TableCell>
                    <code dir="ltr" className="font-mono text-xs">
                      {definition.key}
                    </code>
                  </TableCell>
                  <TableCell>{t(`types.${definition.type}`)}</TableCell>
                  <TableCell className="max-w-72 whitespace-normal">
                    {definition.type === "choice" ? (
                      <span dir="auto" className="text-muted-foreground">
                        {definition.options.join(" · ")}
                      </span>
                    ) : (
                      <span className="text-muted-foreground">{"—"}</span>
                    )}
                  </TableCell>
                  <TableCell className="text-end">
                    <div className="flex justify-end gap-1">
                      <AttributeDialog mode={{ kind: "edit", definition }} />
                      <DeleteAttributeButton definition={definition} />
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}

type DialogMode = { kind: "create" } | { kind: "edit"; definition: AttributeDefinitionView };

/**
 * Add an attribute (name, key suggested from the name until typed, type, a choice's options) or edit
 * one (name and options: the key and type are fixed once created, values depend on them).
 */
function AttributeDialog({ mode }: { mode: DialogMode }) {
  const t = useTranslations("contacts.settings.attributes");
  const common = useTranslations("common");
  const queryClient = useQueryClient();
  const editing = mode.kind === "edit" ? mode.definition : undefined;
  const ids = { name: useId(), key: useId(), type: useId(), options: useId() };
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [key, setKey] = useState("");
  const [keyTyped, setKeyTyped] = useState(false);
  const [type, setType] = useState<AttributeType>("text");
  const [options, setOptions] = useState<string[]>([]);
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<ReturnType<typeof splitRefusal>>({ fields: {}, general: undefined });

  const onOpenChange = (next: boolean) => {
    if (!next && pending) return;
    setOpen(next);
    if (!next) return;
    setName(editing?.name ?? "");
    setKey(editing?.key ?? "");
    setKeyTyped(false);
    setType(editing?.type ?? "text");
    setOptions(editing?.options ?? []);
    setErrors({ fields: {}, general: undefined });
  };
  const shownKey = editing ? editing.key : keyTyped ? key : suggestAttributeKey(name);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const fields: Partial<Record<"name" | "key" | "options", string>> = {};
    if (name.trim() === "") fields.name = t("form.nameRequired");
    if (!editing && shownKey === "") fields.key = t("form.keyRequired");
    if (type === "choice" && options.length === 0) fields.options = t("form.optionsRequired");
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, general: undefined });
      return;
    }
    setPending(true);
    const reading = editing
      ? await runAction(
          updateAttributeAction({ attributeId: editing.id, name: name.trim(), ...(editing.type === "choice" ? { options } : {}) }),
        )
      : await runAction(createAttributeAction({ key: shownKey, name: name.trim(), type, options: type === "choice" ? options : [] }));
    setPending(false);
    if (!reading.ok) {
      setErrors(splitRefusal(reading));
      return;
    }
    void queryClient.invalidateQueries({ queryKey: queryKeys.contacts.attributes() });
    void queryClient.invalidateQueries({ queryKey: queryKeys.contacts.allDetails() });
    toast.success(editing ? t("toasts.saved", { name: name.trim() }) : t("toasts.created", { name: name.trim() }));
    setOpen(false);
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        {editing ? (
          <Button variant="ghost" size="icon" className="size-8" aria-label={t("editLabel", { name: editing.name })}>
            <PencilIcon aria-hidden="true" />
          </Button>
        ) : (
          <Button>
            <PlusIcon aria-hidden="true" />
            {t("add")}
          </Button>
        )}
      </DialogTrigger>
      <DialogContent className="sm:max-w-lg">
        <form noValidate className="grid gap-4" onSubmit={submit}>
          <DialogHeader>
            <DialogTitle>{editing ? t("form.editTitle", { name: editing.name }) : t("form.createTitle")}</DialogTitle>
            <DialogDescription>{editing ? t("form.editDescription") : t("form.createDescription")}</DialogDescription>
          </DialogHeader>
          <FormError message={errors.general} />
          <Field id={ids.name} label={t("form.name")} error={errors.fields.name}>
            <FieldControl>
              <Input dir="auto" autoComplete="off" maxLength={CONTACT_LIMITS.attributeName} value={name} onChange={(event) => setName(event.target.value)} />
            </FieldControl>
          </Field>
          <Field id={ids.key} label={t("form.key")} description={editing ? t("form.keyFixed") : t("form.keyHint")} error={errors.fields.key}>
            <FieldControl>
              <Input
                dir="ltr"
                autoComplete="off"
                spellCheck={false}
                readOnly={Boolean(editing)}
                maxLength={ATTRIBUTE_KEY_MAX}
                value={shownKey}
                onChange={(event) => {
                  setKeyTyped(true);
                  setKey(event.target.value);
                }}
                className="font-mono"
              />
            </FieldControl>
          </Field>
          <Field id={ids.type} label={t("form.type")} description={editing ? t("form.typeFixed") : undefined} error={errors.fields.type}>
            <FieldControl>
              <NativeSelect value={type} disabled={Boolean(editing)} onChange={(event) => setType(event.target.value as AttributeType)} className="w-full">
                {ATTRIBUTE_TYPES.map((candidate) => (
                  <option key={candidate} value={candidate}>
                    {t(`types.${candidate}`)}
                  </option>
                ))}
              </NativeSelect>
            </FieldControl>
          </Field>
          {type === "choice" ? (
            <ChipListInput
              id={ids.options}
              label={t("form.options")}
              description={editing ? t("form.optionsInUse") : t("form.optionsHint")}
              values={options}
              onChange={setOptions}
              max={CONTACT_LIMITS.attributeOptions}
              maxLength={CONTACT_LIMITS.attributeOption}
              error={errors.fields.options}
              disabled={pending}
            />
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" disabled={pending} onClick={() => onOpenChange(false)}>
              {common("cancel")}
            </Button>
            <Button type="submit" aria-disabled={pending || undefined}>
              {pending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
              {editing ? common("save") : t("form.create")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** How many contacts carry a value for the attribute (the contact list's count route). */
async function contactsWithValue(key: string): Promise<number> {
  const filter: ContactFilter = { attributes: [{ key, op: "is_set" }] };
  const response = await fetch(`/api/contacts/count?filter=${encodeURIComponent(JSON.stringify(filter))}`, {
    headers: { Accept: "application/json" },
    cache: "no-store",
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new RouteError(body?.error?.message, response.status);
  }
  return ((await response.json()) as { total: number }).total;
}

/** Delete, after saying how many contacts lose their value for it. */
function DeleteAttributeButton({ definition }: { definition: AttributeDefinitionView }) {
  const t = useTranslations("contacts.settings.attributes.delete");
  const queryClient = useQueryClient();
  const errorText = useContactFetchErrorText();
  const [open, setOpen] = useState(false);
  const [count, setCount] = useState<number | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const onOpenChange = async (next: boolean) => {
    setOpen(next);
    setError(undefined);
    if (!next) return;
    setCount(null);
    try {
      setCount(await contactsWithValue(definition.key));
    } catch (thrown) {
      setError(errorText(thrown instanceof Error ? thrown : new Error(String(thrown))));
    }
  };
  const confirm = async () => {
    setPending(true);
    setError(undefined);
    const reading = await runAction(deleteAttributeAction({ attributeId: definition.id }));
    setPending(false);
    if (!reading.ok) {
      setError(reading.message);
      return;
    }
    setOpen(false);
    void queryClient.invalidateQueries({ queryKey: queryKeys.contacts.attributes() });
    void queryClient.invalidateQueries({ queryKey: queryKeys.contacts.all });
    toast.success(t("deleted", { name: definition.name }));
  };

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => void onOpenChange(next)}
      trigger={
        <Button variant="ghost" size="icon" className="size-8" aria-label={t("label", { name: definition.name })}>
          <Trash2Icon aria-hidden="true" />
        </Button>
      }
      title={<span dir="auto">{t("title", { name: definition.name })}</span>}
      description={
        count === null ? (
          error ? null : (
            <p className="flex items-center gap-2">
              <Loader2Icon className="size-4 animate-spin" aria-hidden="true" />
              {t("counting")}
            </p>
          )
        ) : (
          <p>{t("description", { count })}</p>
        )
      }
      confirmLabel={t("confirm")}
      pendingLabel={t("pending")}
      destructive
      pending={pending}
      confirmDisabled={count === null}
      error={error}
      onConfirm={() => void confirm()}
    />
  );
}
