/**
 * The rules Meta applies when a template is created or edited (contract section 4), as a zod schema the
 * template editor and the gateway client share. Browser-safe.
 */
import { z } from "zod";

import { TEMPLATE_CATEGORIES } from "./templates";

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

/** Problems with the `{{n}}` placeholders of a text, in plain words. */
export function templateTextProblems(text: string, options: { allowVariables?: boolean; maxVariables?: number; variablesAtEdges?: boolean } = {}): string[] {
  const problems: string[] = [];
  const placeholders = [...text.matchAll(/\{\{([^{}]*)\}\}/g)];
  if (placeholders.some((match) => !/^\d+$/.test(match[1] ?? ""))) {
    problems.push("variables must be written {{1}}, {{2}}… without spaces or names");
  }
  const numbers = placeholders.map((match) => match[1] ?? "").filter((inner) => /^\d+$/.test(inner)).map(Number);
  if (options.allowVariables === false && placeholders.length > 0) {
    problems.push("variables are not allowed here");
    return problems;
  }
  if (options.maxVariables !== undefined && numbers.length > options.maxVariables) {
    problems.push(`at most ${options.maxVariables} variable${options.maxVariables === 1 ? "" : "s"} here`);
  }
  if (numbers.some((n, index) => n !== index + 1)) {
    problems.push("variables must be numbered in order: {{1}}, {{2}}, {{3}}…");
  }
  if (numbers.length > 0) {
    const trimmed = text.trim();
    if (!options.variablesAtEdges && (/^\{\{\d+\}\}/.test(trimmed) || /\{\{\d+\}\}$/.test(trimmed))) {
      problems.push("the text cannot start or end with a variable");
    }
    if (/\{\{\d+\}\}\s*\{\{\d+\}\}/.test(text)) problems.push("two variables cannot be side by side");
  }
  return problems;
}

/**
 * Meta refuses a body with too many variables for its length (error 2388293). Its exact threshold is not
 * published; the rule Meta's examples follow is at least two words per variable plus one.
 */
export function variableDensityProblem(text: string): string | undefined {
  const variables = new Set([...text.matchAll(/\{\{(\d+)\}\}/g)].map((match) => match[1])).size;
  if (variables === 0) return undefined;
  const words = text.replace(/\{\{[^{}]*\}\}/g, " ").split(/\s+/).filter((word) => /\w/.test(word)).length;
  const needed = 2 * variables + 1;
  return words < needed
    ? `too many variables for the text length: ${variables} variable${variables === 1 ? "" : "s"} need at least ${needed} words around them (now ${words})`
    : undefined;
}

function addTextProblems(text: string | undefined, ctx: z.RefinementCtx, path: (string | number)[], options: Parameters<typeof templateTextProblems>[1]) {
  if (text === undefined) return;
  for (const message of templateTextProblems(text, options)) ctx.addIssue({ code: "custom", message, path });
}

const headerSchema = z
  .object({
    type: z.literal("HEADER"),
    format: z.enum(["TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION"]),
    text: z.string().min(1).max(TEMPLATE_LIMITS.headerText, `header must be at most ${TEMPLATE_LIMITS.headerText} characters`).optional(),
    example: z
      .union([z.object({ header_text: z.array(z.string().min(1)).min(1) }), z.object({ header_handle: z.array(z.string().min(1)).min(1) })])
      .optional(),
  })
  .superRefine((header, ctx) => {
    if (header.format === "TEXT" && header.text === undefined) ctx.addIssue({ code: "custom", message: "a text header needs its text", path: ["text"] });
    // Meta's start/end rule is about the body; "Order {{1}}" is a usual header.
    addTextProblems(header.text, ctx, ["text"], { maxVariables: 1, variablesAtEdges: true });
    if (/\{\{\d+\}\}/.test(header.text ?? "") && !(header.example && "header_text" in header.example)) {
      ctx.addIssue({ code: "custom", message: "give an example for the header variable", path: ["example"] });
    }
  });

const bodySchema = z
  .object({
    type: z.literal("BODY"),
    text: z.string().min(1, "the body text is required").max(TEMPLATE_LIMITS.bodyText, `body must be at most ${TEMPLATE_LIMITS.bodyText} characters`),
    example: z.object({ body_text: z.array(z.array(z.string().min(1))).min(1) }).optional(),
  })
  .superRefine((body, ctx) => {
    addTextProblems(body.text, ctx, ["text"], {});
    const tooDense = variableDensityProblem(body.text);
    if (tooDense) ctx.addIssue({ code: "custom", message: tooDense, path: ["text"] });
    const variables = [...body.text.matchAll(/\{\{\d+\}\}/g)].length;
    const examples = body.example?.body_text[0]?.length ?? 0;
    if (variables > 0 && examples !== variables) {
      ctx.addIssue({ code: "custom", message: `give an example for each of the ${variables} variables`, path: ["example"] });
    }
  });

const footerSchema = z
  .object({ type: z.literal("FOOTER"), text: z.string().min(1).max(TEMPLATE_LIMITS.footerText, `footer must be at most ${TEMPLATE_LIMITS.footerText} characters`) })
  .superRefine((footer, ctx) => addTextProblems(footer.text, ctx, ["text"], { allowVariables: false }));

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

/** Body of `POST /{waba_id}/message_templates`. */
export const createTemplateBodySchema = z.object({
  name: templateNameSchema,
  language: templateLanguageSchema,
  category: z.enum(TEMPLATE_CATEGORIES),
  components: componentsSchema,
  allow_category_change: z.boolean().optional(),
});
export type CreateTemplateBody = z.input<typeof createTemplateBodySchema>;

/** Body of `POST /{template_id}` (edit). */
export const editTemplateBodySchema = z
  .object({ components: componentsSchema.optional(), category: z.enum(TEMPLATE_CATEGORIES).optional() })
  .refine((body) => body.components !== undefined || body.category !== undefined, { message: "change the components or the category" });
export type EditTemplateBody = z.input<typeof editTemplateBodySchema>;
