import { GraphError, invalidParameter } from "../errors";
import type { JsonRecord } from "../http";
import { isRecord } from "../http";
import type { ParameterFormat, Template } from "../state";
import { fieldPath, requireArray, requireRecord, requireText } from "./fields";
import type { LinkFailure, MediaResolver } from "./message-rules";
import { validateMediaObject } from "./message-rules";

const POSITIONAL_VARIABLE = /\{\{\s*(\d+)\s*\}\}/g;
/** A named variable: lowercase letters, digits and underscores (`{{first_name}}`). */
const NAMED_VARIABLE = /\{\{\s*([a-z0-9_]+)\s*\}\}/g;

/** Distinct `{{1}}`-style variables in a text (button URLs are always positional). */
export function variableCount(text: unknown): number {
  if (typeof text !== "string") return 0;
  return new Set([...text.matchAll(POSITIONAL_VARIABLE)].map((match) => match[1])).size;
}

/** Distinct variables of a text in the template's format, in order of first appearance. */
export function variableNames(text: unknown, format: ParameterFormat): string[] {
  if (typeof text !== "string") return [];
  const pattern = format === "NAMED" ? NAMED_VARIABLE : POSITIONAL_VARIABLE;
  return [...new Set([...text.matchAll(pattern)].map((match) => match[1] ?? ""))];
}

function componentOf(components: JsonRecord[], type: string): JsonRecord | undefined {
  return components.find((component) => String(component.type).toUpperCase() === type);
}

function buttonsOf(components: JsonRecord[]): JsonRecord[] {
  const buttons = componentOf(components, "BUTTONS")?.buttons;
  return Array.isArray(buttons) ? buttons.filter(isRecord) : [];
}

/** The parameter a template button needs on send, if any. */
function buttonParameter(button: JsonRecord): { type: string } | null {
  const type = String(button.type).toUpperCase();
  if (type === "URL" && variableCount(button.url) > 0) return { type: "text" };
  if (type === "COPY_CODE") return { type: "coupon_code" };
  if (type === "OTP") return { type: "text" };
  // A catalog button names the product shown as thumbnail; a flow button carries the flow's token and data.
  if (type === "CATALOG" || type === "FLOW") return { type: "action" };
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

function hydrate(text: string, format: ParameterFormat, values: Map<string, string>): string {
  return text.replace(format === "NAMED" ? NAMED_VARIABLE : POSITIONAL_VARIABLE, (_whole, key: string) => values.get(key) ?? "");
}

interface SentComponent {
  component: JsonRecord;
  path: string;
}

function sentComponents(value: unknown, path: string): SentComponent[] {
  if (value === undefined) return [];
  return requireArray(value, path).map((component, index) => ({ component: requireRecord(component, fieldPath(path, index)), path: `${path}[${index}]` }));
}

function ofType(sent: SentComponent[], type: string): SentComponent[] {
  return sent.filter(({ component }) => String(component.type).toLowerCase() === type);
}

function parametersOf(sent: SentComponent | undefined): Array<{ parameter: JsonRecord; path: string }> {
  if (!sent || sent.component.parameters === undefined) return [];
  const path = fieldPath(sent.path, "parameters");
  return requireArray(sent.component.parameters, path)
    .map((parameter, index) => ({ parameter: requireRecord(parameter, `${sent.path}['parameters'][${index}]`), path: `${path}[${index}]` }));
}

/**
 * The values of a text component's variables, keyed by variable: positional parameters in order, named ones by
 * `parameter_name`, each variable exactly once (a wrong count was already answered with 132000).
 */
function variableValues(parameters: Array<{ parameter: JsonRecord; path: string }>, names: string[], format: ParameterFormat, template: Template): Map<string, string> {
  const values = new Map<string, string>();
  parameters.forEach(({ parameter, path }, index) => {
    let key = String(index + 1);
    if (format === "NAMED") {
      const namePath = fieldPath(path, "parameter_name");
      const name = parameter.parameter_name;
      if (name === undefined || name === null || name === "") {
        throw invalidParameter(`The parameter ${namePath} is required: template ${template.name} uses named parameters (${names.join(", ")}).`);
      }
      if (typeof name !== "string" || !names.includes(name)) {
        throw invalidParameter(`Param ${namePath} ("${String(name)}") does not match a variable of template ${template.name}; expected one of ${names.join(", ")}.`);
      }
      if (values.has(name)) throw invalidParameter(`Param ${namePath} ("${name}") is given more than once: give each of ${names.join(", ")} exactly once.`);
      key = name;
    }
    values.set(key, parameterText(parameter, path));
  });
  return values;
}

interface ComponentCheck {
  template: Template;
  /** The template's components at this level (the template's, or one carousel card's). */
  components: JsonRecord[];
  sent: SentComponent[];
  /** "" for the template, "carousel card 0 " inside a card. */
  where: string;
  resolveMedia: MediaResolver;
}

/** Header, body and buttons at one level: parameter counts (132000), names, formats (132012), lengths (132005). */
function checkComponents({ template, components, sent, where, resolveMedia }: ComponentCheck): LinkFailure | null {
  const format = template.parameterFormat;
  let linkFailure: LinkFailure | null = null;

  // Header: one text variable at most, or one media/location parameter.
  const header = componentOf(components, "HEADER");
  const headerParameters = parametersOf(ofType(sent, "header")[0]);
  const headerFormat = String(header?.format ?? "TEXT").toUpperCase();
  const headerNames = header && headerFormat === "TEXT" ? variableNames(header.text, format) : [];
  const expectedHeader = !header ? 0 : headerFormat === "TEXT" ? headerNames.length : 1;
  if (headerParameters.length !== expectedHeader) throw mismatch(`${where}header`, headerParameters.length, expectedHeader);
  const first = headerParameters[0];
  if (header && first) {
    const expectedType = headerFormat.toLowerCase();
    if (first.parameter.type !== expectedType) {
      throw new GraphError(132012, { details: `${where}header: Format mismatch, expected ${headerFormat}, received ${String(first.parameter.type).toUpperCase()}` });
    }
    if (headerFormat === "TEXT") {
      const hydrated = hydrate(String(header.text), format, variableValues(headerParameters, headerNames, format, template));
      if ([...hydrated].length > 60) throw new GraphError(132005, { details: `${where}header: hydrated text is longer than 60 characters` });
    } else if (headerFormat !== "LOCATION") {
      linkFailure = validateMediaObject(expectedType, first.parameter[expectedType], fieldPath(first.path, expectedType), resolveMedia);
    }
  }

  // Body: hydrated text at most 1024 characters.
  const body = componentOf(components, "BODY");
  const bodyParameters = parametersOf(ofType(sent, "body")[0]);
  const bodyNames = variableNames(body?.text, format);
  if (bodyParameters.length !== bodyNames.length) throw mismatch(`${where}body`, bodyParameters.length, bodyNames.length);
  const values = variableValues(bodyParameters, bodyNames, format, template);
  if ([...hydrate(String(body?.text ?? ""), format, values)].length > 1024) {
    throw new GraphError(132005, { details: `${where}body: hydrated text is longer than 1024 characters` });
  }

  // Buttons: URL variables, copy codes, one-time passwords, catalogs and flows need one parameter at their index.
  const buttons = buttonsOf(components);
  const sentButtons = ofType(sent, "button");
  buttons.forEach((button, buttonIndex) => {
    const need = buttonParameter(button);
    if (!need) return;
    const parameters = parametersOf(sentButtons.find(({ component }) => Number(component.index) === buttonIndex));
    if (parameters.length !== 1) throw mismatch(`${where}button at index ${buttonIndex} of type ${String(button.type)}`, parameters.length, 1);
    const { parameter, path } = parameters[0] as { parameter: JsonRecord; path: string };
    if (parameter.type !== need.type) throw new GraphError(132012, { details: `${where}button at index ${buttonIndex}: expected a ${need.type} parameter, received ${String(parameter.type)}` });
    if (need.type === "action") {
      const action = requireRecord(parameter.action, fieldPath(path, "action"));
      if (action.flow_token !== undefined) requireText(action.flow_token, fieldPath(path, "action", "flow_token"), 1000);
      if (action.thumbnail_product_retailer_id !== undefined) requireText(action.thumbnail_product_retailer_id, fieldPath(path, "action", "thumbnail_product_retailer_id"), 100);
    } else {
      requireText(parameter[need.type], fieldPath(path, need.type), need.type === "coupon_code" ? 15 : 2000);
    }
  });
  for (const { component, path } of sentButtons) {
    const buttonIndex = Number(component.index);
    if (!Number.isInteger(buttonIndex) || buttonIndex < 0 || buttonIndex >= buttons.length) {
      const owner = where ? where.trim() : "the template";
      throw invalidParameter(`Param ${fieldPath(path, "index")} must be the index of one of the ${buttons.length} buttons of ${owner}.`);
    }
  }
  return linkFailure;
}

/** A limited-time offer with an expiration needs its `limited_time_offer` parameter (the offer's end, unix ms). */
function checkLimitedTimeOffer(components: JsonRecord[], sent: SentComponent[]): void {
  const offer = componentOf(components, "LIMITED_TIME_OFFER");
  if (!offer) return;
  const details = isRecord(offer.limited_time_offer) ? offer.limited_time_offer : {};
  const expected = details.has_expiration === true ? 1 : 0;
  const parameters = parametersOf(ofType(sent, "limited_time_offer")[0]);
  if (parameters.length !== expected) throw mismatch("limited_time_offer", parameters.length, expected);
  const first = parameters[0];
  if (!first) return;
  if (first.parameter.type !== "limited_time_offer") {
    throw new GraphError(132012, { details: `limited_time_offer: expected a limited_time_offer parameter, received ${String(first.parameter.type)}` });
  }
  const value = requireRecord(first.parameter.limited_time_offer, fieldPath(first.path, "limited_time_offer"));
  const expiration = value.expiration_time_ms;
  const path = fieldPath(first.path, "limited_time_offer", "expiration_time_ms");
  if (expiration === undefined || expiration === null) throw invalidParameter(`The parameter ${path} is required.`);
  if (typeof expiration !== "number" || !Number.isInteger(expiration) || expiration <= 0) {
    throw invalidParameter(`Param ${path} must be the offer's end as a unix timestamp in milliseconds.`);
  }
}

/** A carousel needs one card per card of the template, each with its own header, body and button parameters. */
function checkCarousel(check: Omit<ComponentCheck, "components" | "where">, components: JsonRecord[]): LinkFailure | null {
  const carousel = componentOf(components, "CAROUSEL");
  if (!carousel) return null;
  const cards = (Array.isArray(carousel.cards) ? carousel.cards : []).filter(isRecord);
  const sentCarousel = ofType(check.sent, "carousel")[0];
  const cardsPath = sentCarousel ? fieldPath(sentCarousel.path, "cards") : "";
  const sentCards = sentCarousel ? requireArray(sentCarousel.component.cards, cardsPath) : [];
  if (sentCards.length !== cards.length) {
    throw new GraphError(132000, { details: `carousel: number of cards (${sentCards.length}) does not match the expected number of cards (${cards.length})` });
  }
  const byIndex = new Map<number, { card: JsonRecord; path: string }>();
  sentCards.forEach((value, position) => {
    const path = `${cardsPath}[${position}]`;
    const card = requireRecord(value, path);
    const index = Number(card.card_index);
    if (card.card_index === undefined || card.card_index === null) throw invalidParameter(`The parameter ${fieldPath(path, "card_index")} is required.`);
    if (!Number.isInteger(index) || index < 0 || index >= cards.length || byIndex.has(index)) {
      throw invalidParameter(`Param ${fieldPath(path, "card_index")} must be a distinct index from 0 to ${cards.length - 1}.`);
    }
    byIndex.set(index, { card, path });
  });
  let linkFailure: LinkFailure | null = null;
  cards.forEach((card, index) => {
    const sent = byIndex.get(index) as { card: JsonRecord; path: string };
    const cardComponents = (Array.isArray(card.components) ? card.components : []).filter(isRecord);
    const failure = checkComponents({
      ...check, components: cardComponents, sent: sentComponents(sent.card.components, fieldPath(sent.path, "components")), where: `carousel card ${index} `,
    });
    linkFailure = linkFailure ?? failure;
  });
  return linkFailure;
}

export interface TemplateSendResult {
  template: Template;
  linkFailure: LinkFailure | null;
}

/** Checks a template send against the WABA's templates: existence, status, parameter count and names, formats and lengths. */
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

  const sent = sentComponents(request.components, fieldPath("template", "components"));
  const check = { template, sent, resolveMedia };
  const failure = checkComponents({ ...check, components: template.components, where: "" });
  checkLimitedTimeOffer(template.components, sent);
  const cardFailure = checkCarousel(check, template.components);
  return { template, linkFailure: failure ?? cardFailure };
}
