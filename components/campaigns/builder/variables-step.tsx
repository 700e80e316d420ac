"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";

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
import { cn } from "@/lib/utils";
import { emptyTemplateValues, renderTemplate, type TemplateDefinition } from "@/lib/whatsapp/template-fill";

import { CONTACT_FIELDS, COUPON_CODE_MAX, isMediaLink, mappingEntries, mediaHeaderFormat, type DraftProblem, type MappingEntry } from "./draft";
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

/** A button's value in words: the end of its link ("…" where the recipient's part goes), or its offer code. */
function EntryLabel({ entry }: { entry: MappingEntry }) {
  const t = useTranslations("campaigns.builder.variables");
  const tAll = useTranslate();
  if (entry.kind === "variable") return <bdi dir="ltr">{translateMessage(tAll, entry.input.label)}</bdi>;
  if (entry.button.parameter === "coupon_code") return <>{t("couponCode", { maximum: COUPON_CODE_MAX })}</>;
  return <>{t("urlSuffix", { button: entry.button.text, url: entry.button.url?.replace(/\{\{[^{}]*\}\}/, "…") ?? "" })}</>;
}

/**
 * Step 3: where each value comes from for each recipient — the header and body variables and a
 * button's link end or offer code — from a contact field, an attribute, or the same text for everyone,
 * with the text used when a contact has none; and the header's file (the media library or a link).
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
  const attributes = useAttributeDefinitions();
  const entries = mappingEntries(template);
  const mediaFormat = mediaHeaderFormat(template);
  const problemOf = (field: string) => (showProblems ? problems.find((problem) => problem.step === "mapping" && problem.field === field) : undefined);

  const setSource = (key: string, source: VariableSource) => onMapping({ ...mapping, variables: { ...mapping.variables, [key]: source } });

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="grid content-start gap-4">
        {entries.length === 0 && !mediaFormat ? <p className="text-sm text-muted-foreground">{t("nothingToMap")}</p> : null}
        {entries.map((entry) => {
          const source = mapping.variables[entry.key];
          const problem = problemOf(entry.key);
          const idBase = `campaign-variable-${entry.key}`;
          return (
            <fieldset
              key={entry.key}
              className="grid gap-3 rounded-lg border px-4 py-3"
              aria-describedby={problem?.kind === "variableUnmapped" || problem?.kind === "couponTooLong" ? `${idBase}-error` : undefined}
            >
              <legend className="px-1 text-sm font-medium">
                <EntryLabel entry={entry} />
              </legend>
              <div className="grid gap-3 sm:grid-cols-3">
                <Field id={`${idBase}-kind`} label={t("source")}>
                  <FieldControl>
                    <NativeSelect value={source?.source ?? ""} onChange={(event) => event.target.value && setSource(entry.key, switchSource(source, event.target.value as SourceKind))} className="w-full">
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
                      <NativeSelect value={source.field} onChange={(event) => setSource(entry.key, { ...source, field: event.target.value as (typeof CONTACT_FIELDS)[number] })} className="w-full">
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
                        <NativeSelect value={source.key} onChange={(event) => setSource(entry.key, { ...source, key: event.target.value })} className="w-full">
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
                      <Input value={source.value} dir="auto" onChange={(event) => setSource(entry.key, { source: "fixed", value: event.target.value })} />
                    </FieldControl>
                  </Field>
                ) : null}
                {source && source.source !== "fixed" ? (
                  <Field id={`${idBase}-fallback`} label={t("fallback")} description={t("fallbackHint")}>
                    <FieldControl>
                      <Input value={source.fallback ?? ""} dir="auto" onChange={(event) => setSource(entry.key, { ...source, fallback: event.target.value })} />
                    </FieldControl>
                  </Field>
                ) : null}
              </div>
              {problem?.kind === "variableUnmapped" || problem?.kind === "couponTooLong" ? (
                <div id={`${idBase}-error`}>
                  <FormError message={problem.kind === "couponTooLong" ? t("problems.couponTooLong", { maximum: COUPON_CODE_MAX }) : t("problems.variableUnmapped")} />
                </div>
              ) : null}
            </fieldset>
          );
        })}
        {mediaFormat ? (
          <HeaderMedia
            phoneNumberId={phoneNumberId}
            format={mediaFormat}
            mediaId={mapping.headerMediaId ?? ""}
            error={(() => {
              const problem = problemOf("headerMediaId");
              return problem?.kind === "headerLinkHttps" ? t("problems.headerLinkHttps") : problem ? t("problems.headerMediaMissing") : undefined;
            })()}
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

type MediaMode = "library" | "link";
const MEDIA_MODES = ["library", "link"] as const satisfies readonly MediaMode[];

/**
 * The header's file, the same for every recipient: one of the number's media library files of the
 * header's kind (the inbox's own library query), or an https link WhatsApp fetches — kept in the
 * mapping's `headerMediaId` as the inbox's template send keeps either (a link starts with https://).
 */
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
  const [mode, setMode] = useState<MediaMode>(isMediaLink(mediaId) ? "link" : "library");
  const library = useMediaLibrary(phoneNumberId, mode === "library");
  const kind = format.toLowerCase();
  const files = (library.data ?? []).filter((media) => media.kind === kind);
  const choose = (next: MediaMode) => {
    setMode(next);
    // A library file is not a link and a link is not a file: the other mode starts empty.
    if (next !== mode) onMedia("");
  };
  return (
    <fieldset className="grid gap-3 rounded-lg border px-4 py-3">
      <legend className="px-1 text-sm font-medium">{t("headerMedia", { kind })}</legend>
      <p className="text-xs text-muted-foreground">{t("headerMediaHint")}</p>
      <div role="radiogroup" aria-label={t("headerMediaFrom")} className="flex flex-wrap gap-2">
        {MEDIA_MODES.map((entry) => (
          <label
            key={entry}
            className={cn(
              "flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
              mode === entry ? "border-primary bg-primary/5" : "hover:bg-muted/50",
            )}
          >
            <input type="radio" name="campaign-header-media-mode" value={entry} checked={mode === entry} onChange={() => choose(entry)} className="accent-primary" />
            {t(`headerMediaModes.${entry}`)}
          </label>
        ))}
      </div>
      {mode === "link" ? (
        <Field id="campaign-header-link" label={t("headerLink")} description={t("headerLinkHint")} error={error}>
          <FieldControl>
            <Input type="url" inputMode="url" dir="ltr" value={mediaId} placeholder={t("headerLinkPlaceholder")} onChange={(event) => onMedia(event.target.value)} className="max-w-md" />
          </FieldControl>
        </Field>
      ) : (
        <Field id="campaign-header-media" label={t("headerFile")} error={error}>
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
      )}
    </fieldset>
  );
}
