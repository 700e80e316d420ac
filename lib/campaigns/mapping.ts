/**
 * A recipient's template values from the campaign's mapping: each variable from a contact field, a
 * custom attribute or a fixed text, with a fallback when the contact has no value. Pure and
 * browser-safe (the builder's live preview uses it too).
 */
import { emptyTemplateValues, templateFields, templateVariableInputs, type TemplateDefinition, type TemplateValues } from "@/lib/whatsapp/template-fill";

import type { CampaignMapping, VariableSource } from "./types";

/** What a mapping reads of a contact. */
export interface MappingContact {
  displayName: string | null;
  profileName: string | null;
  /** Digits without "+", as stored. */
  phoneNumber: string | null;
  attributes: Record<string, string | number | boolean>;
}

/** One key of the mapping: a variable input of templateVariableInputs(), or a button's parameter. */
export interface MappingKey {
  key: string;
  header?: number;
  body?: number;
  button?: number;
}

/** A button that takes a value on send (a URL suffix, a coupon code) is mapped under this key. */
export const buttonKey = (index: number) => `button-${index}`;

/** Every key a mapping must cover for this template, in the order the builder shows them. */
export function mappingKeys(template: TemplateDefinition): MappingKey[] {
  const keys: MappingKey[] = templateVariableInputs(template).map((input) => ({ key: input.key, header: input.header, body: input.body }));
  for (const button of templateFields(template).buttons) {
    if (button.parameter === "url_suffix" || button.parameter === "coupon_code") keys.push({ key: buttonKey(button.index), button: button.index });
  }
  return keys;
}

/** Whether the template's header is a media file the mapping must name (`headerMediaId`). */
export function needsHeaderMedia(template: TemplateDefinition): boolean {
  const format = templateFields(template).headerFormat;
  return format === "IMAGE" || format === "VIDEO" || format === "DOCUMENT";
}

/** An attribute's value as the customer reads it: numbers in plain digits, dates as stored (YYYY-MM-DD), booleans as true/false. */
export function attributeText(value: string | number | boolean | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  return String(value);
}

/** The contact's own value for a source, before any fallback; "" when it has none. */
export function sourceValue(source: VariableSource, contact: MappingContact): string {
  switch (source.source) {
    case "fixed":
      return source.value;
    case "attribute":
      return attributeText(contact.attributes[source.key]);
    case "field":
      switch (source.field) {
        case "name":
          return contact.displayName?.trim() || contact.profileName?.trim() || "";
        case "display_name":
          return contact.displayName ?? "";
        case "profile_name":
          return contact.profileName ?? "";
        case "phone":
          return contact.phoneNumber ? `+${contact.phoneNumber}` : "";
      }
  }
}

/** The value sent for one source: the contact's, else the fallback; "" when neither has one. */
export function resolveSource(source: VariableSource | undefined, contact: MappingContact): string {
  if (!source) return "";
  const own = sourceValue(source, contact).trim();
  if (own !== "") return own;
  return source.source === "fixed" ? "" : (source.fallback ?? "").trim();
}

/**
 * The template's values for one contact, and the keys left empty (unmapped, or empty without a
 * fallback), in the mapping's key order: a recipient with any is skipped as "missing_variable".
 */
export function resolveValues(template: TemplateDefinition, mapping: CampaignMapping, contact: MappingContact): { values: TemplateValues; missing: string[] } {
  const values = emptyTemplateValues(template);
  const missing: string[] = [];
  for (const entry of mappingKeys(template)) {
    const text = resolveSource(mapping.variables[entry.key], contact);
    if (text === "") missing.push(entry.key);
    if (entry.header !== undefined) values.header[entry.header] = text;
    if (entry.body !== undefined) values.body[entry.body] = text;
    if (entry.button !== undefined) values.buttons[entry.button] = text;
  }
  if (needsHeaderMedia(template)) {
    // A media library id, or an https link (the inbox's template send reads the field the same way).
    if (mapping.headerMediaId) values.headerMedia = /^https:\/\//i.test(mapping.headerMediaId) ? { link: mapping.headerMediaId } : { id: mapping.headerMediaId };
    else missing.push("header_media");
  }
  return { values, missing };
}
