/**
 * Filling an approved template for sending: which values it asks for, the send components Graph
 * expects, and the text the customer will see (the live preview, and what the inbox shows after).
 * Pure and browser-safe.
 */
import type { TemplateSendComponent } from "./template-send";

const VARIABLE = /\{\{\s*(\d+)\s*\}\}/g;

export interface TemplateDefinition {
  name: string;
  language: string;
  category?: string;
  components: Array<{ type: string; format?: string; text?: string; buttons?: Array<Record<string, unknown>> }>;
}

export type HeaderMediaKind = "image" | "video" | "document";

export interface TemplateButtonField {
  index: number;
  type: string;
  text: string;
  url?: string;
  /** What the button needs on send: a URL suffix, a coupon code, the one-time code, or nothing. */
  parameter: "url_suffix" | "coupon_code" | "otp" | null;
}

export interface TemplateFields {
  headerFormat: "TEXT" | "IMAGE" | "VIDEO" | "DOCUMENT" | "LOCATION" | null;
  headerVariables: number;
  bodyVariables: number;
  buttons: TemplateButtonField[];
}

export interface TemplateValues {
  header: string[];
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

function variableCount(text: string | undefined): number {
  if (!text) return 0;
  return new Set([...text.matchAll(VARIABLE)].map((match) => match[1])).size;
}

function component(template: TemplateDefinition, type: string) {
  return template.components.find((entry) => entry.type.toUpperCase() === type);
}

export function templateFields(template: TemplateDefinition): TemplateFields {
  const header = component(template, "HEADER");
  const format = header ? ((header.format ?? "TEXT").toUpperCase() as TemplateFields["headerFormat"]) : null;
  const buttons = (component(template, "BUTTONS")?.buttons ?? []).map((button, index): TemplateButtonField => {
    const type = String(button.type ?? "").toUpperCase();
    const url = typeof button.url === "string" ? button.url : undefined;
    const parameter = type === "URL" && variableCount(url) > 0 ? "url_suffix" : type === "COPY_CODE" ? "coupon_code" : type === "OTP" ? "otp" : null;
    const text = typeof button.text === "string" ? button.text : type === "COPY_CODE" ? "Copy offer code" : type;
    return { index, type, text, url, parameter };
  });
  return {
    headerFormat: format,
    headerVariables: format === "TEXT" ? variableCount(header?.text) : 0,
    bodyVariables: variableCount(component(template, "BODY")?.text),
    buttons,
  };
}

function fill(text: string, values: string[]): string {
  return text.replace(VARIABLE, (whole, index: string) => {
    const value = values[Number(index) - 1];
    return value ? value : whole;
  });
}

/** The message as the customer will see it; unfilled variables stay visible as {{n}}. */
export function renderTemplate(template: TemplateDefinition, values: TemplateValues): RenderedTemplate {
  const header = component(template, "HEADER");
  const format = (header?.format ?? "TEXT").toUpperCase();
  return {
    header: !header
      ? null
      : format === "TEXT"
        ? { type: "text", text: fill(header.text ?? "", values.header) }
        : { type: format.toLowerCase() as HeaderMediaKind | "location" },
    body: fill(component(template, "BODY")?.text ?? "", values.body),
    footer: component(template, "FOOTER")?.text ?? null,
    buttons: templateFields(template).buttons.map((button) => ({ type: button.type, text: button.text })),
  };
}

export interface TemplateValueProblem {
  field: string;
  message: string;
}

/** Every value the template needs, named by field, before anything is sent. */
export function templateValueProblems(template: TemplateDefinition, values: TemplateValues): TemplateValueProblem[] {
  const fields = templateFields(template);
  const problems: TemplateValueProblem[] = [];
  for (let index = 0; index < fields.headerVariables; index += 1) {
    if (!values.header[index]?.trim()) problems.push({ field: `header.${index}`, message: `Fill in header variable {{${index + 1}}}.` });
  }
  for (let index = 0; index < fields.bodyVariables; index += 1) {
    if (!values.body[index]?.trim()) problems.push({ field: `body.${index}`, message: `Fill in body variable {{${index + 1}}}.` });
  }
  if (fields.headerFormat && ["IMAGE", "VIDEO", "DOCUMENT"].includes(fields.headerFormat)) {
    const media = values.headerMedia;
    if (!media?.id && !media?.link) problems.push({ field: "headerMedia", message: `Choose the header ${fields.headerFormat.toLowerCase()} (a media id or an https link).` });
    else if (media.link && !/^https:\/\//.test(media.link)) problems.push({ field: "headerMedia", message: "The header link must start with https://." });
  }
  if (fields.headerFormat === "LOCATION") {
    const location = values.headerLocation;
    if (!location || !Number.isFinite(location.latitude) || !Number.isFinite(location.longitude)) {
      problems.push({ field: "headerLocation", message: "Give the header location's latitude and longitude." });
    }
  }
  for (const button of fields.buttons) {
    if (!button.parameter) continue;
    const value = values.buttons[button.index]?.trim();
    if (!value) problems.push({ field: `buttons.${button.index}`, message: `Fill in the value for the “${button.text}” button.` });
    else if (button.parameter === "coupon_code" && [...value].length > 15) {
      problems.push({ field: `buttons.${button.index}`, message: "The offer code must be at most 15 characters." });
    }
  }
  return problems;
}

/** The `components` of a template send, in Graph's shape. */
export function templateSendComponents(template: TemplateDefinition, values: TemplateValues): TemplateSendComponent[] {
  const fields = templateFields(template);
  const components: TemplateSendComponent[] = [];
  if (fields.headerFormat === "TEXT" && fields.headerVariables > 0) {
    components.push({ type: "header", parameters: values.header.slice(0, fields.headerVariables).map((text) => ({ type: "text", text })) });
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
    components.push({ type: "body", parameters: values.body.slice(0, fields.bodyVariables).map((text) => ({ type: "text", text })) });
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

export function emptyTemplateValues(template: TemplateDefinition): TemplateValues {
  const fields = templateFields(template);
  return {
    header: Array.from({ length: fields.headerVariables }, () => ""),
    body: Array.from({ length: fields.bodyVariables }, () => ""),
    buttons: {},
  };
}
