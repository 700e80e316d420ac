"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";

import { useAttributeDefinitions } from "@/components/contacts/api";
import { useTranslate } from "@/components/i18n/use-translate";
import { useMediaLibrary } from "@/components/inbox/api";
import { TemplatePreviewBubble } from "@/components/templates/template-preview";
import { Field, FieldControl, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import type { CampaignMapping, VariableSource } from "@/lib/campaigns/types";
import { translateMessage } from "@/lib/i18n/translatable";
import { emptyTemplateValues, renderTemplate, templateVariableInputs, type TemplateDefinition } from "@/lib/whatsapp/template-fill";

import { CONTACT_FIELDS, mediaHeaderFormat, type DraftProblem } from "./draft";
import { previewOf } from "./preview";

type SourceKind = VariableSource["source"];
const SOURCE_KINDS = ["field", "attribute", "fixed"] as const satisfies readonly SourceKind[];

/** A source of another kind, keeping the fallback the person already wrote. */
function switchSource(current: VariableSource | undefined, kind: SourceKind): VariableSource {
  const fallback = current && current.source !== "fixed" ? current.fallback : undefined;
  if (kind === "field") return { source: "field", field: "name", fallback };
  if (kind === "attribute") return { source: "attribute", key: "", fallback };
  return { source: "fixed", value: "" };
}

/**
 * Step 3: where each variable's value comes from for each recipient — a contact field, an attribute,
 * or the same text for everyone — with the text used when a contact has none; and the header's file.
 */
export function VariablesStep({
  template,
  phoneNumberId,
  businessName,
  mapping,
  problems,
  showProblems,
  onMapping,
}: {
  template: TemplateDefinition;
  phoneNumberId: string;
  businessName: string | undefined;
  mapping: CampaignMapping;
  problems: readonly DraftProblem[];
  showProblems: boolean;
  onMapping: (mapping: CampaignMapping) => void;
}) {
  const t = useTranslations("campaigns.builder.variables");
  const tAll = useTranslate();
  const attributes = useAttributeDefinitions();
  const inputs = templateVariableInputs(template);
  const mediaFormat = mediaHeaderFormat(template);
  const problemOf = (field: string) => (showProblems ? problems.find((problem) => problem.step === "mapping" && problem.field === field) : undefined);

  const setSource = (key: string, source: VariableSource) => onMapping({ ...mapping, variables: { ...mapping.variables, [key]: source } });

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="grid content-start gap-4">
        {inputs.length === 0 && !mediaFormat ? <p className="text-sm text-muted-foreground">{t("nothingToMap")}</p> : null}
        {inputs.map((input) => {
          const source = mapping.variables[input.key];
          const problem = problemOf(input.key);
          const idBase = `campaign-variable-${input.key}`;
          return (
            <fieldset key={input.key} className="grid gap-3 rounded-lg border px-4 py-3" aria-describedby={problem ? `${idBase}-error` : undefined}>
              <legend className="px-1 text-sm font-medium">
                <bdi dir="ltr">{translateMessage(tAll, input.label)}</bdi>
              </legend>
              <div className="grid gap-3 sm:grid-cols-3">
                <Field id={`${idBase}-kind`} label={t("source")}>
                  <FieldControl>
                    <NativeSelect value={source?.source ?? ""} onChange={(event) => event.target.value && setSource(input.key, switchSource(source, event.target.value as SourceKind))} className="w-full">
                      <option value="" disabled>
                        {t("chooseSource")}
                      </option>
                      {SOURCE_KINDS.map((kind) => (
                        <option key={kind} value={kind}>
                          {t(`sources.${kind}`)}
                        </option>
                      ))}
                    </NativeSelect>
                  </FieldControl>
                </Field>
                {source?.source === "field" ? (
                  <Field id={`${idBase}-field`} label={t("field")}>
                    <FieldControl>
                      <NativeSelect value={source.field} onChange={(event) => setSource(input.key, { ...source, field: event.target.value as (typeof CONTACT_FIELDS)[number] })} className="w-full">
                        {CONTACT_FIELDS.map((field) => (
                          <option key={field} value={field}>
                            {t(`fields.${field}`)}
                          </option>
                        ))}
                      </NativeSelect>
                    </FieldControl>
                  </Field>
                ) : source?.source === "attribute" ? (
                  <Field id={`${idBase}-attribute`} label={t("attribute")} error={problem?.kind === "attributeMissing" ? t("problems.attributeMissing") : undefined}>
                    {attributes.isPending ? (
                      <Skeleton className="h-9 w-full" />
                    ) : (
                      <FieldControl>
                        <NativeSelect value={source.key} onChange={(event) => setSource(input.key, { ...source, key: event.target.value })} className="w-full">
                          <option value="">{t("chooseAttribute")}</option>
                          {(attributes.data ?? []).map((attribute) => (
                            <option key={attribute.key} value={attribute.key}>
                              {attribute.name}
                            </option>
                          ))}
                        </NativeSelect>
                      </FieldControl>
                    )}
                  </Field>
                ) : source?.source === "fixed" ? (
                  <Field id={`${idBase}-value`} label={t("value")} error={problem?.kind === "fixedEmpty" ? t("problems.fixedEmpty") : undefined} className="sm:col-span-2">
                    <FieldControl>
                      <Input value={source.value} dir="auto" onChange={(event) => setSource(input.key, { source: "fixed", value: event.target.value })} />
                    </FieldControl>
                  </Field>
                ) : null}
                {source && source.source !== "fixed" ? (
                  <Field id={`${idBase}-fallback`} label={t("fallback")} description={t("fallbackHint")}>
                    <FieldControl>
                      <Input value={source.fallback ?? ""} dir="auto" onChange={(event) => setSource(input.key, { ...source, fallback: event.target.value })} />
                    </FieldControl>
                  </Field>
                ) : null}
              </div>
              {problem?.kind === "variableUnmapped" ? <FormError message={t("problems.variableUnmapped")} /> : null}
            </fieldset>
          );
        })}
        {mediaFormat ? (
          <HeaderMedia
            phoneNumberId={phoneNumberId}
            format={mediaFormat}
            mediaId={mapping.headerMediaId ?? ""}
            error={problemOf("headerMediaId") ? t("problems.headerMediaMissing") : undefined}
            onMedia={(headerMediaId) => onMapping({ ...mapping, ...(headerMediaId ? { headerMediaId } : { headerMediaId: undefined }) })}
          />
        ) : null}
      </div>
      <div className="grid content-start gap-2">
        <p className="text-sm font-medium">{t("templateLooks")}</p>
        <TemplatePreviewBubble preview={previewOf(renderTemplate(template, emptyTemplateValues(template)))} businessName={businessName} />
      </div>
    </div>
  );
}

/** The header's file, picked from the number's media library (only files of the header's kind). */
function HeaderMedia({
  phoneNumberId,
  format,
  mediaId,
  error,
  onMedia,
}: {
  phoneNumberId: string;
  format: "IMAGE" | "VIDEO" | "DOCUMENT";
  mediaId: string;
  error: string | undefined;
  onMedia: (mediaId: string) => void;
}) {
  const t = useTranslations("campaigns.builder.variables");
  const library = useMediaLibrary(phoneNumberId, true);
  const kind = format.toLowerCase();
  const files = (library.data ?? []).filter((media) => media.kind === kind);
  return (
    <Field id="campaign-header-media" label={t("headerMedia", { kind })} description={t("headerMediaHint")} error={error}>
      {library.isPending ? (
        <Skeleton className="h-9 w-80" />
      ) : files.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          {t.rich("noMedia", { kind, link: (chunks) => <Link href="/media" className="text-foreground underline underline-offset-4">{chunks}</Link> })}
        </p>
      ) : (
        <FieldControl>
          <NativeSelect value={mediaId} onChange={(event) => onMedia(event.target.value)} className="w-full max-w-md">
            <option value="">{t("chooseMedia")}</option>
            {files.map((media) => (
              <option key={media.id} value={media.id}>
                {media.fileName ?? media.id}
              </option>
            ))}
          </NativeSelect>
        </FieldControl>
      )}
    </Field>
  );
}
