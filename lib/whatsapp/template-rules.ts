/**
 * The rules Meta applies when a template is created or edited (contract section 4), as a zod schema the
 * template editor and the gateway client share. Browser-safe.
 */
import { z } from "zod";

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

/** Problems with the placeholders of a text, in plain words. */
export function templateTextProblems(text: string, options: TemplateTextRules = {}): string[] {
  const format = options.parameterFormat ?? "POSITIONAL";
  const problems: string[] = [];
  const inners = templatePlaceholders(text);
  if (options.allowVariables === false) return inners.length > 0 ? ["variables are not allowed here"] : [];
  const numbered = inners.filter(isNumberedVariable);
  const named = inners.filter(isNamedVariable);
  const malformed = inners.filter((inner) => !isNumberedVariable(inner) && !isNamedVariable(inner));
  if (numbered.length > 0 && named.length > 0) {
    problems.push("named and numbered variables cannot be mixed in one template");
  } else if (format === "POSITIONAL" && malformed.length > 0) {
    problems.push("variables must be written {{1}}, {{2}}… without spaces or names");
  } else if (format === "POSITIONAL" && named.length > 0) {
    problems.push("variables must be written {{1}}, {{2}}… without spaces or names (or choose named variables)");
  } else if (format === "NAMED" && numbered.length > 0) {
    problems.push("this template uses named variables: write them as {{first_name}}, not {{1}} (or choose numbered variables)");
  }
  if (format === "NAMED" && malformed.length > 0) {
    problems.push("variable names use lowercase letters, digits and underscores only, without spaces, e.g. {{first_name}}");
  }
  const variables = format === "NAMED" ? new Set(named).size : numbered.length;
  if (options.maxVariables !== undefined && variables > options.maxVariables) {
    problems.push(`at most ${options.maxVariables} variable${options.maxVariables === 1 ? "" : "s"} here`);
  }
  if (format === "POSITIONAL" && numbered.map(Number).some((n, index) => n !== index + 1)) {
    problems.push("variables must be numbered in order: {{1}}, {{2}}, {{3}}…");
  }
  if (inners.length > 0) {
    const trimmed = text.trim();
    if (!options.variablesAtEdges && (new RegExp(`^${PLACEHOLDER}`).test(trimmed) || new RegExp(`${PLACEHOLDER}$`).test(trimmed))) {
      problems.push("the text cannot start or end with a variable");
    }
    if (new RegExp(`${PLACEHOLDER}\\s*${PLACEHOLDER}`).test(text)) problems.push("two variables cannot be side by side");
  }
  return problems;
}

/**
 * Meta refuses a body with too many variables for its length (error 2388293). Its exact threshold is not
 * published; the rule Meta's examples follow is at least two words per variable plus one. A variable
 * used twice counts once, named or numbered alike.
 */
export function variableDensityProblem(text: string): string | undefined {
  const variables = new Set(templatePlaceholders(text).filter((inner) => isNumberedVariable(inner) || isNamedVariable(inner))).size;
  if (variables === 0) return undefined;
  const words = text.replace(/\{\{[^{}]*\}\}/g, " ").split(/\s+/).filter((word) => /\w/.test(word)).length;
  const needed = 2 * variables + 1;
  return words < needed
    ? `too many variables for the text length: ${variables} variable${variables === 1 ? "" : "s"} need at least ${needed} words around them (now ${words})`
    : undefined;
}

const namedExamplesSchema = z.array(z.object({ param_name: z.string().min(1), example: z.string().min(1) })).min(1);

const headerSchema = z
  .object({
    type: z.literal("HEADER"),
    format: z.enum(["TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION"]),
    text: z.string().min(1).max(TEMPLATE_LIMITS.headerText, `header must be at most ${TEMPLATE_LIMITS.headerText} characters`).optional(),
    example: z
      .union([
        z.object({ header_text: z.array(z.string().min(1)).min(1) }),
        z.object({ header_text_named_params: namedExamplesSchema }),
        z.object({ header_handle: z.array(z.string().min(1)).min(1) }),
      ])
      .optional(),
  })
  .superRefine((header, ctx) => {
    if (header.format === "TEXT" && header.text === undefined) ctx.addIssue({ code: "custom", message: "a text header needs its text", path: ["text"] });
  });

const bodySchema = z.object({
  type: z.literal("BODY"),
  text: z.string().min(1, "the body text is required").max(TEMPLATE_LIMITS.bodyText, `body must be at most ${TEMPLATE_LIMITS.bodyText} characters`),
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
    const issue = (message: string, key: string) => ctx.addIssue({ code: "custom", message, path: ["components", index, key] });
    if (component.type === "HEADER" && component.text !== undefined) {
      // Meta's start/end rule is about the body; "Order {{1}}" is a usual header.
      for (const message of templateTextProblems(component.text, { maxVariables: 1, variablesAtEdges: true, parameterFormat: format })) issue(message, "text");
      const variables = templateVariables(component.text, format);
      const example = component.example;
      const given =
        format === "NAMED"
          ? example !== undefined && "header_text_named_params" in example && variables.every((name) => namesOf(example.header_text_named_params).has(name))
          : example !== undefined && "header_text" in example;
      if (variables.length > 0 && !given) issue("give an example for the header variable", "example");
    }
    if (component.type === "BODY") {
      for (const message of templateTextProblems(component.text, { parameterFormat: format })) issue(message, "text");
      const tooDense = variableDensityProblem(component.text);
      if (tooDense) issue(tooDense, "text");
      const variables = templateVariables(component.text, format);
      const example = component.example;
      if (format === "NAMED") {
        const named = example !== undefined && "body_text_named_params" in example ? namesOf(example.body_text_named_params) : new Set<string>();
        const missing = variables.filter((name) => !named.has(name));
        const unused = [...named].filter((name) => !variables.includes(name));
        if (missing.length > 0) issue(`give an example for each variable: ${missing.map((name) => `{{${name}}}`).join(", ")} ${missing.length === 1 ? "has" : "have"} none`, "example");
        else if (unused.length > 0) issue(`examples are given for variables the text does not use: ${unused.join(", ")}`, "example");
      } else {
        const examples = example !== undefined && "body_text" in example ? (example.body_text[0]?.length ?? 0) : 0;
        if (variables.length > 0 && examples !== variables.length) issue(`give an example for each of the ${variables.length} variables`, "example");
      }
    }
  });
}

const footerSchema = z
  .object({ type: z.literal("FOOTER"), text: z.string().min(1).max(TEMPLATE_LIMITS.footerText, `footer must be at most ${TEMPLATE_LIMITS.footerText} characters`) })
  .superRefine((footer, ctx) => {
    for (const message of templateTextProblems(footer.text, { allowVariables: false })) ctx.addIssue({ code: "custom", message, path: ["text"] });
  });

const buttonText = z.string().min(1).max(TEMPLATE_LIMITS.buttonText, `button text must be at most ${TEMPLATE_LIMITS.buttonText} characters`);

export const templateButtonSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("QUICK_REPLY"), text: z.string().min(1).max(TEMPLATE_LIMITS.quickReplyText) }),
  z.object({ type: z.literal("URL"), text: buttonText, url: z.string().regex(/^https?:\/\//, "must be an http(s) URL"), example: z.array(z.string()).optional() }),
  z.object({ type: z.literal("PHONE_NUMBER"), text: buttonText, phone_number: z.string().regex(/^\+?\d{6,20}$/, "must be a phone number") }),
  z.object({ type: z.literal("COPY_CODE"), example: z.union([z.string().min(1), z.array(z.string().min(1))]) }),
  z.looseObject({ type: z.literal("OTP"), otp_type: z.string() }),
]);
export type TemplateButtonDefinition = z.infer<typeof templateButtonSchema>;

const buttonsSchema = z
  .object({ type: z.literal("BUTTONS"), buttons: z.array(templateButtonSchema).min(1).max(TEMPLATE_LIMITS.buttonsTotal, `at most ${TEMPLATE_LIMITS.buttonsTotal} buttons`) })
  .superRefine(({ buttons }, ctx) => {
    const count = (type: string) => buttons.filter((button) => button.type === type).length;
    if (count("URL") > TEMPLATE_LIMITS.urlButtons) ctx.addIssue({ code: "custom", message: "at most 2 link buttons", path: ["buttons"] });
    if (count("PHONE_NUMBER") > TEMPLATE_LIMITS.phoneButtons) ctx.addIssue({ code: "custom", message: "at most 1 call button", path: ["buttons"] });
    if (count("COPY_CODE") > TEMPLATE_LIMITS.copyCodeButtons) ctx.addIssue({ code: "custom", message: "at most 1 copy-code button", path: ["buttons"] });
    const quick = buttons.map((button, index) => (button.type === "QUICK_REPLY" ? index : -1)).filter((index) => index >= 0);
    if (quick.length > 0 && quick[quick.length - 1]! - quick[0]! !== quick.length - 1) {
      ctx.addIssue({ code: "custom", message: "quick-reply buttons must be grouped together", path: ["buttons"] });
    }
    buttons.forEach((button, index) => {
      if (button.type !== "URL") return;
      const variables = [...button.url.matchAll(/\{\{[^{}]*\}\}/g)];
      if (variables.length > 1 || (variables.length === 1 && !/\{\{1\}\}$/.test(button.url))) {
        ctx.addIssue({ code: "custom", message: "a link may hold one variable {{1}}, at its end", path: ["buttons", index, "url"] });
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
        ctx.addIssue({ code: "custom", message: `only one ${type.toLowerCase()} per template` });
      }
    }
    if (!components.some((component) => component.type === "BODY")) ctx.addIssue({ code: "custom", message: "a template needs a body" });
  });

export const templateNameSchema = z
  .string()
  .min(1, "the template name is required")
  .max(TEMPLATE_LIMITS.name, `the name must be at most ${TEMPLATE_LIMITS.name} characters`)
  .regex(/^[a-z0-9_]+$/, "use lowercase letters, digits and underscores only");

export const templateLanguageSchema = z.string().regex(/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/, "a language code such as en_US");

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
  .refine((body) => body.components !== undefined || body.category !== undefined, { message: "change the components or the category" })
  .superRefine((body, ctx) => {
    if (body.components) addVariableIssues(body.components, templateParameterFormat({ components: body.components }), ctx);
  });
export type EditTemplateBody = z.input<typeof editTemplateBodySchema>;
