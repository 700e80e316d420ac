/**
 * Kinds of template the dashboard lists and previews but cannot send yet (carousel, limited-time
 * offer, catalog and product, flow): which kind a template is, the words for it, and a preview of a
 * stored template as far as it goes. Pure and browser-safe.
 */
import type { TemplatePreview, TemplatePreviewCard, TemplatePreviewHeader } from "./template-draft";
import { fillTemplateText } from "./templates";

/** What the composer cannot fill yet, in the words the refusal and the badge use. */
export const UNSENDABLE_KINDS = ["carousel", "limited-time offer", "product", "multi-product", "catalog", "flow"] as const;
export type UnsendableKind = (typeof UNSENDABLE_KINDS)[number];

/** The badge on such templates, in the list and on the template's page. */
export const UNSENDABLE_BADGE = "Can't be sent from the dashboard yet";

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
export function unsendableMessage(kind: UnsendableKind): string {
  return `This template (${kind}) can't be sent from the dashboard yet.`;
}

/** One sentence for the template's page: what it is, and what the dashboard does with it. */
export function unsendableExplanation(kind: UnsendableKind): string {
  const what: Record<UnsendableKind, string> = {
    carousel: "a carousel template (cards the customer scrolls through)",
    "limited-time offer": "a limited-time offer template (an offer with an expiry)",
    product: "a product template (one item of your catalog)",
    "multi-product": "a multi-product template (items from your catalog)",
    catalog: "a catalog template (it opens your catalog)",
    flow: "a flow template (its button opens a WhatsApp Flow)",
  };
  return `This is ${what[kind]}. The dashboard lists and previews it, but cannot fill and send it yet, and its editor cannot change it: use WhatsApp Manager for that.`;
}

/** Labels WhatsApp shows on buttons that carry no text of their own. */
const BUTTON_FALLBACK_LABELS: Record<string, string> = {
  QUICK_REPLY: "Quick reply",
  URL: "Visit website",
  PHONE_NUMBER: "Call phone number",
  COPY_CODE: "Copy offer code",
  OTP: "Copy code",
  CATALOG: "View catalog",
  MPM: "View items",
  SPM: "View",
  FLOW: "Open",
};

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
    return { type, text: str(button.text) || BUTTON_FALLBACK_LABELS[type] || type.toLowerCase().replace(/_/g, " ") };
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
