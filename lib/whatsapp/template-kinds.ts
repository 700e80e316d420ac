/**
 * Kinds of template the dashboard lists and previews but cannot send yet (carousel, limited-time
 * offer, catalog and product, flow): which kind a template is, the words for it, and a preview of a
 * stored template as far as it goes. Pure and browser-safe.
 */
import { message, type Translatable } from "@/lib/i18n/translatable";

import type { TemplatePreview, TemplatePreviewCard, TemplatePreviewHeader } from "./template-draft";
import { fillTemplateText } from "./templates";

/** What the composer cannot fill yet (in English, as the logs and the API name them). */
export const UNSENDABLE_KINDS = ["carousel", "limited-time offer", "product", "multi-product", "catalog", "flow"] as const;
export type UnsendableKind = (typeof UNSENDABLE_KINDS)[number];

/** Each kind as the catalogs name it (`templates.kinds.labels.*`, and the `kind` of their sentences). */
const KIND_CODES = {
  carousel: "carousel",
  "limited-time offer": "limitedTimeOffer",
  product: "product",
  "multi-product": "multiProduct",
  catalog: "catalog",
  flow: "flow",
} as const satisfies Record<UnsendableKind, string>;
export type UnsendableKindCode = (typeof KIND_CODES)[UnsendableKind];

export const unsendableKindCode = (kind: UnsendableKind): UnsendableKindCode => KIND_CODES[kind];

/** The badge on such templates, in the list and on the template's page. */
export const UNSENDABLE_BADGE: Translatable = message("templates.kinds.badge");

type Loose = Record<string, unknown>;
const record = (value: unknown): Loose | undefined => (value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Loose) : undefined);
const records = (value: unknown): Loose[] => (Array.isArray(value) ? value.map(record).filter((entry): entry is Loose => entry !== undefined) : []);
const upper = (value: unknown) => (typeof value === "string" ? value.toUpperCase() : "");
const str = (value: unknown) => (typeof value === "string" ? value : "");

const componentsOf = (template: { components?: readonly unknown[] | null }) => records(template.components ?? []);
const findComponent = (components: Loose[], type: string) => components.find((component) => upper(component.type) === type);
const buttonsOf = (components: Loose[]) => records(findComponent(components, "BUTTONS")?.buttons);

/**
 * Why the dashboard cannot send this template yet (the kind, e.g. "carousel"), or undefined when the
 * template picker can fill it. The one place that decides: the picker's list, the send action and the
 * badges all ask here.
 */
export function unsendableReason(template: { components?: readonly unknown[] | null }): UnsendableKind | undefined {
  const components = componentsOf(template);
  const has = (type: string) => findComponent(components, type) !== undefined;
  const buttons = buttonsOf(components).map((button) => upper(button.type));
  if (has("CAROUSEL")) return "carousel";
  if (has("LIMITED_TIME_OFFER")) return "limited-time offer";
  if (upper(findComponent(components, "HEADER")?.format) === "PRODUCT" || buttons.includes("SPM")) return "product";
  if (buttons.includes("MPM")) return "multi-product";
  if (buttons.includes("CATALOG")) return "catalog";
  if (buttons.includes("FLOW")) return "flow";
  return undefined;
}

/** The send action's refusal, e.g. "This template (carousel) can't be sent from the dashboard yet." */
export function unsendableMessage(kind: UnsendableKind): Translatable {
  return message("templates.kinds.unsendable", { kind: unsendableKindCode(kind) });
}

/** The edit action's refusal: the editor cannot hold what such a template carries. */
export function uneditableMessage(kind: UnsendableKind): Translatable {
  return message("templates.kinds.uneditable", { kind: unsendableKindCode(kind) });
}

/** One sentence for the template's page: what it is, and what the dashboard does with it. */
export function unsendableExplanation(kind: UnsendableKind): Translatable {
  return message("templates.kinds.explanation", { kind: unsendableKindCode(kind) });
}

/** Buttons that carry no text of their own, by the label WhatsApp shows on them. */
const LABELLED_BUTTON_TYPES = ["QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE", "OTP", "CATALOG", "MPM", "SPM", "FLOW"] as const;
type LabelledButtonType = (typeof LABELLED_BUTTON_TYPES)[number];
const isLabelledButtonType = (type: string): type is LabelledButtonType => (LABELLED_BUTTON_TYPES as readonly string[]).includes(type);

/** A component's example values by variable ("1", "2"… or names), in either of Meta's example forms. */
function exampleValues(component: Loose | undefined): Record<string, string> {
  const example = record(component?.example);
  if (!example) return {};
  const values: Record<string, string> = {};
  const positional = Array.isArray(example.body_text) ? example.body_text[0] : example.header_text;
  if (Array.isArray(positional)) positional.forEach((value, index) => (values[String(index + 1)] = str(value)));
  for (const named of [...records(example.body_text_named_params), ...records(example.header_text_named_params)]) {
    if (str(named.param_name)) values[str(named.param_name)] = str(named.example);
  }
  return values;
}

function previewHeader(header: Loose | undefined): TemplatePreviewHeader | null {
  if (!header) return null;
  const format = upper(header.format) || "TEXT";
  if (format === "TEXT") return { kind: "text", text: fillTemplateText(str(header.text), exampleValues(header)) };
  const kind = format.toLowerCase();
  return kind === "image" || kind === "video" || kind === "document" || kind === "location" || kind === "product" ? { kind } : null;
}

function previewButtons(components: Loose[]): TemplatePreview["buttons"] {
  return buttonsOf(components).map((button) => {
    const type = upper(button.type);
    const own = str(button.text);
    if (own) return { type, text: own };
    return { type, text: isLabelledButtonType(type) ? message(`templates.buttonTypes.${type}`) : type.toLowerCase().replace(/_/g, " ") };
  });
}

function previewCard(card: Loose): TemplatePreviewCard {
  const components = records(card.components);
  const body = findComponent(components, "BODY");
  return {
    header: previewHeader(findComponent(components, "HEADER")),
    body: fillTemplateText(str(body?.text), exampleValues(body)),
    buttons: previewButtons(components),
  };
}

/**
 * A stored template as the customer would see it, with Meta's example values filled in: header, body,
 * footer and every button by its label, plus a carousel's first card (and how many follow) and a
 * limited-time offer's headline. For the templates the editor cannot represent.
 */
export function previewStoredTemplate(template: { components?: readonly unknown[] | null }): TemplatePreview {
  const components = componentsOf(template);
  const body = findComponent(components, "BODY");
  const footer = str(findComponent(components, "FOOTER")?.text);
  const preview: TemplatePreview = {
    header: previewHeader(findComponent(components, "HEADER")),
    body: fillTemplateText(str(body?.text), exampleValues(body)),
    footer: footer === "" ? null : footer,
    buttons: previewButtons(components),
  };
  const offer = record(findComponent(components, "LIMITED_TIME_OFFER")?.limited_time_offer);
  if (offer) preview.offer = { text: str(offer.text), expires: offer.has_expiration === true || offer.has_expiration === "true" };
  const cards = records(findComponent(components, "CAROUSEL")?.cards);
  if (cards[0]) preview.carousel = { first: previewCard(cards[0]), more: cards.length - 1 };
  return preview;
}
