/**
 * The rules Meta applies when a template is created or edited (contract section 4), as a zod schema the
 * template editor and the gateway client share. Browser-safe.
 */
import { z } from "@/lib/zod";

import { encodeMessage, message, type Translatable } from "@/lib/i18n/translatable";
import { invalid } from "@/lib/i18n/validation";

import {
  PARAMETER_FORMATS,
  TEMPLATE_CATEGORIES,
  isNamedVariable,
  isNumberedVariable,
  templateParameterFormat,
  templatePlaceholders,
  templateVariables,
  type ParameterFormat,
} from "./templates";

export const TEMPLATE_LIMITS = {
  name: 512,
  headerText: 60,
  bodyText: 1024,
  footerText: 60,
  quickReplyText: 25,
  buttonText: 25,
  buttonsTotal: 10,
  urlButtons: 2,
  phoneButtons: 1,
  copyCodeButtons: 1,
} as const;

export interface TemplateTextRules {
  allowVariables?: boolean;
  maxVariables?: number;
  variablesAtEdges?: boolean;
  /** Numbered `{{1}}` variables (Meta's default) or named `{{first_name}}` ones. */
  parameterFormat?: ParameterFormat;
}

const PLACEHOLDER = String.raw`\{\{[^{}]*\}\}`;

/** Problems with the placeholders of a text, each a sentence for the person writing it. */
export function templateTextProblems(text: string, options: TemplateTextRules = {}): Translatable[] {
  const format = options.parameterFormat ?? "POSITIONAL";
  const problems: Translatable[] = [];
  const inners = templatePlaceholders(text);
  if (options.allowVariables === false) return inners.length > 0 ? [message("templates.rules.variablesNotAllowed")] : [];
  const numbered = inners.filter(isNumberedVariable);
  const named = inners.filter(isNamedVariable);
  const malformed = inners.filter((inner) => !isNumberedVariable(inner) && !isNamedVariable(inner));
  if (numbered.length > 0 && named.length > 0) {
    problems.push(message("templates.rules.mixedVariables"));
  } else if (format === "POSITIONAL" && malformed.length > 0) {
    problems.push(message("templates.rules.numberedFormat"));
  } else if (format === "POSITIONAL" && named.length > 0) {
    problems.push(message("templates.rules.numberedFormatOrNamed"));
  } else if (format === "NAMED" && numbered.length > 0) {
    problems.push(message("templates.rules.namedNotNumbered"));
  }
  if (format === "NAMED" && malformed.length > 0) {
    problems.push(message("templates.rules.namedFormat"));
  }
  const variables = format === "NAMED" ? new Set(named).size : numbered.length;
  if (options.maxVariables !== undefined && variables > options.maxVariables) {
    problems.push(message("templates.rules.tooManyVariables", { maximum: options.maxVariables }));
  }
  if (format === "POSITIONAL" && numbered.map(Number).some((n, index) => n !== index + 1)) {
    problems.push(message("templates.rules.numberedInOrder"));
  }
  if (inners.length > 0) {
    const trimmed = text.trim();
    if (!options.variablesAtEdges && (new RegExp(`^${PLACEHOLDER}`).test(trimmed) || new RegExp(`${PLACEHOLDER}$`).test(trimmed))) {
      problems.push(message("templates.rules.variableAtEdges"));
    }
    if (new RegExp(`${PLACEHOLDER}\\s*${PLACEHOLDER}`).test(text)) problems.push(message("templates.rules.adjacentVariables"));
  }
  return problems;
}

/**
 * Meta refuses a body with too many variables for its length (error 2388293). Its exact threshold is not
 * published; the rule Meta's examples follow is at least two words per variable plus one. A variable
 * used twice counts once, named or numbered alike.
 */
export function variableDensityProblem(text: string): Translatable | undefined {
  const variables = new Set(templatePlaceholders(text).filter((inner) => isNumberedVariable(inner) || isNamedVariable(inner))).size;
  if (variables === 0) return undefined;
  const words = text.replace(/\{\{[^{}]*\}\}/g, " ").split(/\s+/).filter((word) => /\w/.test(word)).length;
  const needed = 2 * variables + 1;
  return words < needed ? message("templates.rules.tooDense", { variables, needed, words }) : undefined;
}

/** A zod issue's message carrying a sentence for people (read back by decodeMessage where it is shown). */
const said = (translatable: Translatable) => encodeMessage(translatable);

const namedExamplesSchema = z.array(z.object({ param_name: z.string().min(1), example: z.string().min(1) })).min(1);

const headerSchema = z
  .object({
    type: z.literal("HEADER"),
    format: z.enum(["TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION"]),
    text: z.string().min(1).max(TEMPLATE_LIMITS.headerText).optional(),
    example: z
      .union([
        z.object({ header_text: z.array(z.string().min(1)).min(1) }),
        z.object({ header_text_named_params: namedExamplesSchema }),
        z.object({ header_handle: z.array(z.string().min(1)).min(1) }),
      ])
      .optional(),
  })
  .superRefine((header, ctx) => {
    if (header.format === "TEXT" && header.text === undefined) {
      ctx.addIssue({ code: "custom", message: said(message("templates.rules.headerTextRequired")), path: ["text"] });
    }
  });

const bodySchema = z.object({
  type: z.literal("BODY"),
  text: z.string().min(1, invalid("templates.rules.bodyRequired")).max(TEMPLATE_LIMITS.bodyText),
  example: z
    .union([z.object({ body_text: z.array(z.array(z.string().min(1))).min(1) }), z.object({ body_text_named_params: namedExamplesSchema })])
    .optional(),
});

type NamedExample = z.infer<typeof namedExamplesSchema>[number];
const namesOf = (examples: NamedExample[] | undefined) => new Set((examples ?? []).map((example) => example.param_name));

/**
 * The rules that depend on the kind of variables (checked on the whole template, since the kind is
 * the template's): placeholders of the header and body, density, and an example for each variable in
 * the matching form (`header_text`/`body_text`, or `…_named_params` by name).
 */
function addVariableIssues(components: readonly TemplateDefinitionComponent[], format: ParameterFormat, ctx: z.RefinementCtx) {
  components.forEach((component, index) => {
    const issue = (problem: Translatable, key: string) => ctx.addIssue({ code: "custom", message: said(problem), path: ["components", index, key] });
    if (component.type === "HEADER" && component.text !== undefined) {
      // Meta's start/end rule is about the body; "Order {{1}}" is a usual header.
      for (const problem of templateTextProblems(component.text, { maxVariables: 1, variablesAtEdges: true, parameterFormat: format })) issue(problem, "text");
      const variables = templateVariables(component.text, format);
      const example = component.example;
      const given =
        format === "NAMED"
          ? example !== undefined && "header_text_named_params" in example && variables.every((name) => namesOf(example.header_text_named_params).has(name))
          : example !== undefined && "header_text" in example;
      if (variables.length > 0 && !given) issue(message("templates.rules.headerExampleMissing"), "example");
    }
    if (component.type === "BODY") {
      for (const problem of templateTextProblems(component.text, { parameterFormat: format })) issue(problem, "text");
      const tooDense = variableDensityProblem(component.text);
      if (tooDense) issue(tooDense, "text");
      const variables = templateVariables(component.text, format);
      const example = component.example;
      if (format === "NAMED") {
        const named = example !== undefined && "body_text_named_params" in example ? namesOf(example.body_text_named_params) : new Set<string>();
        const missing = variables.filter((name) => !named.has(name));
        const unused = [...named].filter((name) => !variables.includes(name));
        if (missing.length > 0) {
          issue(message("templates.rules.namedExamplesMissing", { variables: missing.map((name) => `{{${name}}}`).join(", "), count: missing.length }), "example");
        } else if (unused.length > 0) {
          issue(message("templates.rules.unusedExamples", { names: unused.join(", ") }), "example");
        }
      } else {
        const examples = example !== undefined && "body_text" in example ? (example.body_text[0]?.length ?? 0) : 0;
        if (variables.length > 0 && examples !== variables.length) issue(message("templates.rules.examplesCount", { count: variables.length }), "example");
      }
    }
  });
}

const footerSchema = z
  .object({ type: z.literal("FOOTER"), text: z.string().min(1).max(TEMPLATE_LIMITS.footerText) })
  .superRefine((footer, ctx) => {
    for (const problem of templateTextProblems(footer.text, { allowVariables: false })) ctx.addIssue({ code: "custom", message: said(problem), path: ["text"] });
  });

const buttonText = z.string().min(1).max(TEMPLATE_LIMITS.buttonText);

export const templateButtonSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("QUICK_REPLY"), text: z.string().min(1).max(TEMPLATE_LIMITS.quickReplyText) }),
  z.object({ type: z.literal("URL"), text: buttonText, url: z.string().regex(/^https?:\/\//, invalid("templates.rules.urlInvalid")), example: z.array(z.string()).optional() }),
  z.object({ type: z.literal("PHONE_NUMBER"), text: buttonText, phone_number: z.string().regex(/^\+?\d{6,20}$/, invalid("templates.rules.phoneInvalid")) }),
  z.object({ type: z.literal("COPY_CODE"), example: z.union([z.string().min(1), z.array(z.string().min(1))]) }),
  z.looseObject({ type: z.literal("OTP"), otp_type: z.string() }),
]);
export type TemplateButtonDefinition = z.infer<typeof templateButtonSchema>;

const buttonsSchema = z
  .object({ type: z.literal("BUTTONS"), buttons: z.array(templateButtonSchema).min(1).max(TEMPLATE_LIMITS.buttonsTotal) })
  .superRefine(({ buttons }, ctx) => {
    const count = (type: string) => buttons.filter((button) => button.type === type).length;
    const issue = (problem: Translatable) => ctx.addIssue({ code: "custom", message: said(problem), path: ["buttons"] });
    if (count("URL") > TEMPLATE_LIMITS.urlButtons) issue(message("templates.rules.tooManyUrlButtons", { maximum: TEMPLATE_LIMITS.urlButtons }));
    if (count("PHONE_NUMBER") > TEMPLATE_LIMITS.phoneButtons) issue(message("templates.rules.tooManyCallButtons", { maximum: TEMPLATE_LIMITS.phoneButtons }));
    if (count("COPY_CODE") > TEMPLATE_LIMITS.copyCodeButtons) issue(message("templates.rules.tooManyCopyCodeButtons", { maximum: TEMPLATE_LIMITS.copyCodeButtons }));
    const quick = buttons.map((button, index) => (button.type === "QUICK_REPLY" ? index : -1)).filter((index) => index >= 0);
    if (quick.length > 0 && quick[quick.length - 1]! - quick[0]! !== quick.length - 1) issue(message("templates.rules.quickRepliesTogether"));
    buttons.forEach((button, index) => {
      if (button.type !== "URL") return;
      const variables = [...button.url.matchAll(/\{\{[^{}]*\}\}/g)];
      if (variables.length > 1 || (variables.length === 1 && !/\{\{1\}\}$/.test(button.url))) {
        ctx.addIssue({ code: "custom", message: said(message("templates.rules.urlVariableAtEnd")), path: ["buttons", index, "url"] });
      }
    });
  });

export const templateDefinitionComponentSchema = z.discriminatedUnion("type", [headerSchema, bodySchema, footerSchema, buttonsSchema]);
export type TemplateDefinitionComponent = z.infer<typeof templateDefinitionComponentSchema>;

const componentsSchema = z
  .array(templateDefinitionComponentSchema)
  .min(1)
  .superRefine((components, ctx) => {
    for (const type of ["HEADER", "BODY", "FOOTER", "BUTTONS"] as const) {
      if (components.filter((component) => component.type === type).length > 1) {
        ctx.addIssue({ code: "custom", message: said(message("templates.rules.duplicateComponent", { type })) });
      }
    }
    if (!components.some((component) => component.type === "BODY")) ctx.addIssue({ code: "custom", message: said(message("templates.rules.bodyMissing")) });
  });

export const templateNameSchema = z
  .string()
  .min(1, invalid("templates.rules.nameRequired"))
  .max(TEMPLATE_LIMITS.name)
  .regex(/^[a-z0-9_]+$/, invalid("templates.rules.nameFormat"));

export const templateLanguageSchema = z.string().regex(/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/, invalid("templates.rules.languageCode"));

/** Body of `POST /{waba_id}/message_templates`. Without `parameter_format` Meta reads `{{1}}`-style variables. */
export const createTemplateBodySchema = z
  .object({
    name: templateNameSchema,
    language: templateLanguageSchema,
    category: z.enum(TEMPLATE_CATEGORIES),
    parameter_format: z.enum(PARAMETER_FORMATS).optional(),
    components: componentsSchema,
    allow_category_change: z.boolean().optional(),
  })
  .superRefine((body, ctx) => addVariableIssues(body.components, body.parameter_format ?? "POSITIONAL", ctx));
export type CreateTemplateBody = z.input<typeof createTemplateBodySchema>;

/**
 * Body of `POST /{template_id}` (edit). A template keeps the kind of variables it was created with;
 * the components' own placeholders say which it is.
 */
export const editTemplateBodySchema = z
  .object({ components: componentsSchema.optional(), category: z.enum(TEMPLATE_CATEGORIES).optional() })
  .refine((body) => body.components !== undefined || body.category !== undefined, invalid("templates.rules.editNothing"))
  .superRefine((body, ctx) => {
    if (body.components) addVariableIssues(body.components, templateParameterFormat({ components: body.components }), ctx);
  });
export type EditTemplateBody = z.input<typeof editTemplateBodySchema>;
