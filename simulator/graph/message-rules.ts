import { GraphError, invalidParameter } from "../errors";
import type { JsonRecord } from "../http";
import { isRecord } from "../http";
import type { MediaObject } from "../state";
import { fieldPath, oneOf, optionalText, requireArray, requireRecord, requireText } from "./fields";
import { kindOfMime } from "./media-rules";

export type MediaResolver = (id: string) => MediaObject | null;

/** A media link WhatsApp will fail to fetch after accepting the send; reported by a failed status (131053). */
export interface LinkFailure {
  details: string;
}

const MEDIA_TYPES = ["image", "video", "audio", "document", "sticker"] as const;
const CAPTIONED = new Set(["image", "video", "document"]);

/** Checks a media object given by id or link; answers a deferred failure for links WhatsApp cannot fetch. */
export function validateMediaObject(kind: string, value: unknown, path: string, resolveMedia: MediaResolver): LinkFailure | null {
  const media = requireRecord(value, path);
  const hasId = media.id !== undefined && media.id !== null;
  const hasLink = media.link !== undefined && media.link !== null;
  if (hasId === hasLink) throw invalidParameter(`Param ${path} must contain exactly one of 'id' or 'link'.`);
  if (CAPTIONED.has(kind)) optionalText(media.caption, fieldPath(path, "caption"), 1024);
  if (kind === "document") optionalText(media.filename, fieldPath(path, "filename"), 240);
  if (hasId) {
    const id = String(media.id);
    const found = resolveMedia(id);
    if (!found) throw new GraphError(131053, { details: `Media id ${id} was not found, was deleted or has expired. Upload the file again.` });
    const foundKind = kindOfMime(found.mimeType);
    if (foundKind !== kind && !(kind === "document" && foundKind !== null)) {
      throw new GraphError(131053, { details: `Media id ${id} has type ${found.mimeType}, which cannot be sent as ${kind}.` });
    }
    return null;
  }
  let url: URL;
  try {
    url = new URL(String(media.link));
  } catch {
    throw invalidParameter(`Param ${fieldPath(path, "link")} is not a valid URL.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw invalidParameter(`Param ${fieldPath(path, "link")} must be an https URL.`);
  if (url.protocol === "http:") return { details: "Media download failed: only https links are supported." };
  if (url.hostname.endsWith(".invalid")) return { details: `Media download failed: ${url.hostname} could not be reached.` };
  return null;
}

function validateLocation(value: unknown, path: string): void {
  const location = requireRecord(value, path);
  for (const [key, limit] of [["latitude", 90], ["longitude", 180]] as const) {
    const raw = location[key];
    const number = typeof raw === "string" ? Number(raw) : raw;
    if (raw === undefined || raw === null) throw invalidParameter(`The parameter ${fieldPath(path, key)} is required.`);
    if (typeof number !== "number" || !Number.isFinite(number) || Math.abs(number) > limit) {
      throw invalidParameter(`Param ${fieldPath(path, key)} must be a number between -${limit} and ${limit}.`);
    }
  }
  optionalText(location.name, fieldPath(path, "name"), 1000);
  optionalText(location.address, fieldPath(path, "address"), 1000);
}

function validateContacts(value: unknown): void {
  const contacts = requireArray(value, "contacts");
  if (contacts.length === 0) throw invalidParameter("Param contacts must contain at least one contact.");
  contacts.forEach((contact, index) => {
    const card = requireRecord(contact, fieldPath("contacts", index));
    const name = requireRecord(card.name, fieldPath("contacts", index, "name"));
    requireText(name.formatted_name, fieldPath("contacts", index, "name", "formatted_name"), 1000);
    if (card.phones !== undefined) {
      requireArray(card.phones, fieldPath("contacts", index, "phones")).forEach((phone, phoneIndex) => {
        const entry = requireRecord(phone, fieldPath("contacts", index, "phones", phoneIndex));
        requireText(entry.phone, fieldPath("contacts", index, "phones", phoneIndex, "phone"), 100);
      });
    }
  });
}

function validateReaction(value: unknown): void {
  const reaction = requireRecord(value, "reaction");
  const messageId = requireText(reaction.message_id, fieldPath("reaction", "message_id"), 512);
  if (!messageId.startsWith("wamid.")) throw invalidParameter(`Param ${fieldPath("reaction", "message_id")} is not a valid message id.`);
  if (typeof reaction.emoji !== "string") throw invalidParameter(`The parameter ${fieldPath("reaction", "emoji")} is required.`);
  if ([...reaction.emoji].length > 10) throw invalidParameter(`Param ${fieldPath("reaction", "emoji")} must be a single emoji.`);
}

function validateHeader(value: unknown, listMessage: boolean, resolveMedia: MediaResolver): LinkFailure | null {
  if (value === undefined) return null;
  const path = fieldPath("interactive", "header");
  const header = requireRecord(value, path);
  const allowed = listMessage ? (["text"] as const) : (["text", "image", "video", "document"] as const);
  const type = oneOf(header.type, fieldPath(path, "type"), allowed);
  if (type === "text") {
    requireText(header.text, fieldPath(path, "text"), 60);
    return null;
  }
  return validateMediaObject(type, header[type], fieldPath(path, type), resolveMedia);
}

function validateButtons(action: JsonRecord): void {
  const path = fieldPath("interactive", "action", "buttons");
  const buttons = requireArray(action.buttons, path);
  if (buttons.length < 1 || buttons.length > 3) throw invalidParameter(`Param ${path} must have between 1 and 3 elements.`);
  const ids = new Set<string>();
  const titles = new Set<string>();
  buttons.forEach((button, index) => {
    const entry = requireRecord(button, `${path}[${index}]`);
    oneOf(entry.type, `${path}[${index}]['type']`, ["reply"] as const);
    const reply = requireRecord(entry.reply, `${path}[${index}]['reply']`);
    const id = requireText(reply.id, `${path}[${index}]['reply']['id']`, 256);
    const title = requireText(reply.title, `${path}[${index}]['reply']['title']`, 20);
    if (ids.has(id)) throw invalidParameter(`Param ${path}[${index}]['reply']['id'] must be unique; "${id}" is used twice.`);
    if (titles.has(title)) throw invalidParameter(`Param ${path}[${index}]['reply']['title'] must be unique; "${title}" is used twice.`);
    ids.add(id);
    titles.add(title);
  });
}

function validateSections(action: JsonRecord): void {
  const path = fieldPath("interactive", "action");
  requireText(action.button, fieldPath(path, "button"), 20);
  const sections = requireArray(action.sections, `${path}['sections']`);
  if (sections.length < 1 || sections.length > 10) throw invalidParameter(`Param ${path}['sections'] must have between 1 and 10 elements.`);
  const rowIds = new Set<string>();
  let rowCount = 0;
  sections.forEach((section, sectionIndex) => {
    const sectionPath = `${path}['sections'][${sectionIndex}]`;
    const entry = requireRecord(section, sectionPath);
    if (sections.length > 1) requireText(entry.title, `${sectionPath}['title']`, 24);
    else optionalText(entry.title, `${sectionPath}['title']`, 24);
    const rows = requireArray(entry.rows, `${sectionPath}['rows']`);
    if (rows.length === 0) throw invalidParameter(`Param ${sectionPath}['rows'] must have at least 1 element.`);
    rows.forEach((row, rowIndex) => {
      const rowPath = `${sectionPath}['rows'][${rowIndex}]`;
      const item = requireRecord(row, rowPath);
      const id = requireText(item.id, `${rowPath}['id']`, 200);
      requireText(item.title, `${rowPath}['title']`, 24);
      optionalText(item.description, `${rowPath}['description']`, 72);
      if (rowIds.has(id)) throw invalidParameter(`Param ${rowPath}['id'] must be unique; "${id}" is used twice.`);
      rowIds.add(id);
      rowCount += 1;
    });
  });
  if (rowCount > 10) throw invalidParameter(`Param ${path}['sections'] must contain at most 10 rows in all; got ${rowCount}.`);
}

/** 131008: a required field of a call-to-action or location request is missing. */
function missing(path: string): GraphError {
  return new GraphError(131008, { details: `The parameter ${path} is required.` });
}

/** 131009: a field of a call-to-action or location request has a value WhatsApp refuses. */
function notValid(details: string): GraphError {
  return new GraphError(131009, { details });
}

function requiredRecord(value: unknown, path: string): JsonRecord {
  if (value === undefined || value === null) throw missing(path);
  if (!isRecord(value)) throw invalidParameter(`Param ${path} must be a JSON object.`);
  return value;
}

function requiredText(value: unknown, path: string, max: number): string {
  if (value === undefined || value === null || value === "") throw missing(path);
  if (typeof value !== "string") throw invalidParameter(`Param ${path} must be a string.`);
  if ([...value].length > max) throw notValid(`Param ${path} must be at most ${max} characters long; got ${[...value].length}.`);
  return value;
}

function validateFooter(value: unknown): void {
  if (value === undefined) return;
  const footer = requireRecord(value, fieldPath("interactive", "footer"));
  requireText(footer.text, fieldPath("interactive", "footer", "text"), 60);
}

/** `cta_url`: a button that opens a URL; missing fields 131008, refused values 131009, a wrong action name 100. */
function validateCtaUrl(interactive: JsonRecord, resolveMedia: MediaResolver): LinkFailure | null {
  const body = requiredRecord(interactive.body, fieldPath("interactive", "body"));
  requiredText(body.text, fieldPath("interactive", "body", "text"), 1024);
  validateFooter(interactive.footer);
  const failure = validateHeader(interactive.header, false, resolveMedia);
  const actionPath = fieldPath("interactive", "action");
  const action = requiredRecord(interactive.action, actionPath);
  oneOf(action.name, fieldPath(actionPath, "name"), ["cta_url"] as const);
  const parametersPath = fieldPath(actionPath, "parameters");
  const parameters = requiredRecord(action.parameters, parametersPath);
  requiredText(parameters.display_text, fieldPath(parametersPath, "display_text"), 20);
  const urlPath = fieldPath(parametersPath, "url");
  const raw = requiredText(parameters.url, urlPath, 2000);
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) throw notValid(`Param ${urlPath} must be an http or https URL; got "${raw}".`);
  return failure;
}

/** `location_request_message`: a body and the "Send location" action, nothing else. */
function validateLocationRequest(interactive: JsonRecord): void {
  if (interactive.header !== undefined) throw invalidParameter(`Param ${fieldPath("interactive", "header")} is not supported for interactive type location_request_message.`);
  const body = requiredRecord(interactive.body, fieldPath("interactive", "body"));
  requiredText(body.text, fieldPath("interactive", "body", "text"), 1024);
  validateFooter(interactive.footer);
  const actionPath = fieldPath("interactive", "action");
  const action = requiredRecord(interactive.action, actionPath);
  oneOf(action.name, fieldPath(actionPath, "name"), ["send_location"] as const);
}

function validateInteractive(value: unknown, resolveMedia: MediaResolver): LinkFailure | null {
  const interactive = requireRecord(value, "interactive");
  const kind = oneOf(interactive.type, fieldPath("interactive", "type"), ["button", "list", "cta_url", "location_request_message"] as const);
  if (kind === "cta_url") return validateCtaUrl(interactive, resolveMedia);
  if (kind === "location_request_message") {
    validateLocationRequest(interactive);
    return null;
  }
  const type: "button" | "list" = kind;
  const body = requireRecord(interactive.body, fieldPath("interactive", "body"));
  requireText(body.text, fieldPath("interactive", "body", "text"), type === "button" ? 1024 : 4096);
  validateFooter(interactive.footer);
  const failure = validateHeader(interactive.header, type === "list", resolveMedia);
  const action = requireRecord(interactive.action, fieldPath("interactive", "action"));
  if (type === "button") validateButtons(action);
  else validateSections(action);
  return failure;
}

/** Validates a non-template message's type object like the Cloud API; throws Graph errors naming the field. */
export function validateFreeFormMessage(type: string, message: JsonRecord, resolveMedia: MediaResolver): LinkFailure | null {
  switch (type) {
    case "text": {
      const text = requireRecord(message.text, "text");
      requireText(text.body, fieldPath("text", "body"), 4096);
      if (text.preview_url !== undefined && typeof text.preview_url !== "boolean") {
        throw invalidParameter(`Param ${fieldPath("text", "preview_url")} must be a boolean.`);
      }
      return null;
    }
    case "location":
      validateLocation(message.location, "location");
      return null;
    case "contacts":
      validateContacts(message.contacts);
      return null;
    case "interactive":
      return validateInteractive(message.interactive, resolveMedia);
    case "reaction":
      validateReaction(message.reaction);
      return null;
    default:
      if ((MEDIA_TYPES as readonly string[]).includes(type)) return validateMediaObject(type, message[type], type, resolveMedia);
      throw invalidParameter(`Param type must be one of {text, template, image, video, audio, document, sticker, location, contacts, interactive, reaction} - got "${type}".`);
  }
}
