/**
 * The template editor's draft: the form's shape, its translation to and from Graph's components, the
 * lint that names the form field of each problem (Meta's rules from template-rules.ts plus the editor's
 * own), the preview with example values, and Meta's rules on what an edit may change. Browser-safe.
 */
import { z } from "@/lib/zod";

import { decodeMessage, encodeMessage, message, type Translatable } from "@/lib/i18n/translatable";
import { invalid } from "@/lib/i18n/validation";

import { TEMPLATE_LIMITS, createTemplateBodySchema, templateTextProblems, variableDensityProblem } from "./template-rules";
import {
  PARAMETER_FORMATS,
  TEMPLATE_CATEGORIES,
  fillTemplateText,
  isNamedVariable,
  isNumberedVariable,
  templateParameterFormat,
  templatePlaceholders,
  templateVariables,
  type TemplateComponent,
} from "./templates";

export const HEADER_FORMATS = ["NONE", "TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION"] as const;
export type HeaderFormat = (typeof HEADER_FORMATS)[number];
export const BUTTON_TYPES = ["QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE"] as const;
export type DraftButtonType = (typeof BUTTON_TYPES)[number];

/** Meta's extra limits the shared rules do not hold. */
export const DRAFT_LIMITS = { couponCode: 15, quickReplies: 10 } as const;

// Only a guard against absurd payloads: the lint below gives the real limit at its field.
const text = (max = 10_000) => z.string().max(max);

export const templateDraftButtonSchema = z.object({
  type: z.enum(BUTTON_TYPES),
  text: text(),
  url: text(),
  urlExample: text(),
  phoneNumber: text(),
  code: text(),
});
export type TemplateDraftButton = z.infer<typeof templateDraftButtonSchema>;

export const templateDraftSchema = z.object({
  name: text(),
  language: text(20),
  category: z.enum(TEMPLATE_CATEGORIES),
  allowCategoryChange: z.boolean(),
  /** `{{1}}`-style or `{{first_name}}`-style variables, for the whole template. */
  parameterFormat: z.enum(PARAMETER_FORMATS).default("POSITIONAL"),
  /** A text header's one variable takes one example, numbered or named. */
  header: z.object({ format: z.enum(HEADER_FORMATS), text: text(), example: text(), handle: text() }),
  body: z.object({
    text: text(),
    /** Numbered variables' examples: `examples[0]` for {{1}}… */
    examples: z.array(text()).max(100),
    /** Named variables' examples by name (kept when the text changes, so a name keeps its example). */
    namedExamples: z
      .record(z.string().regex(/^(?!\d+$)[a-z0-9_]{1,100}$/, invalid("templates.rules.namedFormat")), text())
      .refine((examples) => Object.keys(examples).length <= 100, { error: encodeMessage(message("validation.tooManyItems", { maximum: 100 })) })
      .optional(),
  }),
  footer: text(),
  buttons: z.array(templateDraftButtonSchema).max(20),
});
export type TemplateDraft = z.infer<typeof templateDraftSchema>;

/** The label WhatsApp shows on a button of this kind when it has no text of its own (and the editor's name for the kind). */
export const buttonTypeLabel = (type: DraftButtonType): Translatable => message(`templates.buttonTypes.${type}`);

export function emptyDraftButton(type: DraftButtonType): TemplateDraftButton {
  return { type, text: "", url: "", urlExample: "", phoneNumber: "", code: "" };
}

export function emptyTemplateDraft(): TemplateDraft {
  return {
    name: "",
    language: "en_US",
    category: "MARKETING",
    allowCategoryChange: true,
    parameterFormat: "POSITIONAL",
    header: { format: "NONE", text: "", example: "", handle: "" },
    body: { text: "", examples: [], namedExamples: {} },
    footer: "",
    buttons: [],
  };
}

const hasVariable = (value: string) => /\{\{[^{}]*\}\}/.test(value);

/** The draft's variables in the header and the body, in the order their values are given ("1"… or names). */
export function draftVariables(draft: TemplateDraft): { header: string[]; body: string[] } {
  const format = draft.parameterFormat ?? "POSITIONAL";
  return {
    header: draft.header.format === "TEXT" ? templateVariables(draft.header.text, format) : [],
    body: format === "NAMED" ? templateVariables(draft.body.text, format) : numberedUpTo(draft.body.text),
  };
}

/** {{1}}…{{n}} up to the highest number written: a gap still asks for its example. */
function numberedUpTo(text: string): string[] {
  const highest = Math.max(0, ...templatePlaceholders(text).filter(isNumberedVariable).map(Number));
  return Array.from({ length: Math.min(highest, 100) }, (_, index) => String(index + 1));
}

/** Graph's `components` for the draft, in the order Meta shows them. */
export function draftComponents(draft: TemplateDraft): Record<string, unknown>[] {
  const components: Record<string, unknown>[] = [];
  const { header } = draft;
  const named = draft.parameterFormat === "NAMED";
  const variables = draftVariables(draft);
  if (header.format === "TEXT") {
    const headerName = variables.header[0];
    components.push({
      type: "HEADER",
      format: "TEXT",
      text: header.text,
      ...(named && headerName
        ? { example: { header_text_named_params: [{ param_name: headerName, example: header.example }] } }
        : !named && hasVariable(header.text)
          ? { example: { header_text: [header.example] } }
          : {}),
    });
  } else if (header.format === "LOCATION") {
    components.push({ type: "HEADER", format: "LOCATION" });
  } else if (header.format !== "NONE") {
    components.push({ type: "HEADER", format: header.format, ...(header.handle ? { example: { header_handle: [header.handle] } } : {}) });
  }
  const namedExamples = draft.body.namedExamples ?? {};
  components.push({
    type: "BODY",
    text: draft.body.text,
    ...(variables.body.length === 0
      ? {}
      : named
        ? { example: { body_text_named_params: variables.body.map((name) => ({ param_name: name, example: namedExamples[name] ?? "" })) } }
        : { example: { body_text: [variables.body.map((_, index) => draft.body.examples[index] ?? "")] } }),
  });
  if (draft.footer !== "") components.push({ type: "FOOTER", text: draft.footer });
  if (draft.buttons.length > 0) {
    components.push({
      type: "BUTTONS",
      buttons: draft.buttons.map((button) => {
        switch (button.type) {
          case "QUICK_REPLY":
            return { type: "QUICK_REPLY", text: button.text };
          case "URL":
            return { type: "URL", text: button.text, url: button.url, ...(hasVariable(button.url) ? { example: [button.urlExample] } : {}) };
          case "PHONE_NUMBER":
            return { type: "PHONE_NUMBER", text: button.text, phone_number: button.phoneNumber };
          case "COPY_CODE":
            return { type: "COPY_CODE", example: button.code };
        }
      }),
    });
  }
  return components;
}

/** The body of `POST /{waba_id}/message_templates` for the draft. */
export function draftCreateBody(draft: TemplateDraft) {
  return {
    name: draft.name,
    language: draft.language,
    category: draft.category,
    ...(draft.parameterFormat === "NAMED" ? { parameter_format: "NAMED" as const } : {}),
    components: draftComponents(draft),
    ...(draft.category === "UTILITY" ? { allow_category_change: draft.allowCategoryChange } : {}),
  };
}

const str = (value: unknown) => (typeof value === "string" ? value : "");
const firstOf = (value: unknown) => (Array.isArray(value) ? str(value[0]) : str(value));

const namedExampleOf = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    (Array.isArray(value) ? value : [])
      .map((entry) => (entry !== null && typeof entry === "object" ? (entry as Record<string, unknown>) : {}))
      .filter((entry) => isNamedVariable(str(entry.param_name)))
      .map((entry) => [str(entry.param_name), str(entry.example)]),
  );

/** A draft from a stored template (to edit it, or to start a new one from a copy); it keeps its kind of variables. */
export function draftFromTemplate(template: {
  name: string;
  language: string;
  category: string;
  /** As Graph names it, or as the mirror keeps it. */
  parameter_format?: string | null;
  parameterFormat?: string | null;
  components: unknown[];
}): TemplateDraft {
  const draft = emptyTemplateDraft();
  draft.name = template.name;
  draft.language = template.language;
  draft.category = (TEMPLATE_CATEGORIES as readonly string[]).includes(template.category) ? (template.category as TemplateDraft["category"]) : "MARKETING";
  draft.parameterFormat = templateParameterFormat({ parameter_format: template.parameter_format ?? template.parameterFormat, components: template.components });
  for (const raw of template.components as TemplateComponent[]) {
    if (raw === null || typeof raw !== "object") continue;
    const type = str(raw.type).toUpperCase();
    const example = (raw.example ?? {}) as Record<string, unknown>;
    if (type === "HEADER") {
      const format = str(raw.format).toUpperCase();
      draft.header = {
        format: (HEADER_FORMATS as readonly string[]).includes(format) ? (format as HeaderFormat) : "TEXT",
        text: str(raw.text),
        example: firstOf(example.header_text) || (Object.values(namedExampleOf(example.header_text_named_params))[0] ?? ""),
        handle: firstOf(example.header_handle),
      };
    } else if (type === "BODY") {
      const rows = Array.isArray(example.body_text) ? example.body_text : [];
      draft.body = { text: str(raw.text), examples: Array.isArray(rows[0]) ? rows[0].map(str) : [], namedExamples: namedExampleOf(example.body_text_named_params) };
    } else if (type === "FOOTER") {
      draft.footer = str(raw.text);
    } else if (type === "BUTTONS") {
      draft.buttons = (raw.buttons ?? [])
        .map((button) => button as Record<string, unknown>)
        .filter((button) => (BUTTON_TYPES as readonly string[]).includes(str(button.type).toUpperCase()))
        .map((button) => ({
          ...emptyDraftButton(str(button.type).toUpperCase() as DraftButtonType),
          text: str(button.text),
          url: str(button.url),
          urlExample: str(button.type).toUpperCase() === "URL" ? firstOf(button.example) : "",
          phoneNumber: str(button.phone_number),
          code: str(button.type).toUpperCase() === "COPY_CODE" ? firstOf(button.example) : "",
        }));
    }
  }
  return draft;
}

export interface DraftProblem {
  /** The form field: `name`, `header.text`, `body.examples.1`, `buttons.0.url`, `buttons` (the group)… */
  field: string;
  /** A sentence for the person editing, put into their words where it is shown. */
  message: Translatable;
}

export interface LintOptions {
  /** Templates of the WABA already holding a name, by language (the draft's own id excluded). */
  taken?: Array<{ name: string; language: string }>;
  /** Editing an existing template: its name and language cannot change, so they are not checked again. */
  editing?: boolean;
}

const chars = (value: string) => [...value].length;

/**
 * Every problem of the draft, at the form field it concerns, in the form's order. The editor shows
 * them as the person types; the server runs the same lint before calling the gateway.
 */
export function lintTemplateDraft(draft: TemplateDraft, options: LintOptions = {}): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const add = (field: string, problem: Translatable) => {
    if (!problems.some((entry) => entry.field === field)) problems.push({ field, message: problem });
  };
  const tooLong = (key: "nameTooLong" | "headerTooLong" | "bodyTooLong" | "footerTooLong" | "buttonTextTooLong", value: string, maximum: number) =>
    message(`templates.rules.${key}`, { maximum, length: chars(value) });

  if (!options.editing) {
    if (draft.name === "") add("name", message("templates.rules.nameRequired"));
    else if (chars(draft.name) > TEMPLATE_LIMITS.name) add("name", tooLong("nameTooLong", draft.name, TEMPLATE_LIMITS.name));
    else if (!/^[a-z0-9_]+$/.test(draft.name)) add("name", message("templates.rules.nameFormat"));
    else if (options.taken?.some((entry) => entry.name === draft.name && entry.language === draft.language)) {
      add("name", message("templates.rules.nameTaken", { name: draft.name, language: draft.language }));
    }
    if (!/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/.test(draft.language)) add("language", message("templates.rules.languageCode"));
  }

  const { header } = draft;
  const parameterFormat = draft.parameterFormat ?? "POSITIONAL";
  const variables = draftVariables(draft);
  const mixedAt = mixedVariablesField(draft);
  const MIXED = message("templates.rules.mixedVariables");
  const exampleFor = (variable: string) => message("templates.rules.exampleFor", { variable: `{{${variable}}}` });
  if (header.format === "TEXT") {
    if (header.text.trim() === "") add("header.text", message("templates.rules.headerTextRequired"));
    else if (chars(header.text) > TEMPLATE_LIMITS.headerText) {
      add("header.text", tooLong("headerTooLong", header.text, TEMPLATE_LIMITS.headerText));
    } else if (mixedAt === "header.text") {
      add("header.text", MIXED);
    } else {
      const textProblem = templateTextProblems(header.text, { maxVariables: 1, variablesAtEdges: true, parameterFormat })[0];
      if (textProblem) add("header.text", textProblem);
      else if (variables.header[0] && header.example.trim() === "") {
        add("header.example", message("templates.rules.headerExampleFor", { variable: `{{${variables.header[0]}}}` }));
      }
    }
  } else if (header.format === "IMAGE" || header.format === "VIDEO" || header.format === "DOCUMENT") {
    if (header.handle.trim() === "") add("header.handle", message("templates.rules.headerSampleMissing", { format: header.format }));
  }

  const body = draft.body.text;
  if (body.trim() === "") add("body.text", message("templates.rules.bodyRequired"));
  else if (chars(body) > TEMPLATE_LIMITS.bodyText) add("body.text", tooLong("bodyTooLong", body, TEMPLATE_LIMITS.bodyText));
  else if (mixedAt === "body.text") add("body.text", MIXED);
  else {
    const textProblem = templateTextProblems(body, { parameterFormat })[0] ?? variableDensityProblem(body);
    if (textProblem) add("body.text", textProblem);
  }
  if (parameterFormat === "NAMED") {
    for (const name of variables.body) {
      if ((draft.body.namedExamples?.[name] ?? "").trim() === "") add(`body.namedExamples.${name}`, exampleFor(name));
    }
  } else {
    variables.body.forEach((variable, index) => {
      if ((draft.body.examples[index] ?? "").trim() === "") add(`body.examples.${index}`, exampleFor(variable));
    });
  }

  if (draft.footer !== "") {
    if (chars(draft.footer) > TEMPLATE_LIMITS.footerText) add("footer", tooLong("footerTooLong", draft.footer, TEMPLATE_LIMITS.footerText));
    else if (hasVariable(draft.footer)) add("footer", message("templates.rules.footerNoVariables"));
  }

  const buttons = draft.buttons;
  const count = (type: DraftButtonType) => buttons.filter((button) => button.type === type).length;
  if (buttons.length > TEMPLATE_LIMITS.buttonsTotal) {
    add("buttons", message("templates.rules.tooManyButtons", { maximum: TEMPLATE_LIMITS.buttonsTotal, count: buttons.length }));
  } else if (count("URL") > TEMPLATE_LIMITS.urlButtons) add("buttons", message("templates.rules.tooManyUrlButtons", { maximum: TEMPLATE_LIMITS.urlButtons }));
  else if (count("PHONE_NUMBER") > TEMPLATE_LIMITS.phoneButtons) add("buttons", message("templates.rules.tooManyCallButtons", { maximum: TEMPLATE_LIMITS.phoneButtons }));
  else if (count("COPY_CODE") > TEMPLATE_LIMITS.copyCodeButtons) {
    add("buttons", message("templates.rules.tooManyCopyCodeButtons", { maximum: TEMPLATE_LIMITS.copyCodeButtons }));
  } else {
    const quick = buttons.flatMap((button, index) => (button.type === "QUICK_REPLY" ? [index] : []));
    if (quick.length > 0 && quick[quick.length - 1]! - quick[0]! !== quick.length - 1) add("buttons", message("templates.rules.quickRepliesTogether"));
  }
  buttons.forEach((button, index) => {
    const at = (field: string) => `buttons.${index}.${field}`;
    if (button.type !== "COPY_CODE") {
      const limit = button.type === "QUICK_REPLY" ? TEMPLATE_LIMITS.quickReplyText : TEMPLATE_LIMITS.buttonText;
      if (button.text.trim() === "") add(at("text"), message("templates.rules.buttonTextRequired"));
      else if (chars(button.text) > limit) add(at("text"), tooLong("buttonTextTooLong", button.text, limit));
      else if (hasVariable(button.text)) add(at("text"), message("templates.rules.buttonTextNoVariables"));
    }
    if (button.type === "URL") {
      const variablesInUrl = [...button.url.matchAll(/\{\{[^{}]*\}\}/g)];
      if (!/^https?:\/\/\S+$/.test(button.url.replace(/\{\{1\}\}$/, "x"))) add(at("url"), message("templates.rules.urlInvalid"));
      else if (variablesInUrl.length > 1 || (variablesInUrl.length === 1 && !/\{\{1\}\}$/.test(button.url))) add(at("url"), message("templates.rules.urlVariableAtEnd"));
      else if (variablesInUrl.length === 1 && button.urlExample.trim() === "") add(at("urlExample"), message("templates.rules.urlExampleMissing"));
    }
    if (button.type === "PHONE_NUMBER" && !/^\+?\d{7,20}$/.test(button.phoneNumber.replace(/[\s-]/g, ""))) {
      add(at("phoneNumber"), message("templates.rules.phoneInvalid"));
    }
    if (button.type === "COPY_CODE") {
      if (button.code.trim() === "") add(at("code"), message("templates.rules.couponRequired"));
      else if (chars(button.code) > DRAFT_LIMITS.couponCode) add(at("code"), message("templates.rules.couponTooLong", { maximum: DRAFT_LIMITS.couponCode }));
    }
  });

  // The shared rules (the ones the gateway client enforces): anything the checks above missed.
  if (problems.length === 0) {
    const parsed = createTemplateBodySchema.safeParse(draftCreateBody(normalisedDraft(draft)));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = fieldOfIssuePath(issue.path, draft);
        if (!(options.editing && (field === "name" || field === "language"))) add(field, issueProblem(issue.message));
      }
    }
  }
  return problems;
}

/** A zod issue's sentence: the rules' own (encoded), else zod's words as they are (its defaults when not configured). */
function issueProblem(text: string): Translatable {
  return decodeMessage(text) ?? message("templates.rules.other", { problem: text });
}

/**
 * One kind of variables per template: when the header and body hold both kinds, the field holding the
 * kind the draft did not choose (the header first), else undefined.
 */
function mixedVariablesField(draft: TemplateDraft): "header.text" | "body.text" | undefined {
  const kinds = (text: string) => {
    const inners = templatePlaceholders(text);
    return { numbered: inners.some(isNumberedVariable), named: inners.some(isNamedVariable) };
  };
  const header = draft.header.format === "TEXT" ? kinds(draft.header.text) : { numbered: false, named: false };
  const body = kinds(draft.body.text);
  if (!((header.numbered || body.numbered) && (header.named || body.named))) return undefined;
  const wrong = draft.parameterFormat === "NAMED" ? "numbered" : "named";
  return header[wrong] ? "header.text" : "body.text";
}

/** What is sent: phone numbers without spaces or dashes. */
export function normalisedDraft(draft: TemplateDraft): TemplateDraft {
  return { ...draft, buttons: draft.buttons.map((button) => ({ ...button, phoneNumber: button.phoneNumber.replace(/[\s-]/g, "") })) };
}

/** The form field of an issue of createTemplateBodySchema, for the components draftComponents builds. */
function fieldOfIssuePath(path: PropertyKey[], draft: TemplateDraft): string {
  if (path[0] === "parameter_format") return "parameterFormat";
  if (path[0] !== "components") return String(path[0] ?? "body.text");
  const component = draftComponents(draft)[Number(path[1])];
  switch (component?.type) {
    case "HEADER":
      return path[2] === "example" ? "header.example" : "header.text";
    case "FOOTER":
      return "footer";
    case "BUTTONS":
      return path.length >= 5 ? `buttons.${String(path[3])}.${path[4] === "url" ? "url" : "text"}` : "buttons";
    default: {
      if (path[2] !== "example") return "body.text";
      if (draft.parameterFormat !== "NAMED") return "body.examples.0";
      const names = draftVariables(draft).body;
      const missing = names.find((name) => (draft.body.namedExamples?.[name] ?? "").trim() === "") ?? names[0];
      return missing ? `body.namedExamples.${missing}` : "body.text";
    }
  }
}

/** A button as the preview draws it: its own text, or WhatsApp's label for its kind (in the reader's words). */
export interface TemplatePreviewButton {
  type: string;
  text: string | Translatable;
}

export type TemplatePreviewHeader = { kind: "text"; text: string } | { kind: "image" | "video" | "document" | "location" | "product" };

/** One card of a carousel, as far as the preview shows it. */
export interface TemplatePreviewCard {
  header: TemplatePreviewHeader | null;
  body: string;
  buttons: TemplatePreviewButton[];
}

export interface TemplatePreview {
  header: TemplatePreviewHeader | null;
  body: string;
  footer: string | null;
  buttons: TemplatePreviewButton[];
  /** A limited-time offer's headline, and whether it shows an expiry. */
  offer?: { text: string; expires: boolean };
  /** A carousel's first card, and how many more follow it. */
  carousel?: { first: TemplatePreviewCard; more: number };
}

/** The message as a customer would see it, with the example values filled in (missing ones stay {{1}} or {{first_name}}). */
export function previewTemplateDraft(draft: TemplateDraft): TemplatePreview {
  const { header } = draft;
  const variables = draftVariables(draft);
  const headerValues: Record<string, string> = variables.header[0] ? { [variables.header[0]]: header.example } : {};
  const bodyValues: Record<string, string> =
    draft.parameterFormat === "NAMED" ? { ...draft.body.namedExamples } : Object.fromEntries(draft.body.examples.map((example, index) => [String(index + 1), example]));
  return {
    header:
      header.format === "NONE"
        ? null
        : header.format === "TEXT"
          ? { kind: "text", text: fillTemplateText(header.text, headerValues) }
          : { kind: header.format.toLowerCase() as "image" | "video" | "document" | "location" },
    body: fillTemplateText(draft.body.text, bodyValues),
    footer: draft.footer === "" ? null : draft.footer,
    buttons: draft.buttons.map((button) => ({
      type: button.type,
      text: button.type === "COPY_CODE" || button.text === "" ? buttonTypeLabel(button.type) : button.text,
    })),
  };
}

/** Meta's rules on editing a submitted template. */
export const EDITABLE_STATUSES = ["APPROVED", "REJECTED", "PAUSED"] as const;

export interface TemplateEditRules {
  editable: boolean;
  /** Why not, for the person who wanted to edit it. */
  reason?: Translatable;
  /** An approved template keeps its category. */
  categoryLocked: boolean;
}

export function templateEditRules(status: string): TemplateEditRules {
  if (!(EDITABLE_STATUSES as readonly string[]).includes(status)) {
    const why =
      status === "PENDING" || status === "IN_APPEAL"
        ? message("templates.editRules.awaitingDecision", { status })
        : message("templates.editRules.notEditable", { status, statusText: status.toLowerCase().replace(/_/g, " ") });
    return { editable: false, reason: why, categoryLocked: true };
  }
  return { editable: true, categoryLocked: status === "APPROVED" };
}

/** Where a gateway refusal of a create or edit belongs in the form, when its wording says so. */
export function fieldOfTemplateRefusal(refusal: { subcode?: number; title?: string; message?: string }): string | undefined {
  const words = `${refusal.title ?? ""} ${refusal.message ?? ""}`;
  if (refusal.subcode === 2388024 || /already exists|name/i.test(refusal.title ?? "")) return "name";
  if (/language/i.test(refusal.title ?? "")) return "language";
  if (/category/i.test(refusal.title ?? "")) return "category";
  if (/header/i.test(words)) return /sample|handle/i.test(words) ? "header.handle" : "header.text";
  if (/footer/i.test(words)) return "footer";
  if (/button|url|phone number|coupon/i.test(refusal.title ?? "")) return "buttons";
  if (/body|variable/i.test(words)) return "body.text";
  return undefined;
}
