/**
 * The campaign builder's state and its rules, apart from the screens: what each step still lacks,
 * first guesses for the variables' sources, and the draft as the campaign actions take it.
 * Browser-safe and pure.
 */
import { mappingKeys, type MappingKey } from "@/lib/campaigns/mapping";
import type { CampaignAudience, CampaignMapping, CampaignView, VariableSource } from "@/lib/campaigns/types";
import { templateFields, templateVariableInputs, type TemplateButtonField, type TemplateDefinition, type TemplateVariableInput } from "@/lib/whatsapp/template-fill";
import type { ParameterFormat } from "@/lib/whatsapp/templates";

export const BUILDER_STEPS = ["setup", "audience", "mapping", "review"] as const;
export type BuilderStep = (typeof BUILDER_STEPS)[number];

/** Each step as the address names it (`?step=`): links open the builder on a step by these words. */
const STEP_PARAMS = { setup: "template", audience: "audience", mapping: "variables", review: "review" } as const satisfies Record<BuilderStep, string>;
export type BuilderStepParam = (typeof STEP_PARAMS)[BuilderStep];

export const stepParam = (step: BuilderStep): BuilderStepParam => STEP_PARAMS[step];

/** The step a `?step=` value names; null for anything else (the builder then picks the step itself). */
export function stepFromParam(value: string | string[] | null | undefined): BuilderStep | null {
  const param = Array.isArray(value) ? value[0] : value;
  return BUILDER_STEPS.find((step) => STEP_PARAMS[step] === param) ?? null;
}

/** The builder's address for a step: the draft's edit page once saved, else the new campaign's page. */
export function builderHref(campaignId: string | null, step: BuilderStep): string {
  const path = campaignId ? `/campaigns/${encodeURIComponent(campaignId)}/edit` : "/campaigns/new";
  return `${path}?step=${stepParam(step)}`;
}

/**
 * The step to show: the one asked for while every step before it is complete (and, for the review,
 * once the draft is saved), else the first step that needs attention.
 */
export function shownStep(requested: BuilderStep | null, problems: readonly DraftProblem[], saved: boolean): BuilderStep {
  if (requested && stepReachable(requested, problems) && (requested !== "review" || (saved && problems.length === 0))) return requested;
  const first = firstIncompleteStep(problems);
  return first === "review" && !saved ? "mapping" : first;
}

/** As the server keeps it (lib/campaigns/drafts.ts validates the same). */
export const CAMPAIGN_NAME_MAX = 120;

export const CONTACT_FIELDS = ["name", "display_name", "profile_name", "phone"] as const satisfies ReadonlyArray<Extract<VariableSource, { source: "field" }>["field"]>;
export type ContactField = (typeof CONTACT_FIELDS)[number];

export interface BuilderDraft {
  name: string;
  phoneNumberId: string;
  templateId: string;
  audience: CampaignAudience | null;
  mapping: CampaignMapping;
}

export const EMPTY_DRAFT: BuilderDraft = { name: "", phoneNumberId: "", templateId: "", audience: null, mapping: { variables: {} } };

/** A template as the list route gives it, reduced to what filling it needs. */
export interface BuilderTemplate {
  id: string;
  name: string;
  language: string;
  category: string;
  status: string;
  parameterFormat: string | null;
  components: unknown;
}

export function templateDefinition(template: BuilderTemplate): TemplateDefinition {
  const format = template.parameterFormat === "NAMED" || template.parameterFormat === "POSITIONAL" ? (template.parameterFormat as ParameterFormat) : undefined;
  return {
    name: template.name,
    language: template.language,
    category: template.category,
    ...(format ? { parameter_format: format } : {}),
    components: Array.isArray(template.components) ? (template.components as TemplateDefinition["components"]) : [],
  };
}

/** Only approved templates can be broadcast; the search matches the name, the language or the category. */
export function approvedTemplates(templates: readonly BuilderTemplate[], search: string): BuilderTemplate[] {
  const needle = search.trim().toLocaleLowerCase();
  return templates
    .filter((template) => template.status === "APPROVED")
    .filter((template) => !needle || [template.name, template.language, template.category].some((text) => text.toLocaleLowerCase().includes(needle)))
    .sort((a, b) => a.name.localeCompare(b.name) || a.language.localeCompare(b.language));
}

/** The variable an input fills, as the template writes it: "1" or "first_name". */
export function variableName(input: Pick<TemplateVariableInput, "key">): string {
  return input.key.replace(/^(header|body)-/, "");
}

/**
 * One value the campaign fills for each recipient, in the order the builder shows them: a header or
 * body variable (with its label), or a button's parameter (a URL's end, an offer code).
 */
export type MappingEntry =
  | { key: string; kind: "variable"; input: TemplateVariableInput }
  | { key: string; kind: "button"; button: TemplateButtonField & { parameter: "url_suffix" | "coupon_code" } };

/** WhatsApp's limit on an offer code (templates refuse longer ones on send). */
export const COUPON_CODE_MAX = 15;

/** Every key the campaign's mapping must cover (lib/campaigns/mapping.ts mappingKeys), with what the builder shows for it. */
export function mappingEntries(template: TemplateDefinition): MappingEntry[] {
  const inputs = new Map(templateVariableInputs(template).map((input) => [input.key, input]));
  const buttons = templateFields(template).buttons;
  return mappingKeys(template).flatMap((entry: MappingKey): MappingEntry[] => {
    const input = inputs.get(entry.key);
    if (input) return [{ key: entry.key, kind: "variable", input }];
    const button = entry.button === undefined ? undefined : buttons[entry.button];
    if (button && (button.parameter === "url_suffix" || button.parameter === "coupon_code")) return [{ key: entry.key, kind: "button", button: { ...button, parameter: button.parameter } }];
    return [];
  });
}

/** A header file given as an address rather than a media library file (the inbox's template send reads it the same way). */
export const isMediaLink = (value: string | undefined): boolean => /^https?:\/\//i.test(value?.trim() ?? "");

export type MediaHeaderFormat = "IMAGE" | "VIDEO" | "DOCUMENT";

/** The header's media kind when the template has one (its file comes from the media library). */
export function mediaHeaderFormat(template: TemplateDefinition): MediaHeaderFormat | null {
  const format = templateFields(template).headerFormat;
  return format === "IMAGE" || format === "VIDEO" || format === "DOCUMENT" ? format : null;
}

const NAME_WORDS = /^(first_?name|name|customer_?name|full_?name|nombre|nome)$/i;
const PHONE_WORDS = /^(phone|phone_?number|number|whatsapp)$/i;

/**
 * A first guess for a variable: a name-like variable takes the contact's name, a phone-like one the
 * number, one named as an attribute that attribute; anything else waits for the person to choose.
 */
export function guessVariableSource(name: string, attributes: ReadonlyArray<{ key: string }>): VariableSource | undefined {
  if (NAME_WORDS.test(name)) return { source: "field", field: "name" };
  if (PHONE_WORDS.test(name)) return { source: "field", field: "phone" };
  const attribute = attributes.find((entry) => entry.key.toLocaleLowerCase() === name.toLocaleLowerCase());
  if (attribute) return { source: "attribute", key: attribute.key };
  return undefined;
}

/**
 * The mapping for a (new) template: the choices already made for variables it still has are kept,
 * the others dropped; new variables get a guess when there is one. The header media stays only when
 * the template still has a media header.
 */
export function mappingFor(template: TemplateDefinition, current: CampaignMapping, attributes: ReadonlyArray<{ key: string }>): CampaignMapping {
  const variables: Record<string, VariableSource> = {};
  for (const entry of mappingEntries(template)) {
    const kept = current.variables[entry.key];
    const guess = kept ?? (entry.kind === "variable" ? guessVariableSource(variableName(entry.input), attributes) : undefined);
    if (guess) variables[entry.key] = guess;
  }
  const headerMediaId = mediaHeaderFormat(template) ? current.headerMediaId : undefined;
  return { variables, ...(headerMediaId ? { headerMediaId } : {}) };
}

/** Why the builder cannot go on yet, by the step and the field that needs attention. */
export type DraftProblem =
  | { step: "setup"; field: "name"; kind: "nameMissing" | "nameTooLong" }
  | { step: "setup"; field: "phoneNumberId"; kind: "numberMissing" }
  | { step: "setup"; field: "templateId"; kind: "templateMissing" }
  | { step: "audience"; field: "audience"; kind: "audienceMissing" | "tagsMissing" | "importUnfinished" }
  | { step: "mapping"; field: string; kind: "variableUnmapped" | "fixedEmpty" | "attributeMissing" | "couponTooLong" }
  | { step: "mapping"; field: "headerMediaId"; kind: "headerMediaMissing" | "headerLinkHttps" };

/**
 * Everything the draft still lacks, in the order of the steps. `importFinished` says whether the
 * audience's import has finished (only a finished import's contacts can be sent to).
 */
export function draftProblems(draft: BuilderDraft, template: TemplateDefinition | null, options: { importFinished?: boolean } = {}): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const name = draft.name.trim();
  if (!name) problems.push({ step: "setup", field: "name", kind: "nameMissing" });
  else if ([...name].length > CAMPAIGN_NAME_MAX) problems.push({ step: "setup", field: "name", kind: "nameTooLong" });
  if (!draft.phoneNumberId) problems.push({ step: "setup", field: "phoneNumberId", kind: "numberMissing" });
  if (!draft.templateId || !template) problems.push({ step: "setup", field: "templateId", kind: "templateMissing" });

  const { audience } = draft;
  if (!audience || (audience.kind === "segment" && !audience.segmentId)) problems.push({ step: "audience", field: "audience", kind: "audienceMissing" });
  else if (audience.kind === "tags" && audience.tagIds.length === 0) problems.push({ step: "audience", field: "audience", kind: "tagsMissing" });
  else if (audience.kind === "import" && !options.importFinished) problems.push({ step: "audience", field: "audience", kind: "importUnfinished" });

  if (template) {
    for (const entry of mappingEntries(template)) {
      const source = draft.mapping.variables[entry.key];
      const fixed = source?.source === "fixed" ? source.value.trim() : (source?.fallback?.trim() ?? "");
      if (!source) problems.push({ step: "mapping", field: entry.key, kind: "variableUnmapped" });
      else if (source.source === "fixed" && !fixed) problems.push({ step: "mapping", field: entry.key, kind: "fixedEmpty" });
      else if (source.source === "attribute" && !source.key) problems.push({ step: "mapping", field: entry.key, kind: "attributeMissing" });
      else if (entry.kind === "button" && entry.button.parameter === "coupon_code" && [...fixed].length > COUPON_CODE_MAX) problems.push({ step: "mapping", field: entry.key, kind: "couponTooLong" });
    }
    const media = draft.mapping.headerMediaId?.trim() ?? "";
    if (mediaHeaderFormat(template) && !media) problems.push({ step: "mapping", field: "headerMediaId", kind: "headerMediaMissing" });
    // WhatsApp fetches a header link itself, and only over https.
    else if (mediaHeaderFormat(template) && isMediaLink(media) && !/^https:\/\//i.test(media)) problems.push({ step: "mapping", field: "headerMediaId", kind: "headerLinkHttps" });
  }
  return problems;
}

/** The first step with something missing; the review when nothing is. */
export function firstIncompleteStep(problems: readonly DraftProblem[]): BuilderStep {
  return problems[0]?.step ?? "review";
}

/** Whether a step may be opened: every step before it is complete. */
export function stepReachable(step: BuilderStep, problems: readonly DraftProblem[]): boolean {
  const before = BUILDER_STEPS.slice(0, BUILDER_STEPS.indexOf(step));
  return problems.every((problem) => !before.includes(problem.step));
}

/** A fallback is kept only when it says something; fixed values are trimmed. */
function cleanSource(source: VariableSource): VariableSource {
  if (source.source === "fixed") return { source: "fixed", value: source.value.trim() };
  const fallback = source.fallback?.trim();
  return { ...source, fallback: fallback || undefined };
}

/** The draft as createCampaignAction / updateCampaignAction take it. */
export function draftInput(draft: BuilderDraft): { name: string; phoneNumberId: string; templateId: string; audience: CampaignAudience; mapping: CampaignMapping } {
  if (!draft.audience) throw new Error("A campaign needs an audience before it is saved.");
  const variables = Object.fromEntries(Object.entries(draft.mapping.variables).map(([key, source]) => [key, cleanSource(source)]));
  return {
    name: draft.name.trim(),
    phoneNumberId: draft.phoneNumberId,
    templateId: draft.templateId,
    audience: draft.audience.kind === "tags" ? { kind: "tags", tagIds: [...new Set(draft.audience.tagIds)] } : draft.audience,
    mapping: { variables, ...(draft.mapping.headerMediaId?.trim() ? { headerMediaId: draft.mapping.headerMediaId.trim() } : {}) },
  };
}

/** A saved draft, back in the builder. */
export function draftFromView(view: Pick<CampaignView, "name" | "phoneNumberId" | "template" | "audience" | "mapping">): BuilderDraft {
  return {
    name: view.name,
    phoneNumberId: view.phoneNumberId,
    templateId: view.template.id ?? "",
    audience: view.audience,
    mapping: { variables: { ...(view.mapping?.variables ?? {}) }, ...(view.mapping?.headerMediaId ? { headerMediaId: view.mapping.headerMediaId } : {}) },
  };
}

/** Whether the draft differs from what was last saved (the builder saves only then). */
export function draftChanged(draft: BuilderDraft, saved: BuilderDraft | null): boolean {
  if (!saved) return true;
  return JSON.stringify(draftInputOrNull(draft)) !== JSON.stringify(draftInputOrNull(saved));
}

function draftInputOrNull(draft: BuilderDraft) {
  return draft.audience ? draftInput(draft) : null;
}
