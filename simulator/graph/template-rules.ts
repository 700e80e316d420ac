import { GraphError } from "../errors";
import type { JsonRecord } from "../http";
import { isRecord } from "../http";
import type { ParameterFormat, TemplateCategory } from "../state";
import { variableCount } from "./template-send";

export const TEMPLATE_CATEGORIES: readonly TemplateCategory[] = ["MARKETING", "UTILITY", "AUTHENTICATION"];
const HEADER_FORMATS = ["TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION"];
const PLACEHOLDER = /\{\{[^{}]*\}\}/g;

/** Meta's refusal of a template definition: code 100 with a user-facing title and message. */
export function templateRuleError(title: string, message: string, subcode?: number): GraphError {
  return new GraphError(100, { message: "(#100) Invalid parameter", subcode, userTitle: title, userMessage: message, details: message });
}

type VariableKind = "positional" | "named" | "malformed";

function kindOf(placeholder: string): VariableKind {
  if (/^\{\{\d+\}\}$/.test(placeholder)) return "positional";
  if (/^\{\{[a-z0-9_]+\}\}$/.test(placeholder)) return "named";
  return "malformed";
}

/** The text's variables, checked against the template's parameter format; answers the distinct keys in order. */
function checkVariables(text: string, format: ParameterFormat, where: string): string[] {
  const placeholders = text.match(PLACEHOLDER) ?? [];
  const kinds = placeholders.map(kindOf);
  const malformed = placeholders.find((_placeholder, index) => kinds[index] === "malformed");
  if (malformed) {
    const hint = format === "NAMED" ? "use lowercase letters, digits and underscores, such as {{first_name}}" : "use {{1}}, {{2}} and so on";
    throw templateRuleError("Invalid variable format", `The variable ${malformed} in the ${where} is malformed: ${hint}, without spaces.`, 2388043);
  }
  if (kinds.includes("positional") && kinds.includes("named")) {
    throw templateRuleError("Mixed variable formats", `The ${where} mixes named variables ({{first_name}}) and numbered variables ({{1}}): use one kind only.`, 2388043);
  }
  const named = placeholders.find((_placeholder, index) => kinds[index] === "named");
  if (format === "POSITIONAL" && named) {
    throw templateRuleError("Named variables need parameter_format NAMED", `The variable ${named} in the ${where} is named: set "parameter_format": "NAMED" to use named variables, or number them {{1}}, {{2}}, ….`, 2388043);
  }
  const numbered = placeholders.find((_placeholder, index) => kinds[index] === "positional");
  if (format === "NAMED" && numbered) {
    throw templateRuleError("Mixed variable formats", `This template has "parameter_format": "NAMED", but the ${where} has the numbered variable ${numbered}: name it, such as {{first_name}}.`, 2388043);
  }
  return [...new Set(placeholders.map((placeholder) => placeholder.slice(2, -2)))];
}

/** `example.body_text_named_params` / `header_text_named_params`: one sample per variable, no more. */
function checkNamedExamples(examples: unknown, names: string[], field: string, where: string): void {
  const list = Array.isArray(examples) ? examples : [];
  const given = list.filter(isRecord).filter((entry) => typeof entry.param_name === "string" && typeof entry.example === "string" && entry.example !== "");
  const givenNames = given.map((entry) => String(entry.param_name));
  const missing = names.filter((name) => !givenNames.includes(name));
  const extra = givenNames.filter((name) => !names.includes(name));
  if (given.length !== list.length || missing.length > 0 || extra.length > 0 || new Set(givenNames).size !== givenNames.length) {
    const sample = JSON.stringify(names.map((name) => ({ param_name: name, example: "…" })));
    throw templateRuleError("Missing variable examples", `Add one sample for each ${where} variable (${names.join(", ")}) in example.${field}, such as ${sample}.`);
  }
}

function checkBody(text: unknown, example: unknown, format: ParameterFormat): void {
  if (typeof text !== "string" || text.trim() === "") throw templateRuleError("Missing body text", "The BODY component needs a text.");
  if ([...text].length > 1024) throw templateRuleError("Body text too long", "The body text must be at most 1024 characters.");
  const distinct = checkVariables(text, format, "body");
  if (format === "POSITIONAL" && distinct.map(Number).some((number, index) => number !== index + 1)) {
    throw templateRuleError("Variables out of order", "Body variables must be numbered {{1}}, {{2}}, … in order without gaps.", 2388043);
  }
  if (distinct.length === 0) return;
  const trimmed = text.trim();
  if (/^\{\{[a-z0-9_]+\}\}/.test(trimmed) || /\{\{[a-z0-9_]+\}\}$/.test(trimmed)) {
    throw templateRuleError("Variables at the start or end", "The body can't start or end with a variable. Add text before or after it.", 2388299);
  }
  if (/\}\}\s*\{\{/.test(trimmed)) throw templateRuleError("Adjacent variables", "Variables can't be next to each other. Add text between them.", 2388299);
  const words = trimmed.replace(PLACEHOLDER, " ").split(/\s+/).filter((word) => /\w/.test(word)).length;
  if (words < 2 * distinct.length + 1) {
    throw templateRuleError("Too many variables for the message length", "This template has too many variables for its length. Add more text or use fewer variables.", 2388293);
  }
  if (format === "NAMED") {
    checkNamedExamples(isRecord(example) ? example.body_text_named_params : undefined, distinct, "body_text_named_params", "body");
    return;
  }
  const examples = isRecord(example) && Array.isArray(example.body_text) ? example.body_text[0] : undefined;
  if (!Array.isArray(examples) || examples.length !== distinct.length || examples.some((value) => typeof value !== "string" || value === "")) {
    throw templateRuleError("Missing variable examples", `Add a sample for each of the ${distinct.length} body variables (example.body_text).`);
  }
}

function checkHeader(header: JsonRecord, format: ParameterFormat): void {
  const headerFormat = String(header.format ?? "").toUpperCase();
  if (!HEADER_FORMATS.includes(headerFormat)) throw templateRuleError("Invalid header format", `The header format must be one of ${HEADER_FORMATS.join(", ")}.`);
  const example = isRecord(header.example) ? header.example : {};
  if (headerFormat === "TEXT") {
    if (typeof header.text !== "string" || header.text === "") throw templateRuleError("Missing header text", "A TEXT header needs a text.");
    if ([...header.text].length > 60) throw templateRuleError("Header text too long", "The header text must be at most 60 characters.");
    const names = checkVariables(header.text, format, "header");
    if (names.length > 1 || (header.text.match(PLACEHOLDER) ?? []).length > 1) throw templateRuleError("Too many header variables", "A header can have at most one variable.");
    if (format === "POSITIONAL" && names.length === 1 && names[0] !== "1") throw templateRuleError("Invalid variable format", "The header variable must be written {{1}}.", 2388043);
    if (names.length === 1 && format === "NAMED") checkNamedExamples(example.header_text_named_params, names, "header_text_named_params", "header");
    if (names.length === 1 && format === "POSITIONAL" && !(Array.isArray(example.header_text) && typeof example.header_text[0] === "string")) {
      throw templateRuleError("Missing variable examples", "Add a sample for the header variable (example.header_text).");
    }
  } else if (headerFormat !== "LOCATION" && !(Array.isArray(example.header_handle) && example.header_handle.length > 0)) {
    throw templateRuleError("Missing header sample", `A ${headerFormat} header needs a sample uploaded with the resumable upload API (example.header_handle).`);
  }
}

function checkButtons(buttons: unknown, category: TemplateCategory): void {
  if (!Array.isArray(buttons) || buttons.length === 0) throw templateRuleError("Missing buttons", "The BUTTONS component needs at least one button.");
  if (buttons.length > 10) throw templateRuleError("Too many buttons", "A template can have at most 10 buttons.");
  const counts: Record<string, number> = {};
  const types = buttons.map((button) => {
    if (!isRecord(button)) throw templateRuleError("Invalid button", "Each button must be an object.");
    const type = String(button.type ?? "").toUpperCase();
    counts[type] = (counts[type] ?? 0) + 1;
    const text = button.text;
    if (type !== "COPY_CODE" && type !== "OTP" && (typeof text !== "string" || text === "" || [...text].length > 25)) {
      throw templateRuleError("Invalid button text", "Each button needs a text of 1 to 25 characters.");
    }
    if (type === "URL") {
      if (typeof button.url !== "string" || !/^https?:\/\//.test(button.url)) throw templateRuleError("Invalid button URL", "A URL button needs a url starting with http:// or https://.");
      const count = variableCount(button.url);
      if (count > 1 || (count === 1 && !/\{\{1\}\}$/.test(button.url))) throw templateRuleError("Invalid URL variable", "A URL button can have one variable, at the end of the url.");
      if (count === 1 && !(Array.isArray(button.example) && typeof button.example[0] === "string")) throw templateRuleError("Missing variable examples", "Add a sample url for the URL button's variable (example).");
    } else if (type === "PHONE_NUMBER") {
      if (typeof button.phone_number !== "string" || !/^\+?\d{7,20}$/.test(button.phone_number)) throw templateRuleError("Invalid phone number", "A PHONE_NUMBER button needs a phone_number in international format.");
    } else if (type === "COPY_CODE") {
      if (typeof button.example !== "string" || button.example === "" || button.example.length > 15) throw templateRuleError("Invalid coupon code", "A COPY_CODE button needs an example code of 1 to 15 characters.");
    } else if (type === "OTP") {
      if (category !== "AUTHENTICATION") throw templateRuleError("Invalid button", "OTP buttons are only for AUTHENTICATION templates.");
    } else if (type !== "QUICK_REPLY") {
      throw templateRuleError("Invalid button type", `Unknown button type ${type}.`);
    }
    return type;
  });
  if ((counts.URL ?? 0) > 2) throw templateRuleError("Too many URL buttons", "A template can have at most 2 URL buttons.");
  if ((counts.PHONE_NUMBER ?? 0) > 1) throw templateRuleError("Too many phone number buttons", "A template can have at most 1 phone number button.");
  if ((counts.COPY_CODE ?? 0) > 1) throw templateRuleError("Too many copy code buttons", "A template can have at most 1 copy code button.");
  const first = types.indexOf("QUICK_REPLY");
  const last = types.lastIndexOf("QUICK_REPLY");
  if (first !== -1 && types.slice(first, last + 1).some((type) => type !== "QUICK_REPLY")) {
    throw templateRuleError("Buttons not grouped", "Quick reply buttons must be grouped together, before or after the other buttons.");
  }
}

/** Meta's create and edit rules for a template's components; throws code 100 naming the reason. */
export function validateTemplateComponents(components: unknown, category: TemplateCategory, format: ParameterFormat = "POSITIONAL"): JsonRecord[] {
  if (!Array.isArray(components) || components.length === 0) throw templateRuleError("Missing components", "A template needs at least a BODY component.");
  const seen = new Set<string>();
  for (const component of components) {
    if (!isRecord(component)) throw templateRuleError("Invalid component", "Each component must be an object.");
    const type = String(component.type ?? "").toUpperCase();
    if (!["HEADER", "BODY", "FOOTER", "BUTTONS"].includes(type)) throw templateRuleError("Invalid component", `Unknown component type ${String(component.type)}.`);
    if (seen.has(type)) throw templateRuleError("Duplicate component", `A template can have only one ${type} component.`);
    seen.add(type);
    if (type === "HEADER") checkHeader(component, format);
    if (type === "BODY") checkBody(component.text, component.example, format);
    if (type === "FOOTER") {
      if (typeof component.text !== "string" || component.text === "" || [...component.text].length > 60) throw templateRuleError("Invalid footer", "The footer text must be 1 to 60 characters.");
      if (/\{\{[^{}]*\}\}/.test(component.text)) throw templateRuleError("Invalid footer", "The footer can't contain variables.");
    }
    if (type === "BUTTONS") checkButtons(component.buttons, category);
  }
  if (!seen.has("BODY")) throw templateRuleError("Missing body", "A template needs a BODY component.");
  return components as JsonRecord[];
}

export function validateTemplateName(name: unknown): string {
  if (typeof name !== "string" || name === "") throw templateRuleError("Missing name", "The template needs a name.");
  if (name.length > 512 || !/^[a-z0-9_]+$/.test(name)) {
    throw templateRuleError("Invalid template name", "The name can only contain lowercase letters, numbers and underscores, up to 512 characters.");
  }
  return name;
}

export function validateLanguage(language: unknown): string {
  if (typeof language !== "string" || !/^[a-z]{2,3}(_[A-Z]{2,4})?$/.test(language)) {
    throw templateRuleError("Invalid language", `"${String(language)}" is not a supported language code (for example en_US, es_ES, pt_BR).`);
  }
  return language;
}

export function validateCategory(category: unknown): TemplateCategory {
  if (typeof category !== "string" || !TEMPLATE_CATEGORIES.includes(category.toUpperCase() as TemplateCategory)) {
    throw templateRuleError("Invalid category", `The category must be one of ${TEMPLATE_CATEGORIES.join(", ")}.`);
  }
  return category.toUpperCase() as TemplateCategory;
}

/** `parameter_format`: POSITIONAL (default, `{{1}}`) or NAMED (`{{first_name}}`), in either case. */
export function validateParameterFormat(value: unknown, fallback: ParameterFormat = "POSITIONAL"): ParameterFormat {
  if (value === undefined || value === null) return fallback;
  const format = typeof value === "string" ? value.toUpperCase() : "";
  if (format !== "POSITIONAL" && format !== "NAMED") {
    throw templateRuleError("Invalid parameter format", `parameter_format must be POSITIONAL or NAMED; got "${String(value)}".`);
  }
  return format;
}
