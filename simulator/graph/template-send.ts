import { GraphError, invalidParameter } from "../errors";
import type { JsonRecord } from "../http";
import { isRecord } from "../http";
import type { Template } from "../state";
import { fieldPath, requireArray, requireRecord, requireText } from "./fields";
import type { LinkFailure, MediaResolver } from "./message-rules";
import { validateMediaObject } from "./message-rules";

const VARIABLE = /\{\{\s*(\d+)\s*\}\}/g;

export function variableCount(text: unknown): number {
  if (typeof text !== "string") return 0;
  return new Set([...text.matchAll(VARIABLE)].map((match) => match[1])).size;
}

function componentOf(template: Template, type: string): JsonRecord | undefined {
  return template.components.find((component) => String(component.type).toUpperCase() === type);
}

function templateButtons(template: Template): JsonRecord[] {
  const buttons = componentOf(template, "BUTTONS")?.buttons;
  return Array.isArray(buttons) ? buttons.filter(isRecord) : [];
}

/** The parameter a template button needs on send, if any. */
function buttonParameter(button: JsonRecord): { subType: string; type: string } | null {
  const type = String(button.type).toUpperCase();
  if (type === "URL" && variableCount(button.url) > 0) return { subType: "url", type: "text" };
  if (type === "COPY_CODE") return { subType: "copy_code", type: "coupon_code" };
  if (type === "OTP") return { subType: "url", type: "text" };
  return null;
}

function mismatch(where: string, received: number, expected: number): GraphError {
  return new GraphError(132000, {
    details: `${where}: number of localizable_params (${received}) does not match the expected number of params (${expected})`,
  });
}

function parameterText(parameter: JsonRecord, path: string): string {
  switch (parameter.type) {
    case "text":
      return requireText(parameter.text, fieldPath(path, "text"), 32768);
    case "currency": {
      const currency = requireRecord(parameter.currency, fieldPath(path, "currency"));
      requireText(currency.code, fieldPath(path, "currency", "code"), 3, 3);
      if (typeof currency.amount_1000 !== "number") throw invalidParameter(`The parameter ${fieldPath(path, "currency", "amount_1000")} is required.`);
      return requireText(currency.fallback_value, fieldPath(path, "currency", "fallback_value"), 1000);
    }
    case "date_time": {
      const dateTime = requireRecord(parameter.date_time, fieldPath(path, "date_time"));
      return requireText(dateTime.fallback_value, fieldPath(path, "date_time", "fallback_value"), 1000);
    }
    default:
      throw new GraphError(132012, { details: `${path}: expected a text, currency or date_time parameter, received ${String(parameter.type)}` });
  }
}

function hydrate(text: string, values: string[]): string {
  return text.replace(VARIABLE, (_whole, index: string) => values[Number(index) - 1] ?? "");
}

export interface TemplateSendResult {
  template: Template;
  linkFailure: LinkFailure | null;
}

/** Checks a template send against the WABA's templates: existence, status, parameter count, formats and lengths. */
export function validateTemplateSend(message: JsonRecord, templates: Template[], resolveMedia: MediaResolver): TemplateSendResult {
  const request = requireRecord(message.template, "template");
  const name = requireText(request.name, fieldPath("template", "name"), 512);
  const language = requireRecord(request.language, fieldPath("template", "language"));
  const code = requireText(language.code, fieldPath("template", "language", "code"), 20);
  const template = templates.find((candidate) => candidate.name === name && candidate.language === code);
  const notFound = new GraphError(132001, { details: `template name (${name}) does not exist in ${code}` });
  if (!template) throw notFound;
  if (template.status === "PAUSED") throw new GraphError(132015, { details: `Template ${name} is paused because of low quality.` });
  if (template.status === "DISABLED") throw new GraphError(132016, { details: `Template ${name} has been disabled because of low quality.` });
  if (template.status !== "APPROVED") throw notFound;

  const sent = request.components === undefined ? [] : requireArray(request.components, fieldPath("template", "components"));
  const sentOfType = (type: string) =>
    sent.map((component, index) => ({ component: requireRecord(component, fieldPath("template", "components", index)), index }))
      .filter(({ component }) => String(component.type).toLowerCase() === type);
  const parametersOf = (component: JsonRecord | undefined, path: string): JsonRecord[] =>
    component?.parameters === undefined ? [] : requireArray(component.parameters, fieldPath(path, "parameters")).map((parameter, index) => requireRecord(parameter, `${path}['parameters'][${index}]`));

  let linkFailure: LinkFailure | null = null;
  // Header: one text variable at most, or one media/location parameter.
  const header = componentOf(template, "HEADER");
  const sentHeader = sentOfType("header")[0];
  const headerPath = fieldPath("template", "components", sentHeader?.index ?? 0);
  const headerParameters = parametersOf(sentHeader?.component, headerPath);
  const format = String(header?.format ?? "TEXT").toUpperCase();
  const expectedHeader = !header ? 0 : format === "TEXT" ? variableCount(header.text) : 1;
  if (headerParameters.length !== expectedHeader) throw mismatch("header", headerParameters.length, expectedHeader);
  const headerParameter = headerParameters[0];
  if (header && headerParameter) {
    const expectedType = format.toLowerCase();
    if (headerParameter.type !== expectedType) throw new GraphError(132012, { details: `header: Format mismatch, expected ${format}, received ${String(headerParameter.type).toUpperCase()}` });
    if (format === "TEXT") {
      const hydrated = hydrate(String(header.text), [parameterText(headerParameter, `${headerPath}['parameters'][0]`)]);
      if ([...hydrated].length > 60) throw new GraphError(132005, { details: "header: hydrated text is longer than 60 characters" });
    } else if (format !== "LOCATION") {
      linkFailure = validateMediaObject(expectedType, headerParameter[expectedType], `${headerPath}['parameters'][0]['${expectedType}']`, resolveMedia);
    }
  }

  // Body: {{1}}…{{n}}, hydrated text at most 1024 characters.
  const body = componentOf(template, "BODY");
  const sentBody = sentOfType("body")[0];
  const bodyPath = fieldPath("template", "components", sentBody?.index ?? 0);
  const bodyParameters = parametersOf(sentBody?.component, bodyPath);
  const expectedBody = variableCount(body?.text);
  if (bodyParameters.length !== expectedBody) throw mismatch("body", bodyParameters.length, expectedBody);
  const values = bodyParameters.map((parameter, index) => parameterText(parameter, `${bodyPath}['parameters'][${index}]`));
  if ([...hydrate(String(body?.text ?? ""), values)].length > 1024) {
    throw new GraphError(132005, { details: "body: hydrated text is longer than 1024 characters" });
  }

  // Buttons: URL variables, copy codes and one-time passwords need one parameter at their index.
  const buttons = templateButtons(template);
  const sentButtons = sentOfType("button");
  buttons.forEach((button, buttonIndex) => {
    const need = buttonParameter(button);
    const match = sentButtons.find(({ component }) => Number(component.index) === buttonIndex);
    const path = fieldPath("template", "components", match?.index ?? 0);
    const parameters = parametersOf(match?.component, path);
    if (!need) return;
    if (parameters.length !== 1) throw mismatch(`button at index ${buttonIndex} of type ${String(button.type)}`, parameters.length, 1);
    const parameter = parameters[0] as JsonRecord;
    if (parameter.type !== need.type) throw new GraphError(132012, { details: `button at index ${buttonIndex}: expected a ${need.type} parameter, received ${String(parameter.type)}` });
    requireText(parameter[need.type], `${path}['parameters'][0]['${need.type}']`, need.type === "coupon_code" ? 15 : 2000);
  });
  for (const { component, index } of sentButtons) {
    const buttonIndex = Number(component.index);
    if (!Number.isInteger(buttonIndex) || buttonIndex < 0 || buttonIndex >= buttons.length) {
      throw invalidParameter(`Param ${fieldPath("template", "components", index, "index")} must be the index of one of the template's ${buttons.length} buttons.`);
    }
  }
  return { template, linkFailure };
}
