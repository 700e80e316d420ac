"use client";

import { FileTextIcon, PhoneIcon, SearchIcon } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";

import { EmptyState } from "@/components/empty-state";
import { BusinessNumberLabel } from "@/components/phone-numbers/number-label";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, FieldControl, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";
import { templateFields } from "@/lib/whatsapp/template-fill";

import { useBuilderErrorText, useWabaTemplates } from "../builder-api";
import { approvedTemplates, CAMPAIGN_NAME_MAX, templateDefinition, type BuilderDraft, type BuilderTemplate, type DraftProblem } from "./draft";

export interface BuilderNumber {
  id: string;
  displayPhoneNumber: string | null;
  verifiedName: string | null;
  wabaId: string;
}

/** Step 1: the campaign's name, the business number it is sent from, and an approved template of that number's account. */
export function SetupStep({
  draft,
  numbers,
  problems,
  showProblems,
  serverErrors,
  onName,
  onNumber,
  onTemplate,
}: {
  draft: BuilderDraft;
  numbers: readonly BuilderNumber[];
  problems: readonly DraftProblem[];
  showProblems: boolean;
  serverErrors: Record<string, string>;
  onName: (name: string) => void;
  onNumber: (number: BuilderNumber) => void;
  onTemplate: (template: BuilderTemplate) => void;
}) {
  const t = useTranslations("campaigns.builder.setup");
  const problem = (field: string) => {
    const found = showProblems ? problems.find((entry) => entry.field === field) : undefined;
    return found ? t(`problems.${found.kind as "nameMissing" | "nameTooLong" | "numberMissing" | "templateMissing"}`, { maximum: CAMPAIGN_NAME_MAX }) : serverErrors[field];
  };
  const number = numbers.find((entry) => entry.id === draft.phoneNumberId);

  return (
    <div className="grid gap-6">
      <Field id="campaign-name" label={t("name")} description={t("nameHint", { maximum: CAMPAIGN_NAME_MAX })} error={problem("name")} className="max-w-xl">
        <FieldControl>
          <Input value={draft.name} onChange={(event) => onName(event.target.value)} autoComplete="off" dir="auto" maxLength={CAMPAIGN_NAME_MAX + 20} />
        </FieldControl>
      </Field>

      <fieldset className="grid gap-2" aria-describedby={problem("phoneNumberId") ? "campaign-number-error" : undefined}>
        <legend className="mb-2 text-sm font-medium">{t("number")}</legend>
        {numbers.length === 0 ? (
          <EmptyState
            icon={PhoneIcon}
            headingLevel="h3"
            title={t("noNumbersTitle")}
            description={t("noNumbersDescription")}
            action={
              <Button asChild variant="outline">
                <Link href="/connections">{t("openConnections")}</Link>
              </Button>
            }
          />
        ) : (
          <div className="grid gap-2 sm:grid-cols-2">
            {numbers.map((entry) => (
              <label
                key={entry.id}
                className={cn(
                  "flex cursor-pointer items-center gap-3 rounded-lg border px-3 py-2.5 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
                  entry.id === draft.phoneNumberId ? "border-primary bg-primary/5" : "hover:bg-muted/50",
                )}
              >
                <input type="radio" name="campaign-number" value={entry.id} checked={entry.id === draft.phoneNumberId} onChange={() => onNumber(entry)} className="accent-primary" />
                <span className="min-w-0 truncate">
                  <BusinessNumberLabel number={entry} />
                </span>
              </label>
            ))}
          </div>
        )}
        {problem("phoneNumberId") ? <FormError message={problem("phoneNumberId")} /> : null}
      </fieldset>

      {number ? <TemplatePicker wabaId={number.wabaId} selectedId={draft.templateId} error={problem("templateId")} onTemplate={onTemplate} /> : null}
    </div>
  );
}

function TemplatePicker({
  wabaId,
  selectedId,
  error,
  onTemplate,
}: {
  wabaId: string;
  selectedId: string;
  error: string | undefined;
  onTemplate: (template: BuilderTemplate) => void;
}) {
  const t = useTranslations("campaigns.builder.setup");
  const errorText = useBuilderErrorText();
  const searchId = useId();
  const [search, setSearch] = useState("");
  const query = useWabaTemplates(wabaId);
  const all = query.data?.templates ?? [];
  const shown = approvedTemplates(all, search);
  const selected = all.find((template) => template.id === selectedId);

  return (
    <fieldset className="grid gap-3">
      <legend className="mb-2 text-sm font-medium">{t("template")}</legend>
      <p className="-mt-1 text-sm text-muted-foreground">{t("templateHint")}</p>
      {query.isPending ? (
        <div aria-busy="true" aria-label={t("templatesLoading")} className="grid gap-2">
          <Skeleton className="h-9 w-72" />
          <Skeleton className="h-32 w-full" />
        </div>
      ) : query.isError ? (
        <div className="grid justify-items-start gap-2">
          <FormError message={errorText(query.error)} />
          <Button variant="outline" size="sm" onClick={() => void query.refetch()}>
            {t("retry")}
          </Button>
        </div>
      ) : approvedTemplates(all, "").length === 0 ? (
        <EmptyState
          icon={FileTextIcon}
          headingLevel="h3"
          title={t("noTemplatesTitle")}
          description={t("noTemplatesDescription")}
          action={
            <Button asChild variant="outline">
              <Link href="/templates/new">{t("createTemplate")}</Link>
            </Button>
          }
        />
      ) : (
        <>
          <div className="relative max-w-sm">
            <SearchIcon className="pointer-events-none absolute start-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
            <Input id={searchId} type="search" value={search} onChange={(event) => setSearch(event.target.value)} aria-label={t("searchTemplates")} placeholder={t("searchPlaceholder")} className="ps-8" />
          </div>
          {shown.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("noMatch")}</p>
          ) : (
            <ul aria-label={t("templatesLabel")} className="grid max-h-80 gap-1.5 overflow-y-auto pe-1">
              {shown.map((template) => (
                <li key={template.id}>
                  <label
                    className={cn(
                      "flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-2 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
                      template.id === selectedId ? "border-primary bg-primary/5" : "hover:bg-muted/50",
                    )}
                  >
                    <input type="radio" name="campaign-template" value={template.id} checked={template.id === selectedId} onChange={() => onTemplate(template)} className="mt-1 accent-primary" />
                    <TemplateOption template={template} />
                  </label>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {error ? <FormError message={error} /> : null}
      {selected ? <SelectedTemplate template={selected} /> : null}
    </fieldset>
  );
}

function TemplateOption({ template }: { template: BuilderTemplate }) {
  const t = useTranslations("campaigns.builder.setup");
  return (
    <span className="grid min-w-0 gap-0.5">
      <span className="flex flex-wrap items-center gap-2">
        <span dir="auto" className="truncate font-medium">
          {template.name}
        </span>
        <Badge variant="outline">
          <bdi dir="ltr">{template.language}</bdi>
        </Badge>
        <Badge variant="secondary">{t(`categories.${categoryKey(template.category)}`)}</Badge>
      </span>
    </span>
  );
}

/** The chosen template's variables, as the template writes them (named or positional). */
function SelectedTemplate({ template }: { template: BuilderTemplate }) {
  const t = useTranslations("campaigns.builder.setup");
  const fields = templateFields(templateDefinition(template));
  const names = [...fields.headerVariableNames, ...fields.bodyVariableNames.filter((name) => fields.parameterFormat !== "NAMED" || !fields.headerVariableNames.includes(name))];
  return (
    <div className="rounded-lg border bg-muted/30 px-3 py-2.5 text-sm" aria-live="polite">
      <p className="font-medium">
        {t.rich("selected", { name: template.name, template: (chunks) => <bdi dir="auto">{chunks}</bdi> })}
      </p>
      <p className="text-muted-foreground">
        {names.length === 0
          ? t("noVariables")
          : t("variables", {
              count: names.length,
              format: fields.parameterFormat === "NAMED" ? "named" : "positional",
            })}{" "}
        {names.map((name, index) => (
          <code key={`${index}-${name}`} className="me-1 rounded bg-muted px-1 py-0.5 font-mono text-xs">
            {placeholder(name)}
          </code>
        ))}
      </p>
    </div>
  );
}

/** A variable as the template writes it. */
const placeholder = (name: string) => `{{${name}}}`;

const CATEGORY_KEYS = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;
/** The template's category as a catalog key ("other" for one we do not know). */
export function categoryKey(category: string): "marketing" | "utility" | "authentication" | "other" {
  const upper = category.toUpperCase();
  return (CATEGORY_KEYS as readonly string[]).includes(upper) ? (upper.toLowerCase() as "marketing" | "utility" | "authentication") : "other";
}
