"use client";

import { useQuery } from "@tanstack/react-query";
import { FileTextIcon, Loader2Icon } from "lucide-react";
import { useTranslations } from "next-intl";
import * as React from "react";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useTemplateLabels } from "@/components/templates/badges";
import { unwrap } from "@/lib/action-result";
import { listTemplatesAction } from "@/lib/actions/inbox";
import type { Translatable } from "@/lib/i18n/translatable";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";
import {
  emptyTemplateValues,
  renderTemplate,
  setTemplateVariable,
  templateFields,
  templateValueProblems,
  templateVariableInputs,
  templateVariableValue,
  type TemplateDefinition,
  type TemplateValues,
} from "@/lib/whatsapp/template-fill";
import { unsendableReason } from "@/lib/whatsapp/template-kinds";

import { FormattedText } from "./message-content";

export type SendTemplate = (template: TemplateDefinition, values: TemplateValues) => Promise<boolean>;

const templateKey = (template: TemplateDefinition) => `${template.name}:${template.language}`;

const BUTTON_LABELS = ["QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE", "OTP", "CATALOG", "MPM", "SPM", "FLOW"] as const;
type LabelledButton = (typeof BUTTON_LABELS)[number];
const isLabelledButton = (type: string): type is LabelledButton => (BUTTON_LABELS as readonly string[]).includes(type);

function Preview({ template, values }: { template: TemplateDefinition; values: TemplateValues }) {
  const t = useTranslations("templates");
  const rendered = renderTemplate(template, values);
  const fields = templateFields(template);
  // A button without text of its own shows WhatsApp's label for its kind, in the reader's words.
  const buttonText = (index: number, text: string) => {
    const field = fields.buttons[index];
    return field && !field.ownText && isLabelledButton(field.type) ? t(`buttonTypes.${field.type}`) : text;
  };
  return (
    <div aria-label={t("picker.preview")} role="region" className="rounded-lg bg-muted/60 p-3">
      <p className="mb-2 text-xs font-medium text-muted-foreground">{t("picker.preview")}</p>
      <div className="ms-auto max-w-sm rounded-lg rounded-se-sm bg-[oklch(0.94_0.05_160)] px-3 py-2 text-sm shadow-xs dark:bg-[oklch(0.33_0.06_165)]">
        {rendered.header?.type === "text" ? (
          <p className="font-semibold" dir="auto">
            {rendered.header.text}
          </p>
        ) : null}
        {rendered.header && rendered.header.type !== "text" ? (
          <p className="mb-1 rounded bg-black/10 px-2 py-6 text-center text-xs text-muted-foreground">{t("preview.mediaHeader", { kind: rendered.header.type })}</p>
        ) : null}
        <div dir="auto">
          <FormattedText value={rendered.body} />
        </div>
        {rendered.footer ? (
          <p className="mt-1 text-xs text-muted-foreground" dir="auto">
            {rendered.footer}
          </p>
        ) : null}
        {rendered.buttons.length > 0 ? (
          <ul className="mt-2 grid gap-1">
            {rendered.buttons.map((button, index) => (
              <li key={index} className="rounded-md border border-black/10 bg-background/60 px-2 py-1 text-center text-sm font-medium text-info" dir="auto">
                {buttonText(index, button.text)}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}

/** Approved templates for this conversation: pick one, fill its variables, see the result, send. */
export function TemplatePicker({
  open,
  onOpenChange,
  conversationId,
  onSend,
  reason,
  marketingStopped = false,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  conversationId: string;
  onSend: SendTemplate;
  /** Why a template is needed, shown at the top (the closed window). */
  reason?: string;
  /** The customer stopped marketing messages: WhatsApp would not deliver marketing templates (131050). */
  marketingStopped?: boolean;
}) {
  const t = useTranslations("templates.picker");
  const tAll = useTranslations();
  const labels = useTemplateLabels();
  const say = (said: Translatable) => tAll(said.key, said.values);
  const templates = useQuery({
    queryKey: queryKeys.inbox.templates(conversationId),
    queryFn: async () => unwrap(await listTemplatesAction({ conversationId }), t("loadFailed")),
    enabled: open,
    staleTime: 5 * 60_000,
  });
  const [selected, setSelected] = React.useState<string | null>(null);
  const [values, setValues] = React.useState<TemplateValues>({ header: [], body: [], buttons: {} });
  const [touched, setTouched] = React.useState(false);
  const [sending, setSending] = React.useState(false);
  const [filter, setFilter] = React.useState("");

  const blockedByPreference = (candidate: TemplateDefinition) => marketingStopped && candidate.category?.toUpperCase() === "MARKETING";
  const template = templates.data?.find((candidate) => templateKey(candidate) === selected && !blockedByPreference(candidate));
  const choose = (candidate: TemplateDefinition) => {
    setSelected(templateKey(candidate));
    setValues(emptyTemplateValues(candidate));
    setTouched(false);
  };
  const changeOpen = (next: boolean) => {
    if (!next) {
      setSelected(null);
      setFilter("");
    }
    onOpenChange(next);
  };

  const problems = template ? templateValueProblems(template, values) : [];
  const problemOf = (field: string) => {
    const problem = touched ? problems.find((entry) => entry.field === field) : undefined;
    return problem ? say(problem.message) : undefined;
  };
  const fields = template ? templateFields(template) : undefined;
  const variableInputs = template ? templateVariableInputs(template) : [];
  const variableProblem = (variable: (typeof variableInputs)[number]) =>
    (variable.header !== undefined ? problemOf(`header.${variable.header}`) : undefined) ?? (variable.body !== undefined ? problemOf(`body.${variable.body}`) : undefined);
  // The server offers only what the picker can fill; an older answer cached before that is filtered here too.
  const visible = (templates.data ?? []).filter((candidate) => !unsendableReason(candidate) && candidate.name.includes(filter.trim().toLowerCase()));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!template || problems.length > 0 || sending) return;
    setSending(true);
    try {
      if (await onSend(template, values)) changeOpen(false);
    } finally {
      setSending(false);
    }
  };

  const input = (id: string, label: string, value: string, onChange: (value: string) => void, problem?: string, placeholder?: string) => (
    <div className="space-y-1" key={id}>
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} value={value} placeholder={placeholder} onChange={(event) => onChange(event.target.value)} aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-problem` : undefined} />
      {problem ? (
        <p id={`${id}-problem`} className="text-xs text-destructive">
          {problem}
        </p>
      ) : null}
    </div>
  );

  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogContent className="max-h-[90dvh] overflow-y-auto sm:max-w-3xl">
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>{reason ?? t("description")}</DialogDescription>
        </DialogHeader>
        <div className="grid gap-4 md:grid-cols-[14rem_1fr]">
          <div className="space-y-2">
            <Input type="search" value={filter} onChange={(event) => setFilter(event.target.value)} placeholder={t("filter")} aria-label={t("filter")} className="h-8 text-sm" />
            {templates.isPending ? (
              <p className="flex items-center gap-2 text-sm text-muted-foreground">
                <Loader2Icon className="size-4 animate-spin" aria-hidden="true" /> {t("loading")}
              </p>
            ) : templates.isError ? (
              <p className="text-sm text-destructive">{templates.error.message}</p>
            ) : visible.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("none")}</p>
            ) : (
              <ul aria-label={t("list")} className="max-h-80 space-y-0.5 overflow-y-auto">
                {visible.map((candidate) => {
                  const blocked = blockedByPreference(candidate);
                  return (
                    <li key={templateKey(candidate)}>
                      <button
                        type="button"
                        aria-pressed={selected === templateKey(candidate)}
                        disabled={blocked}
                        onClick={() => choose(candidate)}
                        className={cn(
                          "flex w-full items-start gap-2 rounded-md px-2 py-1.5 text-start text-sm outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring disabled:cursor-not-allowed disabled:hover:bg-transparent",
                          selected === templateKey(candidate) && "bg-accent",
                        )}
                      >
                        <FileTextIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
                        <span className="min-w-0">
                          <span className={cn("block truncate font-medium", blocked && "text-muted-foreground")}>{candidate.name}</span>
                          <span className="block text-xs text-muted-foreground">
                            {t("templateMeta", { language: candidate.language, category: labels.categoryInline(candidate.category ?? "") })}
                          </span>
                          {blocked ? <span className="mt-0.5 block text-xs text-warning">{t("optedOut")}</span> : null}
                        </span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
          {template && fields ? (
            <form id="template-form" onSubmit={submit} className="space-y-3" noValidate>
              {variableInputs
                .filter((variable) => variable.header !== undefined)
                .map((variable) =>
                  input(`template-${variable.key}`, say(variable.label), templateVariableValue(values, variable), (value) => setValues((current) => setTemplateVariable(current, variable, value)), variableProblem(variable)),
                )}
              {fields.headerFormat === "IMAGE" || fields.headerFormat === "VIDEO" || fields.headerFormat === "DOCUMENT" ? (
                <div className="grid gap-2 sm:grid-cols-2">
                  {input(
                    "template-header-media",
                    t("headerMedia", { format: fields.headerFormat }),
                    values.headerMedia?.id ?? values.headerMedia?.link ?? "",
                    (value) =>
                      setValues((current) => ({
                        ...current,
                        headerMedia: { ...(/^https?:/.test(value) ? { link: value } : { id: value }), filename: current.headerMedia?.filename },
                      })),
                    problemOf("headerMedia"),
                  )}
                  {fields.headerFormat === "DOCUMENT"
                    ? input("template-header-filename", t("fileName"), values.headerMedia?.filename ?? "", (value) =>
                        setValues((current) => ({ ...current, headerMedia: { ...current.headerMedia, filename: value } })),
                      )
                    : null}
                </div>
              ) : null}
              {fields.headerFormat === "LOCATION" ? (
                <div className="grid grid-cols-2 gap-2">
                  {(["latitude", "longitude"] as const).map((axis) =>
                    input(
                      `template-location-${axis}`,
                      t("location", { axis }),
                      values.headerLocation ? String(values.headerLocation[axis]) : "",
                      (value) =>
                        setValues((current) => ({
                          ...current,
                          headerLocation: { latitude: current.headerLocation?.latitude ?? Number.NaN, longitude: current.headerLocation?.longitude ?? Number.NaN, [axis]: value === "" ? Number.NaN : Number(value) },
                        })),
                      axis === "latitude" ? problemOf("headerLocation") : undefined,
                    ),
                  )}
                </div>
              ) : null}
              {/* One field per variable; in a named template one per name, wherever it is used. */}
              {variableInputs
                .filter((variable) => variable.header === undefined)
                .map((variable) =>
                  input(`template-${variable.key}`, say(variable.label), templateVariableValue(values, variable), (value) => setValues((current) => setTemplateVariable(current, variable, value)), variableProblem(variable)),
                )}
              {fields.buttons
                .filter((button) => button.parameter)
                .map((button) =>
                  input(
                    `template-button-${button.index}`,
                    button.parameter === "url_suffix"
                      ? t("urlSuffix", { button: button.text, url: button.url?.replace(/\{\{[^{}]*\}\}/, "…") ?? "" })
                      : button.parameter === "coupon_code"
                        ? t("couponCode", { maximum: 15 })
                        : t("otp"),
                    values.buttons[button.index] ?? "",
                    (value) => setValues((current) => ({ ...current, buttons: { ...current.buttons, [button.index]: value } })),
                    problemOf(`buttons.${button.index}`),
                  ),
                )}
              {fields.bodyVariables === 0 && fields.headerVariables === 0 && !fields.buttons.some((button) => button.parameter) && !["IMAGE", "VIDEO", "DOCUMENT", "LOCATION"].includes(fields.headerFormat ?? "") ? (
                <p className="text-sm text-muted-foreground">{t("noVariables")}</p>
              ) : null}
              <Preview template={template} values={values} />
            </form>
          ) : (
            <div className="flex items-center justify-center rounded-lg border border-dashed p-8 text-sm text-muted-foreground">{t("choose")}</div>
          )}
        </div>
        <DialogFooter>
          <Button type="button" variant="outline" onClick={() => changeOpen(false)}>
            {tAll("common.cancel")}
          </Button>
          <Button type="submit" form="template-form" disabled={!template || sending}>
            {sending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
            {t("send")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
