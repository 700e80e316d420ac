/**
 * Filling an approved template for sending: which values it asks for, the send components Graph
 * expects, and the text the customer will see (the live preview, and what the inbox shows after).
 * Pure and browser-safe.
 */
import { message, type Translatable } from "@/lib/i18n/translatable";

import type { TemplateSendComponent } from "./template-send";
import { fillTemplateText, templateParameterFormat, templateVariables, type ParameterFormat } from "./templates";

export interface TemplateDefinition {
  name: string;
  language: string;
  category?: string;
  /** As Graph says it; without it, derived from the placeholders (see templateParameterFormat). */
  parameter_format?: ParameterFormat;
  /** Graph's components; kinds the picker cannot fill (carousel cards, offers…) keep their own fields. */
  components: Array<{ type: string; format?: string; text?: string; buttons?: Array<Record<string, unknown>>; [field: string]: unknown }>;
}

export type HeaderMediaKind = "image" | "video" | "document";

export interface TemplateButtonField {
  index: number;
  type: string;
  /** The button's own text; for a button without one, WhatsApp's English label (what the inbox stores as sent). */
  text: string;
  /** Whether `text` is the template's own (else the dashboard shows its label for the kind in the reader's words). */
  ownText: boolean;
  url?: string;
  /** What the button needs on send: a URL suffix, a coupon code, the one-time code, or nothing. */
  parameter: "url_suffix" | "coupon_code" | "otp" | null;
}

export interface TemplateFields {
  headerFormat: "TEXT" | "IMAGE" | "VIDEO" | "DOCUMENT" | "LOCATION" | null;
  parameterFormat: ParameterFormat;
  headerVariables: number;
  bodyVariables: number;
  /** The text header's variables in the order of `TemplateValues.header`: "1", or a name. */
  headerVariableNames: string[];
  /** The body's variables in the order of `TemplateValues.body`: "1", "2"…, or names in order of first appearance, each once. */
  bodyVariableNames: string[];
  buttons: TemplateButtonField[];
}

export interface TemplateValues {
  /** One value per header variable, in the order of `TemplateFields.headerVariableNames`. */
  header: string[];
  /** One value per body variable, in the order of `TemplateFields.bodyVariableNames`. */
  body: string[];
  headerMedia?: { id?: string; link?: string; filename?: string };
  headerLocation?: { latitude: number; longitude: number; name?: string; address?: string };
  /** By button index. */
  buttons: Record<number, string>;
}

export interface RenderedTemplate {
  header: { type: "text"; text: string } | { type: HeaderMediaKind | "location" } | null;
  body: string;
  footer: string | null;
  buttons: Array<{ type: string; text: string }>;
}

/** A URL button's suffix variable ({{1}} in both kinds of template). */
const hasUrlVariable = (url: string | undefined) => /\{\{[^{}]*\}\}/.test(url ?? "");

function component(template: TemplateDefinition, type: string) {
  return template.components.find((entry) => entry.type.toUpperCase() === type);
}

export function templateFields(template: TemplateDefinition): TemplateFields {
  const header = component(template, "HEADER");
  const format = header ? ((header.format ?? "TEXT").toUpperCase() as TemplateFields["headerFormat"]) : null;
  const buttons = (component(template, "BUTTONS")?.buttons ?? []).map((button, index): TemplateButtonField => {
    const type = String(button.type ?? "").toUpperCase();
    const url = typeof button.url === "string" ? button.url : undefined;
    const parameter = type === "URL" && hasUrlVariable(url) ? "url_suffix" : type === "COPY_CODE" ? "coupon_code" : type === "OTP" ? "otp" : null;
    const ownText = typeof button.text === "string";
    const text = typeof button.text === "string" ? button.text : type === "COPY_CODE" ? "Copy offer code" : type;
    return { index, type, text, ownText, url, parameter };
  });
  const parameterFormat = templateParameterFormat(template);
  const headerVariableNames = format === "TEXT" ? templateVariables(header?.text, parameterFormat) : [];
  const bodyVariableNames = templateVariables(component(template, "BODY")?.text, parameterFormat);
  return {
    headerFormat: format,
    parameterFormat,
    headerVariables: headerVariableNames.length,
    bodyVariables: bodyVariableNames.length,
    headerVariableNames,
    bodyVariableNames,
    buttons,
  };
}

/** The values by variable ("1" or a name), for filling a text. */
const valuesByName = (names: string[], values: string[]) => Object.fromEntries(names.map((name, index) => [name, values[index]]));

/** The message as the customer will see it; unfilled variables stay visible as {{1}} or {{first_name}}. */
export function renderTemplate(template: TemplateDefinition, values: TemplateValues): RenderedTemplate {
  const header = component(template, "HEADER");
  const format = (header?.format ?? "TEXT").toUpperCase();
  const fields = templateFields(template);
  return {
    header: !header
      ? null
      : format === "TEXT"
        ? { type: "text", text: fillTemplateText(header.text ?? "", valuesByName(fields.headerVariableNames, values.header)) }
        : { type: format.toLowerCase() as HeaderMediaKind | "location" },
    body: fillTemplateText(component(template, "BODY")?.text ?? "", valuesByName(fields.bodyVariableNames, values.body)),
    footer: component(template, "FOOTER")?.text ?? null,
    buttons: fields.buttons.map((button) => ({ type: button.type, text: button.text })),
  };
}

export interface TemplateValueProblem {
  field: string;
  /** A sentence for the person filling the template in, put into their words where it is shown. */
  message: Translatable;
}

/** Every value the template needs, named by field, before anything is sent. */
export function templateValueProblems(template: TemplateDefinition, values: TemplateValues): TemplateValueProblem[] {
  const fields = templateFields(template);
  const problems: TemplateValueProblem[] = [];
  fields.headerVariableNames.forEach((name, index) => {
    if (!values.header[index]?.trim()) problems.push({ field: `header.${index}`, message: message("templates.fill.headerVariable", { variable: `{{${name}}}` }) });
  });
  fields.bodyVariableNames.forEach((name, index) => {
    if (!values.body[index]?.trim()) problems.push({ field: `body.${index}`, message: message("templates.fill.bodyVariable", { variable: `{{${name}}}` }) });
  });
  if (fields.headerFormat && ["IMAGE", "VIDEO", "DOCUMENT"].includes(fields.headerFormat)) {
    const media = values.headerMedia;
    if (!media?.id && !media?.link) problems.push({ field: "headerMedia", message: message("templates.fill.headerMedia", { format: fields.headerFormat }) });
    else if (media.link && !/^https:\/\//.test(media.link)) problems.push({ field: "headerMedia", message: message("templates.fill.headerLinkHttps") });
  }
  if (fields.headerFormat === "LOCATION") {
    const location = values.headerLocation;
    if (!location || !Number.isFinite(location.latitude) || !Number.isFinite(location.longitude)) {
      problems.push({ field: "headerLocation", message: message("templates.fill.headerLocation") });
    }
  }
  for (const button of fields.buttons) {
    if (!button.parameter) continue;
    const value = values.buttons[button.index]?.trim();
    if (!value) {
      problems.push({
        field: `buttons.${button.index}`,
        message: button.ownText ? message("templates.fill.buttonValue", { button: button.text }) : message("templates.fill.buttonValueOfKind", { type: button.type }),
      });
    } else if (button.parameter === "coupon_code" && [...value].length > 15) {
      problems.push({ field: `buttons.${button.index}`, message: message("templates.rules.couponTooLong", { maximum: 15 }) });
    }
  }
  return problems;
}

/**
 * The `components` of a template send, in Graph's shape. A NAMED template's header and body
 * parameters each say the variable they fill (`parameter_name`), in the order of first appearance.
 */
export function templateSendComponents(template: TemplateDefinition, values: TemplateValues): TemplateSendComponent[] {
  const fields = templateFields(template);
  const components: TemplateSendComponent[] = [];
  const textParameters = (names: string[], given: string[]) =>
    names.map((name, index) => ({
      type: "text" as const,
      ...(fields.parameterFormat === "NAMED" ? { parameter_name: name } : {}),
      text: given[index] ?? "",
    }));
  if (fields.headerFormat === "TEXT" && fields.headerVariables > 0) {
    components.push({ type: "header", parameters: textParameters(fields.headerVariableNames, values.header) });
  }
  if (fields.headerFormat === "IMAGE" || fields.headerFormat === "VIDEO" || fields.headerFormat === "DOCUMENT") {
    const media = values.headerMedia ?? {};
    const ref = media.id ? { id: media.id } : { link: media.link };
    const kind = fields.headerFormat.toLowerCase() as HeaderMediaKind;
    const parameter =
      kind === "document"
        ? { type: "document" as const, document: { ...ref, ...(media.filename ? { filename: media.filename } : {}) } }
        : kind === "image"
          ? { type: "image" as const, image: ref }
          : { type: "video" as const, video: ref };
    components.push({ type: "header", parameters: [parameter] });
  }
  if (fields.headerFormat === "LOCATION" && values.headerLocation) {
    components.push({ type: "header", parameters: [{ type: "location", location: values.headerLocation }] });
  }
  if (fields.bodyVariables > 0) {
    components.push({ type: "body", parameters: textParameters(fields.bodyVariableNames, values.body) });
  }
  for (const button of fields.buttons) {
    const value = values.buttons[button.index] ?? "";
    if (button.parameter === "url_suffix" || button.parameter === "otp") {
      components.push({ type: "button", sub_type: "url", index: String(button.index), parameters: [{ type: "text", text: value }] });
    } else if (button.parameter === "coupon_code") {
      components.push({ type: "button", sub_type: "copy_code", index: String(button.index), parameters: [{ type: "coupon_code", coupon_code: value }] });
    }
  }
  return components;
}

/** One text field of the template picker, and the header/body values it fills. */
export interface TemplateVariableInput {
  /** "header-order_id", "body-1": unique within the template. */
  key: string;
  /** "Header {{order_id}}", "Body {{first_name}}", "Body {{1}}". */
  label: Translatable;
  /** The value's position in `TemplateValues.header`, when it fills the header. */
  header?: number;
  /** The value's position in `TemplateValues.body`, when it fills the body. */
  body?: number;
}

/**
 * The picker's text fields: one per variable, and one per name in a NAMED template, so a name used
 * twice, or in the header and the body, is typed once (labelled where it first appears). Numbered
 * variables of header and body are separate ({{1}} of each is its own).
 */
export function templateVariableInputs(template: TemplateDefinition): TemplateVariableInput[] {
  const fields = templateFields(template);
  const named = fields.parameterFormat === "NAMED";
  const inputs: TemplateVariableInput[] = fields.headerVariableNames.map((name, index) => {
    const inBody = named ? fields.bodyVariableNames.indexOf(name) : -1;
    return { key: `header-${name}`, label: variableLabel("header", name), header: index, ...(inBody >= 0 ? { body: inBody } : {}) };
  });
  fields.bodyVariableNames.forEach((name, index) => {
    if (named && fields.headerVariableNames.includes(name)) return;
    inputs.push({ key: `body-${name}`, label: variableLabel("body", name), body: index });
  });
  return inputs;
}

const variableLabel = (part: "header" | "body", name: string) => message("templates.picker.variableLabel", { part, variable: `{{${name}}}` });

/** The values with one field's text set everywhere that field fills. */
export function setTemplateVariable(values: TemplateValues, input: TemplateVariableInput, text: string): TemplateValues {
  const header = [...values.header];
  const body = [...values.body];
  if (input.header !== undefined) header[input.header] = text;
  if (input.body !== undefined) body[input.body] = text;
  return { ...values, header, body };
}

/** What a field shows: its header value, else its body value. */
export function templateVariableValue(values: TemplateValues, input: TemplateVariableInput): string {
  return (input.header !== undefined ? values.header[input.header] : input.body !== undefined ? values.body[input.body] : undefined) ?? "";
}

export function emptyTemplateValues(template: TemplateDefinition): TemplateValues {
  const fields = templateFields(template);
  return {
    header: Array.from({ length: fields.headerVariables }, () => ""),
    body: Array.from({ length: fields.bodyVariables }, () => ""),
    buttons: {},
  };
}
