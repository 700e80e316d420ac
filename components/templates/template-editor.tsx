"use client";

import { useQueryClient } from "@tanstack/react-query";
import { AlertTriangleIcon, CopyIcon, ExternalLinkIcon, Loader2Icon, PhoneIcon, PlusIcon, ReplyIcon, XIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useMemo, useState } from "react";
import * as React from "react";
import { useFieldArray, useForm, useWatch, type UseFormRegister } from "react-hook-form";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import { actionMessage } from "@/lib/action-result";
import { createTemplateAction, updateTemplateAction } from "@/lib/actions/templates";
import { HEADER_SAMPLE_RULES, headerSampleRuleText, type MediaHeaderFormat, type TemplateRefusal } from "@/lib/actions/templates.schema";
import type { Translatable } from "@/lib/i18n/translatable";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";
import {
  DRAFT_LIMITS,
  draftVariables,
  emptyDraftButton,
  HEADER_FORMATS,
  lintTemplateDraft,
  previewTemplateDraft,
  type DraftButtonType,
  type DraftProblem,
  type TemplateDraft,
} from "@/lib/whatsapp/template-draft";
import { TEMPLATE_LIMITS } from "@/lib/whatsapp/template-rules";
import { PARAMETER_FORMATS, TEMPLATE_CATEGORIES } from "@/lib/whatsapp/templates";

import { useTemplateLabels } from "./badges";
import { isMediaHeaderFormat, useHeaderSampleUpload, useSizeWriter } from "./header-sample";
import { useTemplateLanguageName } from "./language-name";
import { NativeSelect } from "@/components/ui/native-select";
import { TemplatePreviewBubble } from "./template-preview";

/** The languages the editor offers (Meta's codes), named in the reader's language where shown. */
export const TEMPLATE_LANGUAGES = ["en_US", "en_GB", "es_ES", "es_MX", "pt_BR", "pt_PT", "fr", "de", "it", "nl", "pl", "tr", "ar", "hi", "id", "ja"] as const;

/** Code examples shown as placeholders: the same in every language. */
const URL_EXAMPLE_PLACEHOLDER = "A1B2C3";
const PHONE_PLACEHOLDER = "+15550104821";

const BUTTON_ICONS: Record<DraftButtonType, typeof ReplyIcon> = { QUICK_REPLY: ReplyIcon, URL: ExternalLinkIcon, PHONE_NUMBER: PhoneIcon, COPY_CODE: CopyIcon };
/** The reply arrow points back toward the message: the other way in a right-to-left page. */
const mirrorInRtl = (type: DraftButtonType) => (type === "QUICK_REPLY" ? "rtl:-scale-x-100" : undefined);

const fieldId = (field: string) => `tpl-${field.replace(/\./g, "-")}`;

export interface TemplateEditorProps {
  mode: "create" | "edit" | "view";
  wabaId: string;
  templateId?: string;
  initialDraft: TemplateDraft;
  /** Name and language pairs already used in the account (create only). */
  taken: Array<{ name: string; language: string }>;
  /** Edit: an approved template keeps its category. */
  categoryLocked?: boolean;
  businessName?: string;
  /** Rendered above the form (status, notes). */
  aside?: React.ReactNode;
}

/** The editor: form on the left, the live WhatsApp preview on the right; lint at each field as you go. */
export function TemplateEditor({ mode, wabaId, templateId, initialDraft, taken, categoryLocked = false, businessName, aside }: TemplateEditorProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const t = useTranslations("templates.editor");
  const tTemplates = useTranslations("templates");
  const tAll = useTranslations();
  const labels = useTemplateLabels();
  const languageName = useTemplateLanguageName();
  const size = useSizeWriter();
  const say = (said: Translatable) => tAll(said.key, said.values);
  const form = useForm<TemplateDraft>({ defaultValues: initialDraft });
  const { register, control, getValues, setValue } = form;
  const buttons = useFieldArray({ control, name: "buttons" });
  const draft = useWatch({ control }) as TemplateDraft;
  const readOnly = mode === "view";

  const [visited, setVisited] = useState<Set<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<{ for: string; problems: DraftProblem[]; refusal: TemplateRefusal | null } | null>(null);
  const draftKey = JSON.stringify(draft);

  const lint = useMemo(() => lintTemplateDraft(draft, { taken, editing: mode !== "create" }), [draft, taken, mode]);
  const serverProblems = server && server.for === draftKey ? server.problems : [];
  const problemAt = (field: string): string | undefined => {
    const fromServer = serverProblems.find((problem) => problem.field === field)?.message;
    if (fromServer) return say(fromServer);
    if (!submitted && !visited.has(field)) return undefined;
    const found = lint.find((problem) => problem.field === field)?.message;
    return found ? say(found) : undefined;
  };
  const visit = (field: string) => setVisited((previous) => (previous.has(field) ? previous : new Set(previous).add(field)));
  const reg: UseFormRegister<TemplateDraft> = (name, options) => register(name, { ...options, onBlur: () => visit(name) });

  const onDone = (result: { ok: true; template: { id: string } } | { ok: false; problems: DraftProblem[]; refusal: TemplateRefusal | null }) => {
    if (result.ok) {
      void queryClient.invalidateQueries({ queryKey: queryKeys.templates.all });
      toast.success(mode === "create" ? t("submitted") : t("resubmitted"));
      if (mode === "create") router.push(`/templates/${result.template.id}`);
      else router.refresh();
      return;
    }
    setSubmitted(true);
    setServer({ for: draftKey, problems: result.problems, refusal: result.refusal });
    focusFirst(result.problems);
  };
  // The header type the draft's sample handle was made for (an image's handle is no video sample).
  const [handleFormat, setHandleFormat] = useState<string | null>(initialDraft.header.handle ? initialDraft.header.format : null);
  const sampleUpload = useHeaderSampleUpload({
    wabaId,
    onHandle: (format: MediaHeaderFormat, handle: string) => {
      if (getValues("header.format") !== format) return false;
      setValue("header.handle", handle, { shouldDirty: true });
      setHandleFormat(format);
      return true;
    },
  });
  const onHeaderFormatChange = (event: React.ChangeEvent<HTMLSelectElement>) => {
    if (event.target.value !== handleFormat && getValues("header.handle") !== "") {
      setValue("header.handle", "", { shouldDirty: true });
      setHandleFormat(null);
    }
    sampleUpload.clear();
  };
  const onSampleChosen = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    visit("header.handle");
    if (!file || !isMediaHeaderFormat(headerFormat)) return;
    // A refused file is cleared from the input, so choosing it again (once fixed) picks it anew.
    if (!(await sampleUpload.pick(headerFormat, file))) input.value = "";
  };

  const create = useAction(createTemplateAction, { onSuccess: ({ data }) => onDone(data) });
  const update = useAction(updateTemplateAction, { onSuccess: ({ data }) => onDone(data) });
  const pending = create.isPending || update.isPending;
  const actionError = actionMessage(mode === "create" ? create.result : update.result);

  const focusFirst = (problems: DraftProblem[]) => {
    const first = problems[0];
    if (!first) return;
    const element = document.getElementById(fieldId(first.field));
    element?.focus();
  };

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (sampleUpload.pending) return;
    if (lint.length > 0) {
      focusFirst(lint);
      return;
    }
    if (mode === "create") create.execute({ wabaId, draft });
    else if (templateId) update.execute({ templateId, draft });
  };

  const named = draft.parameterFormat === "NAMED";
  const variables = draft.header && draft.body ? draftVariables(draft) : { header: [], body: [] };
  const headerFormat = draft.header?.format ?? "NONE";
  const preview = previewTemplateDraft(draft);
  const unplacedRefusal = server && server.for === draftKey ? server.refusal : null;
  const lintCount = lint.length;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_340px] xl:grid-cols-[minmax(0,1fr)_380px]">
      <form onSubmit={onSubmit} noValidate aria-label={mode === "create" ? t("formNew") : t("form")} className="min-w-0 space-y-5">
        {aside}
        {unplacedRefusal ? (
          <Alert variant="destructive">
            <AlertTriangleIcon aria-hidden="true" />
            <AlertTitle>{unplacedRefusal.title}</AlertTitle>
            <AlertDescription>
              <p>{unplacedRefusal.explanation} {unplacedRefusal.action}</p>
              {unplacedRefusal.details ? (
                <p className="mt-1 text-xs" dir="auto">
                  {unplacedRefusal.code
                    ? t("metaSaysWithCode", { details: unplacedRefusal.details, code: unplacedRefusal.code })
                    : t("metaSays", { details: unplacedRefusal.details })}
                </p>
              ) : null}
            </AlertDescription>
          </Alert>
        ) : null}
        {actionError ? (
          <Alert variant="destructive">
            <AlertTriangleIcon aria-hidden="true" />
            <AlertDescription>{actionError}</AlertDescription>
          </Alert>
        ) : null}
        <fieldset disabled={readOnly || pending} className="space-y-5">
          <Section title={t("basicsTitle")} description={t("basicsDescription")}>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field field="name" label={t("name")} error={problemAt("name")} hint={t("nameHint", { maximum: TEMPLATE_LIMITS.name })} className="sm:col-span-2">
                {(aria) => <Input id={fieldId("name")} {...reg("name")} {...aria} disabled={mode !== "create"} autoComplete="off" spellCheck={false} className="font-mono" placeholder={t("namePlaceholder")} />}
              </Field>
              <Field field="language" label={t("language")} error={problemAt("language")}>
                {(aria) => (
                  <NativeSelect id={fieldId("language")} {...reg("language")} {...aria} disabled={mode !== "create"}>
                    {(TEMPLATE_LANGUAGES as readonly string[]).includes(initialDraft.language) ? null : (
                      <option value={initialDraft.language}>{tTemplates("languageOption", { name: languageName(initialDraft.language), code: initialDraft.language })}</option>
                    )}
                    {TEMPLATE_LANGUAGES.map((code) => (
                      <option key={code} value={code}>{tTemplates("languageOption", { name: languageName(code), code })}</option>
                    ))}
                  </NativeSelect>
                )}
              </Field>
              <Field field="category" label={t("category")} error={problemAt("category")} hint={categoryLocked ? t("categoryLocked") : undefined}>
                {(aria) => (
                  <NativeSelect id={fieldId("category")} {...reg("category")} {...aria} disabled={categoryLocked}>
                    {TEMPLATE_CATEGORIES.map((category) => (
                      <option key={category} value={category}>{labels.category(category)}</option>
                    ))}
                  </NativeSelect>
                )}
              </Field>
              <fieldset className="space-y-1.5 sm:col-span-2" aria-describedby={`${fieldId("parameterFormat")}-hint`}>
                <legend className="mb-1.5 text-sm leading-none font-medium">{t("variables")}</legend>
                <div className="flex flex-wrap gap-x-5 gap-y-2">
                  {PARAMETER_FORMATS.map((format, index) => (
                    <label key={format} className="flex items-center gap-2 text-sm">
                      <input
                        type="radio"
                        id={index === 0 ? fieldId("parameterFormat") : undefined}
                        value={format}
                        {...reg("parameterFormat")}
                        disabled={mode !== "create"}
                        aria-describedby={problemAt("parameterFormat") ? `${fieldId("parameterFormat")}-error` : undefined}
                        className="size-4 accent-primary"
                      />
                      {format === "NAMED" ? t("variablesNamed") : t("variablesNumbered")}
                    </label>
                  ))}
                </div>
                {problemAt("parameterFormat") ? (
                  <p id={`${fieldId("parameterFormat")}-error`} className="text-sm text-destructive">
                    {problemAt("parameterFormat")}
                  </p>
                ) : null}
                <p id={`${fieldId("parameterFormat")}-hint`} className="text-xs text-muted-foreground">
                  {mode === "create" ? t("variablesHintCreate") : t("variablesHintEdit")}
                </p>
              </fieldset>
              {draft.category === "UTILITY" && mode === "create" ? (
                <label className="flex items-center gap-2 text-sm sm:col-span-2">
                  <input type="checkbox" {...reg("allowCategoryChange")} className="size-4 accent-primary" />
                  {t("allowCategoryChange")}
                </label>
              ) : null}
            </div>
          </Section>

          <Section title={t("headerTitle")} description={t("headerDescription")}>
            <div className="grid gap-4 sm:grid-cols-[200px_minmax(0,1fr)]">
              <Field field="header.format" label={t("headerType")}>
                {(aria) => (
                  <NativeSelect id={fieldId("header.format")} {...reg("header.format", { onChange: onHeaderFormatChange })} {...aria}>
                    {HEADER_FORMATS.map((format) => <option key={format} value={format}>{t(`headerFormats.${format}`)}</option>)}
                  </NativeSelect>
                )}
              </Field>
              {headerFormat === "TEXT" ? (
                <Field field="header.text" label={t("headerText")} error={problemAt("header.text")} counter={`${[...(draft.header?.text ?? "")].length}/${TEMPLATE_LIMITS.headerText}`}>
                  {(aria) => <Input id={fieldId("header.text")} {...reg("header.text")} {...aria} dir="auto" placeholder={named ? t("headerPlaceholderNamed") : t("headerPlaceholderNumbered")} />}
                </Field>
              ) : null}
              {headerFormat === "TEXT" && variables.header[0] ? (
                <Field field="header.example" label={t("headerExample", { variable: `{{${variables.header[0]}}}` })} error={problemAt("header.example")} className="sm:col-start-2">
                  {(aria) => <Input id={fieldId("header.example")} {...reg("header.example")} {...aria} dir="auto" />}
                </Field>
              ) : null}
              {isMediaHeaderFormat(headerFormat) ? (
                <Field
                  field="header.handle"
                  label={t("sample", { format: headerFormat })}
                  error={sampleUpload.error ?? problemAt("header.handle")}
                  hint={t("sampleHint", { rule: say(headerSampleRuleText(headerFormat, size)) })}
                >
                  {(aria) => (
                    <div className="space-y-1.5">
                      <Input
                        key={headerFormat}
                        id={fieldId("header.handle")}
                        type="file"
                        accept={HEADER_SAMPLE_RULES[headerFormat].accept}
                        onChange={(event) => void onSampleChosen(event)}
                        disabled={sampleUpload.pending}
                        {...aria}
                        className="cursor-pointer"
                      />
                      <p className="flex items-center gap-1.5 text-xs text-muted-foreground" aria-live="polite">
                        {sampleUpload.uploading ? (
                          <>
                            <Loader2Icon className="size-3.5 animate-spin" aria-hidden="true" />
                            {t("sampleUploading", { name: sampleUpload.uploading })}
                          </>
                        ) : sampleUpload.sample && sampleUpload.sample.format === headerFormat && draft.header?.handle ? (
                          <>{t("sampleUploaded", { name: sampleUpload.sample.fileName })}</>
                        ) : draft.header?.handle && handleFormat === headerFormat ? (
                          <>{readOnly ? t("sampleOnFile") : t("sampleOnFileReplace")}</>
                        ) : null}
                      </p>
                    </div>
                  )}
                </Field>
              ) : null}
              {headerFormat === "LOCATION" ? <p className="self-end pb-2 text-sm text-muted-foreground">{t("locationHint")}</p> : null}
            </div>
          </Section>

          <Section title={t("bodyTitle")} description={named ? t("bodyDescriptionNamed") : t("bodyDescriptionNumbered")}>
            <Field field="body.text" label={t("body")} error={problemAt("body.text")} counter={`${[...(draft.body?.text ?? "")].length}/${TEMPLATE_LIMITS.bodyText}`}>
              {(aria) => (
                <Textarea
                  id={fieldId("body.text")}
                  {...reg("body.text")}
                  {...aria}
                  rows={6}
                  dir="auto"
                  placeholder={named ? t("bodyPlaceholderNamed") : t("bodyPlaceholderNumbered")}
                />
              )}
            </Field>
            {variables.body.length > 0 ? (
              <div className="mt-4 grid gap-3 sm:grid-cols-2">
                {named
                  ? variables.body.slice(0, 50).map((name) => (
                      <Field key={name} field={`body.namedExamples.${name}`} label={t("exampleFor", { variable: `{{${name}}}` })} error={problemAt(`body.namedExamples.${name}`)}>
                        {(aria) => <Input id={fieldId(`body.namedExamples.${name}`)} {...reg(`body.namedExamples.${name}`)} {...aria} dir="auto" />}
                      </Field>
                    ))
                  : variables.body.slice(0, 50).map((variable, index) => (
                      <Field key={variable} field={`body.examples.${index}`} label={t("exampleFor", { variable: `{{${variable}}}` })} error={problemAt(`body.examples.${index}`)}>
                        {(aria) => <Input id={fieldId(`body.examples.${index}`)} {...reg(`body.examples.${index}`)} {...aria} dir="auto" />}
                      </Field>
                    ))}
              </div>
            ) : null}
          </Section>

          <Section title={t("footerTitle")} description={t("footerDescription")}>
            <Field field="footer" label={t("footer")} error={problemAt("footer")} counter={`${[...(draft.footer ?? "")].length}/${TEMPLATE_LIMITS.footerText}`}>
              {(aria) => <Input id={fieldId("footer")} {...reg("footer")} {...aria} dir="auto" placeholder={t("footerPlaceholder")} />}
            </Field>
          </Section>

          <Section title={t("buttonsTitle")} description={t("buttonsDescription", { total: TEMPLATE_LIMITS.buttonsTotal, urls: TEMPLATE_LIMITS.urlButtons })}>
            {problemAt("buttons") ? (
              <p id={fieldId("buttons")} tabIndex={-1} className="mb-3 text-sm text-destructive">{problemAt("buttons")}</p>
            ) : null}
            <ol className="space-y-3" aria-label={t("buttonsList")}>
              {buttons.fields.map((button, index) => {
                const type = button.type;
                const Icon = BUTTON_ICONS[type];
                const current = draft.buttons?.[index];
                return (
                  <li key={button.id} className="rounded-lg border bg-muted/20 p-3">
                    <div className="mb-2 flex items-center justify-between gap-2">
                      <p className="flex items-center gap-1.5 text-sm font-medium">
                        <Icon className={cn("size-4 text-muted-foreground", mirrorInRtl(type))} aria-hidden="true" />
                        {t("buttonHeading", { number: index + 1, type: tTemplates(`buttonTypes.${type}`) })}
                      </p>
                      {!readOnly ? (
                        <Button type="button" variant="ghost" size="icon-sm" aria-label={t("removeButton", { number: index + 1 })} onClick={() => buttons.remove(index)}>
                          <XIcon aria-hidden="true" />
                        </Button>
                      ) : null}
                    </div>
                    <div className="grid gap-3 sm:grid-cols-2">
                      {type !== "COPY_CODE" ? (
                        <Field field={`buttons.${index}.text`} label={t("buttonText", { number: index + 1 })} error={problemAt(`buttons.${index}.text`)} counter={`${[...(current?.text ?? "")].length}/${TEMPLATE_LIMITS.buttonText}`}>
                          {(aria) => <Input id={fieldId(`buttons.${index}.text`)} {...reg(`buttons.${index}.text`)} {...aria} dir="auto" />}
                        </Field>
                      ) : null}
                      {type === "URL" ? (
                        <Field field={`buttons.${index}.url`} label={t("buttonLink", { number: index + 1 })} error={problemAt(`buttons.${index}.url`)} hint={t("buttonLinkHint")}>
                          {(aria) => <Input id={fieldId(`buttons.${index}.url`)} {...reg(`buttons.${index}.url`)} {...aria} dir="ltr" placeholder={t("buttonLinkPlaceholder")} />}
                        </Field>
                      ) : null}
                      {type === "URL" && /\{\{[^{}]*\}\}/.test(current?.url ?? "") ? (
                        <Field field={`buttons.${index}.urlExample`} label={t("buttonLinkExample", { number: index + 1 })} error={problemAt(`buttons.${index}.urlExample`)} className="sm:col-start-2">
                          {(aria) => <Input id={fieldId(`buttons.${index}.urlExample`)} {...reg(`buttons.${index}.urlExample`)} {...aria} placeholder={URL_EXAMPLE_PLACEHOLDER} />}
                        </Field>
                      ) : null}
                      {type === "PHONE_NUMBER" ? (
                        <Field field={`buttons.${index}.phoneNumber`} label={t("buttonPhone", { number: index + 1 })} error={problemAt(`buttons.${index}.phoneNumber`)}>
                          {(aria) => <Input id={fieldId(`buttons.${index}.phoneNumber`)} {...reg(`buttons.${index}.phoneNumber`)} {...aria} type="tel" dir="ltr" placeholder={PHONE_PLACEHOLDER} />}
                        </Field>
                      ) : null}
                      {type === "COPY_CODE" ? (
                        <Field field={`buttons.${index}.code`} label={t("buttonCode", { number: index + 1 })} error={problemAt(`buttons.${index}.code`)} hint={t("buttonCodeHint", { maximum: DRAFT_LIMITS.couponCode })}>
                          {(aria) => <Input id={fieldId(`buttons.${index}.code`)} {...reg(`buttons.${index}.code`)} {...aria} className="font-mono" />}
                        </Field>
                      ) : null}
                    </div>
                  </li>
                );
              })}
            </ol>
            {!readOnly ? (
              <div className="mt-3 flex flex-wrap gap-2">
                {(["QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE"] as const).map((type) => {
                  const Icon = BUTTON_ICONS[type];
                  return (
                    <Button key={type} type="button" variant="outline" size="sm" onClick={() => { buttons.append(emptyDraftButton(type)); visit("buttons"); }} disabled={buttons.fields.length >= TEMPLATE_LIMITS.buttonsTotal}>
                      <PlusIcon aria-hidden="true" />
                      <Icon className={mirrorInRtl(type)} aria-hidden="true" />
                      {tTemplates(`buttonTypes.${type}`)}
                    </Button>
                  );
                })}
              </div>
            ) : null}
          </Section>
        </fieldset>

        {!readOnly ? (
          <div className="sticky bottom-0 z-10 -mx-1 flex flex-wrap items-center justify-end gap-3 border-t bg-background/95 px-1 py-3 backdrop-blur">
            <p className={cn("me-auto text-sm", submitted && lintCount > 0 ? "text-destructive" : "text-muted-foreground")} aria-live="polite">
              {lintCount === 0 ? t("ready") : t("problems", { count: lintCount })}
            </p>
            <Button asChild variant="ghost"><Link href="/templates">{tAll("common.cancel")}</Link></Button>
            <Button type="submit" disabled={pending || sampleUpload.pending}>
              {pending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
              {mode === "create" ? t("submitNew") : t("submitChanges")}
            </Button>
          </div>
        ) : null}
      </form>

      <aside aria-label={t("preview")} className="lg:sticky lg:top-4 lg:self-start">
        <p className="mb-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">{t("preview")}</p>
        <TemplatePreviewBubble
          preview={preview}
          businessName={businessName}
          headerSample={sampleUpload.sample && sampleUpload.sample.format === headerFormat && draft.header?.handle ? { name: sampleUpload.sample.fileName, url: sampleUpload.sample.url } : undefined}
        />
        <p className="mt-2 text-xs text-muted-foreground">{t("previewNote")}</p>
      </aside>
    </div>
  );
}

function Section({ title, description, children }: { title: string; description: string; children: React.ReactNode }) {
  return (
    <Card className="gap-4 py-5">
      <CardHeader className="px-5">
        <CardTitle className="text-sm">{title}</CardTitle>
        <CardDescription className="text-xs">{description}</CardDescription>
      </CardHeader>
      <CardContent className="px-5">{children}</CardContent>
    </Card>
  );
}

function Field({
  field,
  label,
  error,
  hint,
  counter,
  className,
  children,
}: {
  field: string;
  label: string;
  error?: string;
  hint?: string;
  counter?: string;
  className?: string;
  children: (aria: { "aria-invalid"?: true; "aria-describedby"?: string }) => React.ReactNode;
}) {
  const id = fieldId(field);
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ");
  return (
    <div className={cn("space-y-1.5", className)}>
      <div className="flex items-baseline justify-between gap-2">
        <Label htmlFor={id}>{label}</Label>
        {counter ? <span className="text-xs text-muted-foreground tabular-nums" aria-hidden="true">{counter}</span> : null}
      </div>
      {children({ "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined })}
      {error ? <p id={`${id}-error`} className="text-sm text-destructive">{error}</p> : null}
      {hint ? <p id={`${id}-hint`} className="text-xs text-muted-foreground">{hint}</p> : null}
    </div>
  );
}

