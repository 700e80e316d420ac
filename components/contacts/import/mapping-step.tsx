"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Loader2Icon, PlayIcon, Trash2Icon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Button } from "@/components/ui/button";
import { Field, FieldControl, FormError } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/toast";
import { actionMessage, readActionResult } from "@/lib/action-result";
import { discardContactImportAction, startContactImportAction } from "@/lib/actions/contact-imports";
import type { AttributeDefinitionView, ContactImportView, ImportField } from "@/lib/contacts/views";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";

import { useImportAttributes } from "../import-api";
import { BASIC_FIELDS, guessMapping, mappingProblems, phoneColumn, withChoice, type ColumnChoice, type ColumnMapping } from "./mapping";
import { IMPORTS_PATH } from "./paths";

/** A country the numbers may be read in: ISO code, its name in the reader's language, its calling code. */
export interface CountryOption {
  code: string;
  name: string;
  callingCode: string;
}

const COUNTRY_FIELD_ID = "import-default-country";
const MAPPING_ERROR_ID = "import-mapping-error";

/**
 * Step 2 of an import: which field each column holds (guessed from the headers, over the first rows
 * of the file), the country of numbers written without "+", then "Start import" or "Discard".
 */
export function MappingStep({ view, countries, suggestedCountry }: { view: ContactImportView; countries: CountryOption[]; suggestedCountry: string | null }) {
  const t = useTranslations("contacts.importer.mapping");
  const attributes = useImportAttributes();
  if (attributes.isPending) {
    return (
      <div aria-busy="true" aria-label={t("loading")} className="grid gap-3">
        <Skeleton className="h-9 w-72" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }
  // Without the attribute list the basic fields still import: the columns that held attributes stay left out.
  return (
    <>
      {attributes.isError ? <FormError message={t("attributesUnavailable")} /> : null}
      <MappingForm view={view} countries={countries} suggestedCountry={suggestedCountry} attributes={attributes.data ?? []} />
    </>
  );
}

function MappingForm({
  view,
  countries,
  suggestedCountry,
  attributes,
}: {
  view: ContactImportView;
  countries: CountryOption[];
  suggestedCountry: string | null;
  attributes: AttributeDefinitionView[];
}) {
  const t = useTranslations("contacts.importer.mapping");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const [mapping, setMapping] = useState<ColumnMapping>(() => view.mapping ?? guessMapping(view.columns, attributes));
  const [country, setCountry] = useState(view.defaultCountry ?? suggestedCountry ?? "");
  // Problems of the mapping are shown once the person tries to start, then kept current as they fix them.
  const [tried, setTried] = useState(false);

  const { execute, result, isPending, reset } = useAction(startContactImportAction, {
    onSuccess: ({ data }) => {
      if (!data) return;
      queryClient.setQueryData(queryKeys.contacts.import(view.id), data);
      // The job may have moved on while the answer travelled: read it once more, then the live events carry it.
      void queryClient.invalidateQueries({ queryKey: queryKeys.contacts.imports() });
    },
  });
  const refused = readActionResult(result);
  const serverFieldErrors = refused.ok ? {} : refused.fieldErrors;
  const serverCountryError = serverFieldErrors.defaultCountry;
  const serverMappingError = Object.entries(serverFieldErrors).find(([field]) => field === "mapping" || field.startsWith("mapping."))?.[1];
  const serverGeneralError = !refused.ok && !serverCountryError && !serverMappingError ? refused.message : undefined;

  const problems = mappingProblems(mapping);
  const duplicateColumns = new Set(problems.flatMap((problem) => (problem.kind === "duplicate" ? problem.columns : [])));
  const columnName = (index: number) => view.columns[index]?.trim() || t("unnamedColumn", { number: index + 1 });
  const fieldName = (field: ImportField) => {
    if (field.startsWith("attribute:")) {
      const key = field.slice("attribute:".length);
      return attributes.find((definition) => definition.key === key)?.name ?? key;
    }
    return t(`fields.${field as (typeof BASIC_FIELDS)[number]}`);
  };
  const problemText = problems
    .map((problem) =>
      problem.kind === "noPhone"
        ? t("problems.noPhone")
        : t("problems.duplicate", { field: fieldName(problem.field), columns: format.list(problem.columns.map(columnName), { type: "conjunction" }) }),
    )
    .join(" ");
  const mappingError = (tried && problemText) || serverMappingError;

  const choose = (index: number, choice: ColumnChoice) => {
    setMapping((current) => withChoice(current, index, choice));
    if (serverMappingError) reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problems.length > 0) return;
    execute({ importId: view.id, mapping, defaultCountry: country || null });
  };

  const phone = phoneColumn(mapping);
  const rows = format.number(view.totalRows);

  return (
    <form noValidate onSubmit={submit} className="grid gap-5" aria-labelledby="import-mapping-title">
      <div className="space-y-1">
        <h3 id="import-mapping-title" className="text-base font-semibold tracking-tight">
          {t("title")}
        </h3>
        <p className="max-w-3xl text-sm text-muted-foreground">{t("description")}</p>
      </div>

      <p aria-live="polite" className="text-sm">
        {phone === undefined
          ? t("summaryNoPhone", { count: view.totalRows })
          : t.rich("summary", { count: view.totalRows, column: columnName(phone), name: (chunks) => <bdi dir="auto">{chunks}</bdi> })}
      </p>

      <Field id={COUNTRY_FIELD_ID} label={t("country")} description={t("countryHint")} error={serverCountryError} className="max-w-sm">
        <FieldControl>
          <NativeSelect
            value={country}
            onChange={(event) => {
              setCountry(event.target.value);
              if (serverCountryError) reset();
            }}
            className="w-full"
          >
            <option value="">{t("countryNone")}</option>
            {countries.map((option) => (
              <option key={option.code} value={option.code}>
                {t("countryOption", { name: option.name, callingCode: option.callingCode })}
              </option>
            ))}
          </NativeSelect>
        </FieldControl>
      </Field>

      <div className="grid gap-2">
        <div
          role="region"
          aria-label={t("previewLabel")}
          tabIndex={0}
          className="overflow-x-auto rounded-xl border bg-card focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        >
          <table className="w-max min-w-full text-sm" aria-describedby={mappingError ? MAPPING_ERROR_ID : undefined}>
            <caption className="sr-only">{t("tableCaption")}</caption>
            <thead>
              <tr className="border-b bg-muted/40">
                {view.columns.map((_, index) => (
                  <td key={index} className="px-3 pt-3 pb-2 align-bottom">
                    <ColumnSelect
                      label={t("columnField", { column: columnName(index) })}
                      value={mapping[String(index)] ?? ""}
                      attributes={attributes}
                      invalid={tried && duplicateColumns.has(index)}
                      onChange={(choice) => choose(index, choice)}
                    />
                  </td>
                ))}
              </tr>
              <tr className="border-b">
                {view.columns.map((_, index) => (
                  <th
                    key={index}
                    scope="col"
                    dir="auto"
                    className={cn("px-3 py-2 text-start font-medium whitespace-nowrap", mapping[String(index)] === undefined && "text-muted-foreground")}
                  >
                    {columnName(index)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.previewRows.map((row, rowIndex) => (
                <tr key={rowIndex} className="border-b last:border-0">
                  {view.columns.map((_, index) => (
                    <td
                      key={index}
                      dir="auto"
                      title={row[index] ?? ""}
                      className={cn("max-w-56 truncate px-3 py-1.5", mapping[String(index)] === undefined && "text-muted-foreground")}
                    >
                      {row[index] ?? ""}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {mappingError ? (
          <p id={MAPPING_ERROR_ID} role="alert" className="text-sm text-destructive">
            {mappingError}
          </p>
        ) : null}
        {view.totalRows > view.previewRows.length ? (
          <p className="text-xs text-muted-foreground">{t("previewNote", { shown: format.number(view.previewRows.length), rows })}</p>
        ) : null}
      </div>

      <FormError message={serverGeneralError} />

      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={isPending}>
          {isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <PlayIcon aria-hidden="true" />}
          {isPending ? t("starting") : t("start")}
        </Button>
        <DiscardButton view={view} disabled={isPending} />
      </div>
    </form>
  );
}

/** The field one column holds: the basic fields, then the team's custom attributes by name. */
function ColumnSelect({
  label,
  value,
  attributes,
  invalid,
  onChange,
}: {
  label: string;
  value: ColumnChoice;
  attributes: AttributeDefinitionView[];
  invalid: boolean;
  onChange: (choice: ColumnChoice) => void;
}) {
  const t = useTranslations("contacts.importer.mapping");
  return (
    <NativeSelect
      aria-label={label}
      aria-invalid={invalid || undefined}
      value={value}
      onChange={(event) => onChange(event.target.value as ColumnChoice)}
      className={cn("h-8 w-44 text-sm", value === "" && "text-muted-foreground")}
    >
      <option value="">{t("fields.ignore")}</option>
      {BASIC_FIELDS.map((field) => (
        <option key={field} value={field}>
          {t(`fields.${field}`)}
        </option>
      ))}
      {attributes.length > 0 ? (
        <optgroup label={t("attributesGroup")}>
          {attributes.map((definition) => (
            <option key={definition.key} value={`attribute:${definition.key}`}>
              {definition.name}
            </option>
          ))}
        </optgroup>
      ) : null}
    </NativeSelect>
  );
}

/** Drops the uploaded file without importing it (asked first), then back to the list. */
function DiscardButton({ view, disabled }: { view: ContactImportView; disabled: boolean }) {
  const t = useTranslations("contacts.importer.discard");
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const { execute, result, isPending, reset } = useAction(discardContactImportAction, {
    onSuccess: () => {
      toast.success(t("done", { name: view.fileName }));
      setOpen(false);
      queryClient.removeQueries({ queryKey: queryKeys.contacts.import(view.id), exact: true });
      void queryClient.invalidateQueries({ queryKey: queryKeys.contacts.imports(), exact: true });
      router.push(IMPORTS_PATH);
    },
  });
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
      trigger={
        <Button type="button" variant="outline" disabled={disabled}>
          <Trash2Icon aria-hidden="true" />
          {t("button")}
        </Button>
      }
      title={<span dir="auto">{t("title", { name: view.fileName })}</span>}
      description={<p>{t("description")}</p>}
      confirmLabel={t("confirm")}
      pendingLabel={t("pending")}
      destructive
      pending={isPending}
      error={actionMessage(result)}
      onConfirm={() => execute({ importId: view.id })}
    />
  );
}
