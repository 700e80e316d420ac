/**
 * The template editor's draft: the form's shape, its translation to and from Graph's components, the
 * lint that names the form field of each problem (Meta's rules from template-rules.ts plus the editor's
 * own), the preview with example values, and Meta's rules on what an edit may change. Browser-safe.
 */
import { z } from "zod";

import { TEMPLATE_LIMITS, createTemplateBodySchema, templateTextProblems, variableDensityProblem } from "./template-rules";
import { TEMPLATE_CATEGORIES, countTemplateVariables, type TemplateComponent } from "./templates";

export const HEADER_FORMATS = ["NONE", "TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION"] as const;
export type HeaderFormat = (typeof HEADER_FORMATS)[number];
export const BUTTON_TYPES = ["QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE"] as const;
export type DraftButtonType = (typeof BUTTON_TYPES)[number];

/** Meta's extra limits the shared rules do not hold. */
export const DRAFT_LIMITS = { couponCode: 15, quickReplies: 10 } as const;

// Only a guard against absurd payloads: the lint below gives the real limit at its field.
const text = (max = 10_000) => z.string().max(max, `at most ${max} characters`);

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
  header: z.object({ format: z.enum(HEADER_FORMATS), text: text(), example: text(), handle: text() }),
  body: z.object({ text: text(), examples: z.array(text()).max(100, "at most 100 examples") }),
  footer: text(),
  buttons: z.array(templateDraftButtonSchema).max(20, "at most 20 buttons"),
});
export type TemplateDraft = z.infer<typeof templateDraftSchema>;

export const BUTTON_LABELS: Record<DraftButtonType, string> = {
  QUICK_REPLY: "Quick reply",
  URL: "Visit website",
  PHONE_NUMBER: "Call phone number",
  COPY_CODE: "Copy offer code",
};

export function emptyDraftButton(type: DraftButtonType): TemplateDraftButton {
  return { type, text: "", url: "", urlExample: "", phoneNumber: "", code: "" };
}

export function emptyTemplateDraft(): TemplateDraft {
  return {
    name: "",
    language: "en_US",
    category: "MARKETING",
    allowCategoryChange: true,
    header: { format: "NONE", text: "", example: "", handle: "" },
    body: { text: "", examples: [] },
    footer: "",
    buttons: [],
  };
}

const hasVariable = (value: string) => /\{\{[^{}]*\}\}/.test(value);

/** Graph's `components` for the draft, in the order Meta shows them. */
export function draftComponents(draft: TemplateDraft): Record<string, unknown>[] {
  const components: Record<string, unknown>[] = [];
  const { header } = draft;
  if (header.format === "TEXT") {
    components.push({
      type: "HEADER",
      format: "TEXT",
      text: header.text,
      ...(hasVariable(header.text) ? { example: { header_text: [header.example] } } : {}),
    });
  } else if (header.format === "LOCATION") {
    components.push({ type: "HEADER", format: "LOCATION" });
  } else if (header.format !== "NONE") {
    components.push({ type: "HEADER", format: header.format, ...(header.handle ? { example: { header_handle: [header.handle] } } : {}) });
  }
  const variables = countTemplateVariables(draft.body.text);
  components.push({
    type: "BODY",
    text: draft.body.text,
    ...(variables > 0 ? { example: { body_text: [Array.from({ length: variables }, (_, index) => draft.body.examples[index] ?? "")] } } : {}),
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
    components: draftComponents(draft),
    ...(draft.category === "UTILITY" ? { allow_category_change: draft.allowCategoryChange } : {}),
  };
}

const str = (value: unknown) => (typeof value === "string" ? value : "");
const firstOf = (value: unknown) => (Array.isArray(value) ? str(value[0]) : str(value));

/** A draft from a stored template (to edit it, or to start a new one from a copy). */
export function draftFromTemplate(template: { name: string; language: string; category: string; components: unknown[] }): TemplateDraft {
  const draft = emptyTemplateDraft();
  draft.name = template.name;
  draft.language = template.language;
  draft.category = (TEMPLATE_CATEGORIES as readonly string[]).includes(template.category) ? (template.category as TemplateDraft["category"]) : "MARKETING";
  for (const raw of template.components as TemplateComponent[]) {
    if (raw === null || typeof raw !== "object") continue;
    const type = str(raw.type).toUpperCase();
    const example = (raw.example ?? {}) as Record<string, unknown>;
    if (type === "HEADER") {
      const format = str(raw.format).toUpperCase();
      draft.header = {
        format: (HEADER_FORMATS as readonly string[]).includes(format) ? (format as HeaderFormat) : "TEXT",
        text: str(raw.text),
        example: firstOf(example.header_text),
        handle: firstOf(example.header_handle),
      };
    } else if (type === "BODY") {
      const rows = Array.isArray(example.body_text) ? example.body_text : [];
      draft.body = { text: str(raw.text), examples: Array.isArray(rows[0]) ? rows[0].map(str) : [] };
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
  message: string;
}

export interface LintOptions {
  /** Templates of the WABA already holding a name, by language (the draft's own id excluded). */
  taken?: Array<{ name: string; language: string }>;
  /** Editing an existing template: its name and language cannot change, so they are not checked again. */
  editing?: boolean;
}

const capitalise = (message: string) => message.charAt(0).toUpperCase() + message.slice(1) + (/[.!?]$/.test(message) ? "" : ".");
const chars = (value: string) => [...value].length;

/**
 * Every problem of the draft, at the form field it concerns, in the form's order. The editor shows
 * them as the person types; the server runs the same lint before calling the gateway.
 */
export function lintTemplateDraft(draft: TemplateDraft, options: LintOptions = {}): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const add = (field: string, message: string) => {
    if (!problems.some((problem) => problem.field === field)) problems.push({ field, message: capitalise(message) });
  };

  if (!options.editing) {
    if (draft.name === "") add("name", "the template name is required");
    else if (chars(draft.name) > TEMPLATE_LIMITS.name) add("name", `the name must be at most ${TEMPLATE_LIMITS.name} characters (now ${chars(draft.name)})`);
    else if (!/^[a-z0-9_]+$/.test(draft.name)) add("name", "use lowercase letters, digits and underscores only");
    else if (options.taken?.some((entry) => entry.name === draft.name && entry.language === draft.language)) {
      add("name", `a template named ${draft.name} already exists in ${draft.language}: choose another name or language`);
    }
    if (!/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/.test(draft.language)) add("language", "choose a language code such as en_US");
  }

  const { header } = draft;
  if (header.format === "TEXT") {
    if (header.text.trim() === "") add("header.text", "a text header needs its text (or choose no header)");
    else if (chars(header.text) > TEMPLATE_LIMITS.headerText) {
      add("header.text", `the header must be at most ${TEMPLATE_LIMITS.headerText} characters (now ${chars(header.text)})`);
    } else {
      const textProblem = templateTextProblems(header.text, { maxVariables: 1, variablesAtEdges: true })[0];
      if (textProblem) add("header.text", textProblem);
      else if (hasVariable(header.text) && header.example.trim() === "") add("header.example", "give an example value for the header variable {{1}}");
    }
  } else if (header.format === "IMAGE" || header.format === "VIDEO" || header.format === "DOCUMENT") {
    if (header.handle.trim() === "") add("header.handle", `Meta reviews a sample: pick a sample ${header.format.toLowerCase()} file to upload`);
  }

  const body = draft.body.text;
  if (body.trim() === "") add("body.text", "the body text is required");
  else if (chars(body) > TEMPLATE_LIMITS.bodyText) add("body.text", `the body must be at most ${TEMPLATE_LIMITS.bodyText} characters (now ${chars(body)})`);
  else {
    const textProblem = templateTextProblems(body)[0] ?? variableDensityProblem(body);
    if (textProblem) add("body.text", textProblem);
  }
  const variables = countTemplateVariables(body);
  for (let index = 0; index < variables; index += 1) {
    if ((draft.body.examples[index] ?? "").trim() === "") add(`body.examples.${index}`, `give an example value for {{${index + 1}}}`);
  }

  if (draft.footer !== "") {
    if (chars(draft.footer) > TEMPLATE_LIMITS.footerText) add("footer", `the footer must be at most ${TEMPLATE_LIMITS.footerText} characters (now ${chars(draft.footer)})`);
    else if (hasVariable(draft.footer)) add("footer", "the footer cannot hold variables");
  }

  const buttons = draft.buttons;
  const count = (type: DraftButtonType) => buttons.filter((button) => button.type === type).length;
  if (buttons.length > TEMPLATE_LIMITS.buttonsTotal) add("buttons", `at most ${TEMPLATE_LIMITS.buttonsTotal} buttons in all (now ${buttons.length})`);
  else if (count("URL") > TEMPLATE_LIMITS.urlButtons) add("buttons", `at most ${TEMPLATE_LIMITS.urlButtons} website buttons`);
  else if (count("PHONE_NUMBER") > TEMPLATE_LIMITS.phoneButtons) add("buttons", `at most ${TEMPLATE_LIMITS.phoneButtons} call button`);
  else if (count("COPY_CODE") > TEMPLATE_LIMITS.copyCodeButtons) add("buttons", `at most ${TEMPLATE_LIMITS.copyCodeButtons} copy-code button`);
  else {
    const quick = buttons.flatMap((button, index) => (button.type === "QUICK_REPLY" ? [index] : []));
    if (quick.length > 0 && quick[quick.length - 1]! - quick[0]! !== quick.length - 1) add("buttons", "keep the quick-reply buttons together, before or after the others");
  }
  buttons.forEach((button, index) => {
    const at = (field: string) => `buttons.${index}.${field}`;
    if (button.type !== "COPY_CODE") {
      const limit = button.type === "QUICK_REPLY" ? TEMPLATE_LIMITS.quickReplyText : TEMPLATE_LIMITS.buttonText;
      if (button.text.trim() === "") add(at("text"), "the button needs its text");
      else if (chars(button.text) > limit) add(at("text"), `button text must be at most ${limit} characters (now ${chars(button.text)})`);
      else if (hasVariable(button.text)) add(at("text"), "button text cannot hold variables");
    }
    if (button.type === "URL") {
      const variablesInUrl = [...button.url.matchAll(/\{\{[^{}]*\}\}/g)];
      if (!/^https?:\/\/\S+$/.test(button.url.replace(/\{\{1\}\}$/, "x"))) add(at("url"), "the link must be an http(s) URL, e.g. https://shop.example/track/{{1}}");
      else if (variablesInUrl.length > 1 || (variablesInUrl.length === 1 && !/\{\{1\}\}$/.test(button.url))) add(at("url"), "a link may hold one variable {{1}}, at its end");
      else if (variablesInUrl.length === 1 && button.urlExample.trim() === "") add(at("urlExample"), "give an example value for the link's {{1}}");
    }
    if (button.type === "PHONE_NUMBER" && !/^\+?\d{7,20}$/.test(button.phoneNumber.replace(/[\s-]/g, ""))) {
      add(at("phoneNumber"), "give the phone number in international format, e.g. +15550104821");
    }
    if (button.type === "COPY_CODE") {
      if (button.code.trim() === "") add(at("code"), "give the example offer code");
      else if (chars(button.code) > DRAFT_LIMITS.couponCode) add(at("code"), `the offer code must be at most ${DRAFT_LIMITS.couponCode} characters`);
    }
  });

  // The shared rules (the ones the gateway client enforces): anything the checks above missed.
  if (problems.length === 0) {
    const parsed = createTemplateBodySchema.safeParse(draftCreateBody(normalisedDraft(draft)));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = fieldOfIssuePath(issue.path, draft);
        if (!(options.editing && (field === "name" || field === "language"))) add(field, issue.message);
      }
    }
  }
  return problems;
}

/** What is sent: phone numbers without spaces or dashes. */
export function normalisedDraft(draft: TemplateDraft): TemplateDraft {
  return { ...draft, buttons: draft.buttons.map((button) => ({ ...button, phoneNumber: button.phoneNumber.replace(/[\s-]/g, "") })) };
}

/** The form field of an issue of createTemplateBodySchema, for the components draftComponents builds. */
function fieldOfIssuePath(path: PropertyKey[], draft: TemplateDraft): string {
  if (path[0] !== "components") return String(path[0] ?? "body.text");
  const component = draftComponents(draft)[Number(path[1])];
  switch (component?.type) {
    case "HEADER":
      return path[2] === "example" ? "header.example" : "header.text";
    case "FOOTER":
      return "footer";
    case "BUTTONS":
      return path.length >= 5 ? `buttons.${String(path[3])}.${path[4] === "url" ? "url" : "text"}` : "buttons";
    default:
      return path[2] === "example" ? "body.examples.0" : "body.text";
  }
}

export interface TemplatePreview {
  header: { kind: "text"; text: string } | { kind: "image" | "video" | "document" | "location" } | null;
  body: string;
  footer: string | null;
  buttons: Array<{ type: string; text: string }>;
}

const fill = (value: string, examples: string[]) =>
  value.replace(/\{\{(\d+)\}\}/g, (whole, index: string) => examples[Number(index) - 1]?.trim() || whole);

/** The message as a customer would see it, with the example values filled in (missing ones stay {{n}}). */
export function previewTemplateDraft(draft: TemplateDraft): TemplatePreview {
  const { header } = draft;
  return {
    header:
      header.format === "NONE"
        ? null
        : header.format === "TEXT"
          ? { kind: "text", text: fill(header.text, [header.example]) }
          : { kind: header.format.toLowerCase() as "image" | "video" | "document" | "location" },
    body: fill(draft.body.text, draft.body.examples),
    footer: draft.footer === "" ? null : draft.footer,
    buttons: draft.buttons.map((button) => ({
      type: button.type,
      text: button.type === "COPY_CODE" ? "Copy offer code" : button.text || BUTTON_LABELS[button.type],
    })),
  };
}

/** Meta's rules on editing a submitted template. */
export const EDITABLE_STATUSES = ["APPROVED", "REJECTED", "PAUSED"] as const;

export interface TemplateEditRules {
  editable: boolean;
  /** Why not, in plain words. */
  reason?: string;
  /** An approved template keeps its category. */
  categoryLocked: boolean;
}

export function templateEditRules(status: string): TemplateEditRules {
  if (!(EDITABLE_STATUSES as readonly string[]).includes(status)) {
    const why =
      status === "PENDING" || status === "IN_APPEAL"
        ? `It is ${status === "PENDING" ? "in review" : "in appeal"}: wait for Meta's decision before editing.`
        : `Meta allows edits only to approved, rejected or paused templates; this one is ${status.toLowerCase().replace(/_/g, " ")}.`;
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
