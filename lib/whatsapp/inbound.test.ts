/**
 * The webhook parser on payloads shaped like Meta's webhook reference pages (messages of each type,
 * statuses, system messages, edits and revokes, smb_message_echoes, user_preferences, template and
 * quality updates), with the looseness real traffic has (contract §6): numbers for strings, missing
 * optional objects, usernames and business-scoped user ids instead of phone numbers. The last part
 * is a property test: every field of every message and status removed or given another JSON type,
 * and nothing may be lost silently.
 */
import { describe, expect, it } from "vitest";

import {
  NotAWebhookError,
  STATUS_RANKS,
  statusesBefore,
  messagePreview,
  PREVIEW_KINDS,
  readTimestamp,
  recordsFromDelivery,
  templateStatusFromEvent,
  type DeliveryRecords,
  type InboundRecord,
} from "./inbound";
import { readWebhookErrors, webhookEntrySchema, webhookPayloadSchema } from "./webhook-types";

// ---------------------------------------------------------------------------------------------
// Payload helpers, with the sample values of Meta's reference pages.
// ---------------------------------------------------------------------------------------------

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonRecord = { [key: string]: Json };

const RECEIVED_AT = new Date("2026-03-02T09:30:00.000Z");
const WABA_ID = "102290129340398";
const PHONE_NUMBER_ID = "106540352242922";
const DISPLAY_PHONE_NUMBER = "15550783881";
const CUSTOMER_PHONE = "16505551234";
const CUSTOMER_NAME = "Sheena Nelson";
const USER_ID = "US.13491208655302741918";
const TIMESTAMP = "1739321024";
const TIMESTAMP_DATE = new Date(1739321024 * 1000);

const wamid = (name: string) => `wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQz${name}`;

const metadata = (): JsonRecord => ({ display_phone_number: DISPLAY_PHONE_NUMBER, phone_number_id: PHONE_NUMBER_ID });

const contact = (overrides: JsonRecord = {}): JsonRecord => ({ profile: { name: CUSTOMER_NAME }, wa_id: CUSTOMER_PHONE, ...overrides });

/** A change of the `messages` field: metadata, the customer's contact card, then what is given. */
const messagesValue = (fields: JsonRecord, contacts: Json[] | undefined = [contact()]): JsonRecord => ({
  messaging_product: "whatsapp",
  metadata: metadata(),
  ...(contacts ? { contacts } : {}),
  ...fields,
});

const change = (field: string, value: Json): JsonRecord => ({ value, field });

const envelope = (...changes: Json[]): JsonRecord => ({
  object: "whatsapp_business_account",
  entry: [{ id: WABA_ID, changes }],
});

/** A customer's message: `{from, id, timestamp, type, [type]: object}`. */
const message = (name: string, type: string, object: Json | undefined, overrides: JsonRecord = {}): JsonRecord => ({
  from: CUSTOMER_PHONE,
  id: wamid(name),
  timestamp: TIMESTAMP,
  type,
  ...(object === undefined ? {} : { [type]: object }),
  ...overrides,
});

const status = (name: string, value: string, overrides: JsonRecord = {}): JsonRecord => ({
  id: wamid(name),
  status: value,
  timestamp: TIMESTAMP,
  recipient_id: CUSTOMER_PHONE,
  ...overrides,
});

const ingest = (payload: unknown): DeliveryRecords => recordsFromDelivery(payload, RECEIVED_AT);

/** The records of one `messages` change holding these messages (and the one contact). */
const ingestMessages = (messages: Json[], contacts?: Json[]): DeliveryRecords =>
  ingest(envelope(change("messages", messagesValue({ messages }, contacts))));

/** The only message of a delivery, after checking that nothing went wrong. */
function onlyMessage(records: DeliveryRecords): InboundRecord {
  expect(records.problems).toEqual([]);
  expect(records.inbound).toHaveLength(1);
  return records.inbound[0]!;
}

const ingestOne = (item: JsonRecord, contacts?: Json[]) => onlyMessage(ingestMessages([item], contacts));

const ingestStatuses = (statuses: Json[]) => ingest(envelope(change("messages", messagesValue({ statuses }, undefined))));

// ---------------------------------------------------------------------------------------------
// Inbound messages, one type at a time.
// ---------------------------------------------------------------------------------------------

describe("recordsFromDelivery: inbound message types", () => {
  it("keeps a text message with its sender, business number, time and everything else it carried", () => {
    const record = ingestOne(message("TEXT", "text", { body: "Hello, is the shop open today?" }));
    expect(record).toEqual({
      wamid: wamid("TEXT"),
      phoneNumberId: PHONE_NUMBER_ID,
      displayPhoneNumber: DISPLAY_PHONE_NUMBER,
      wabaId: WABA_ID,
      customer: { phone: CUSTOMER_PHONE, userId: undefined, username: undefined, profileName: CUSTOMER_NAME },
      direction: "inbound",
      origin: undefined,
      sentAt: TIMESTAMP_DATE,
      type: "text",
      content: { text: { body: "Hello, is the shop open today?" } },
      replyToWamid: undefined,
      referral: false,
      referralExpiresAt: undefined,
      opensWindow: true,
      preview: { kind: "text", detail: "Hello, is the shop open today?" },
      revises: undefined,
    });
    expect(messagePreview(record.type, record.content)).toEqual(record.preview);
  });

  it("reads a reply's context and a click-to-WhatsApp ad's referral, keeping both in the content", () => {
    const referral = {
      source_url: "https://fb.me/3cr4Wqqkv",
      source_id: "120226305854810726",
      source_type: "ad",
      headline: "Chat with us",
      body: "Free delivery this week",
      media_type: "image",
      image_url: "https://scontent.xx.fbcdn.net/v/t45.1600-4/ad.png",
      ctwa_clid: "ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-GABDLOPaOdRMv-_zfUQ2a",
    };
    const record = ingestOne(
      message("REPLY", "text", { body: "Yes please" }, { context: { from: DISPLAY_PHONE_NUMBER, id: wamid("ORIGINAL") }, referral }),
    );
    expect(record.replyToWamid).toBe(wamid("ORIGINAL"));
    expect(record.referral).toBe(true);
    // A click-to-WhatsApp ad opens a free entry point for 72 hours from the customer's message.
    expect(record.referralExpiresAt).toEqual(new Date(record.sentAt.getTime() + 72 * 60 * 60 * 1000));
    expect(record.content).toEqual({ text: { body: "Yes please" }, context: { from: DISPLAY_PHONE_NUMBER, id: wamid("ORIGINAL") }, referral });
  });

  it("keeps an image with its caption, media id, mime type and sha256", () => {
    const image = { caption: "The crack on the lid", mime_type: "image/jpeg", sha256: "McpJkWKtVMYy/m3cyJBUNyO+qcFhmgWq4tEtTzY4wbg=", id: "1003383421387256" };
    const record = ingestOne(message("IMAGE", "image", image));
    expect(record.type).toBe("image");
    expect(record.content).toEqual({ image });
    expect(messagePreview(record.type, record.content)).toEqual({ kind: "photo", detail: "The crack on the lid" });
  });

  it("keeps a video", () => {
    const video = { mime_type: "video/mp4", sha256: "KQf9LbyUMsd1+q0pTQw0CgB6dE6IRJeFnEpCpUW5ahE=", id: "1160231962291806" };
    const record = ingestOne(message("VIDEO", "video", video));
    expect(record).toMatchObject({ type: "video", content: { video } });
    expect(messagePreview(record.type, record.content)).toEqual({ kind: "video", detail: "" });
  });

  it("keeps a voice note (audio with voice true) and previews it as a voice message", () => {
    const audio = { mime_type: "audio/ogg; codecs=opus", sha256: "iTi3sLIr9nHXZEgp0q3VxPKm68kBZRQCbV8SfbE6FYg=", id: "1003383421387256", voice: true };
    const record = ingestOne(message("VOICE", "audio", audio));
    expect(record).toMatchObject({ type: "audio", content: { audio } });
    expect(messagePreview(record.type, record.content)).toEqual({ kind: "voice", detail: "" });
    expect(messagePreview("audio", { audio: { ...audio, voice: false } })).toEqual({ kind: "audio", detail: "" });
  });

  it("keeps a document with its filename and previews the filename", () => {
    const document = { filename: "invoice-2026-03.pdf", mime_type: "application/pdf", sha256: "3gtL0VSZEJxyPKU5ZxmMVplEEdeUtsm2UQZR7OFOkeg=", id: "1003383421387256" };
    const record = ingestOne(message("DOCUMENT", "document", document));
    expect(record).toMatchObject({ type: "document", content: { document } });
    expect(messagePreview(record.type, record.content)).toEqual({ kind: "document", detail: "invoice-2026-03.pdf" });
  });

  it("keeps an animated sticker", () => {
    const sticker = { mime_type: "image/webp", sha256: "s7r2KQsF3O9mCnBPOQz1X0vfpB6LDvGvFqaF9qGRSCA=", id: "1003383421387256", animated: true };
    const record = ingestOne(message("STICKER", "sticker", sticker));
    expect(record).toMatchObject({ type: "sticker", content: { sticker } });
    expect(messagePreview(record.type, record.content)).toEqual({ kind: "sticker", detail: "" });
  });

  it("keeps a location given with numbers, and one given with numeric strings, as given", () => {
    const numbers = { address: "1 Hacker Way, Menlo Park, CA 94025", latitude: 37.483307, longitude: -122.148427, name: "Philz Coffee", url: "https://philzcoffee.com" };
    const strings = { latitude: "37.483307", longitude: "-122.148427" };
    const records = ingestMessages([message("LOC1", "location", numbers), message("LOC2", "location", strings)]);
    expect(records.problems).toEqual([]);
    expect(records.inbound.map((record) => [record.type, record.content])).toEqual([
      ["location", { location: numbers }],
      ["location", { location: strings }],
    ]);
    expect(messagePreview("location", { location: numbers })).toEqual({ kind: "location", detail: "Philz Coffee" });
  });

  it("keeps a location with a non-numeric latitude as unreadable with its raw JSON, and the rest of the change", () => {
    const broken = message("LOCBAD", "location", { latitude: "north-ish", longitude: -122.148427 });
    const records = ingestMessages([message("BEFORE", "text", { body: "here:" }), broken, message("AFTER", "text", { body: "did it arrive?" })]);
    expect(records.problems).toEqual([]);
    expect(records.inbound.map((record) => [record.wamid, record.type])).toEqual([
      [wamid("BEFORE"), "text"],
      [wamid("LOCBAD"), "unreadable"],
      [wamid("AFTER"), "text"],
    ]);
    const unreadable = records.inbound[1]!;
    expect(unreadable.content).toEqual({ unreadable: { type: "location", problem: expect.stringContaining("latitude") }, raw: broken });
    expect(unreadable.customer.phone).toBe(CUSTOMER_PHONE);
    expect(unreadable.opensWindow).toBe(true);
    expect(messagePreview(unreadable.type, unreadable.content)).toEqual({ kind: "unreadable", detail: "" });
  });

  it("keeps contact cards with whatever the address book holds: odd e-mails, yearless birthdays, placeholders", () => {
    const cards: Json[] = [
      {
        addresses: [{ street: "1 Lucky Shrub Way", city: "Menlo Park", state: "CA", zip: "94025", country: "United States", country_code: "US", type: "HOME" }],
        birthday: "--05-17",
        emails: [{ email: "ask at the front desk", type: "WORK" }],
        name: { formatted_name: "Barbara J. Johnson", first_name: "Barbara", last_name: "Johnson", middle_name: "Joana", suffix: "Esq.", prefix: "Dr." },
        org: { company: "Lucky Shrub", department: "Legal", title: "Lead Counsel" },
        phones: [{ phone: "<WHATSAPP_USER_PHONE_NUMBER>", wa_id: "<WHATSAPP_USER_ID>", type: "CELL" }],
        urls: [{ url: "luckyshrub dot com", type: "WORK" }],
      },
      { name: { formatted_name: "Mum" }, phones: [{ phone: "+44 7700 900123" }] },
    ];
    const record = ingestOne(message("CONTACTS", "contacts", cards));
    expect(record.type).toBe("contacts");
    expect(record.content).toEqual({ contacts: cards });
    expect(messagePreview(record.type, record.content)).toEqual({ kind: "contacts", detail: "" });
  });

  it("keeps a reply button answer (interactive button_reply)", () => {
    const interactive = { type: "button_reply", button_reply: { id: "confirm-booking", title: "Confirm" } };
    const record = ingestOne(message("BUTTONREPLY", "interactive", interactive, { context: { from: DISPLAY_PHONE_NUMBER, id: wamid("ASKED") } }));
    expect(record).toMatchObject({ type: "interactive", content: { interactive }, replyToWamid: wamid("ASKED") });
    expect(messagePreview(record.type, record.content)).toEqual({ kind: "text", detail: "Confirm" });
  });

  it("keeps a list answer (interactive list_reply) with its description", () => {
    const interactive = { type: "list_reply", list_reply: { id: "slot-0930", title: "9:30 am", description: "Tuesday with Dr. Smith" } };
    const record = ingestOne(message("LISTREPLY", "interactive", interactive));
    expect(record).toMatchObject({ type: "interactive", content: { interactive } });
    expect(messagePreview(record.type, record.content)).toEqual({ kind: "text", detail: "9:30 am" });
  });

  it("keeps a flow's answer (interactive nfm_reply) with its response_json as sent", () => {
    const interactive = {
      type: "nfm_reply",
      nfm_reply: { name: "flow", body: "Sent", response_json: '{"flow_token":"AQAAAAACS5FpgQ_cAAAAAD0QI3s.","firstName":"Barbara","plan":"gold"}' },
    };
    const record = ingestOne(message("FLOW", "interactive", interactive, { context: { from: DISPLAY_PHONE_NUMBER, id: wamid("FLOWSENT") } }));
    expect(record).toMatchObject({ type: "interactive", content: { interactive }, opensWindow: true });
    expect(messagePreview(record.type, record.content)).toEqual({ kind: "form", detail: "" });
  });

  it("keeps a template quick reply (button) with its payload, as a reply to the template", () => {
    const button = { payload: "STOP_PROMOTIONS", text: "Stop promotions" };
    const record = ingestOne(message("QUICKREPLY", "button", button, { context: { from: DISPLAY_PHONE_NUMBER, id: wamid("TEMPLATE") } }));
    expect(record).toMatchObject({ type: "button", content: { button }, replyToWamid: wamid("TEMPLATE") });
    expect(messagePreview(record.type, record.content)).toEqual({ kind: "text", detail: "Stop promotions" });
  });

  it("keeps a reaction, and the removal of one (empty emoji)", () => {
    const records = ingestMessages([
      message("REACT", "reaction", { message_id: wamid("LIKED"), emoji: "👍" }),
      message("UNREACT", "reaction", { message_id: wamid("LIKED"), emoji: "" }),
    ]);
    expect(records.problems).toEqual([]);
    const [added, removed] = records.inbound;
    expect(added).toMatchObject({ type: "reaction", content: { reaction: { message_id: wamid("LIKED"), emoji: "👍" } } });
    expect(removed).toMatchObject({ type: "reaction", content: { reaction: { message_id: wamid("LIKED"), emoji: "" } } });
    expect(messagePreview(added!.type, added!.content)).toEqual({ kind: "reaction", detail: "👍" });
    expect(messagePreview(removed!.type, removed!.content)).toEqual({ kind: "reactionRemoved", detail: "" });
  });

  it("keeps an order from the catalog", () => {
    const order = {
      catalog_id: "194836987003835",
      text: "Is the blue one in stock?",
      product_items: [
        { product_retailer_id: "di9ozbzfi4", quantity: 2, item_price: 30, currency: "USD" },
        { product_retailer_id: "nqryix03ez", quantity: "1", item_price: "12.50", currency: "USD" },
      ],
    };
    const record = ingestOne(message("ORDER", "order", order));
    expect(record).toMatchObject({ type: "order", content: { order } });
    expect(messagePreview(record.type, record.content)).toEqual({ kind: "order", detail: "" });
  });

  it("turns a user_changed_number system message into an identity change with the new phone, opening no window", () => {
    // Meta: system messages come without a contacts array; `from` is the old number.
    const system = { body: `User ${CUSTOMER_NAME} changed from ${CUSTOMER_PHONE} to 16505559999`, wa_id: "16505559999", type: "user_changed_number" };
    const records = ingestMessages([message("NEWNUMBER", "system", system)], undefined);
    const record = onlyMessage(records);
    expect(record).toMatchObject({ type: "system", content: { system }, opensWindow: false });
    expect(records.identityChanges).toEqual([{ customer: expect.objectContaining({ phone: CUSTOMER_PHONE }), phone: "16505559999", userId: undefined }]);
    expect(messagePreview(record.type, record.content)).toEqual({ kind: "system", detail: system.body });
  });

  it("turns a user_changed_user_id system message into an identity change with the new user id", () => {
    const system = { body: "User changed their business-scoped user id", type: "user_changed_user_id", user_id: "US.90000000000000000001" };
    const item = message("NEWUSERID", "system", system, { from_user_id: USER_ID });
    delete item.from;
    const records = ingestMessages([item], undefined);
    const record = onlyMessage(records);
    expect(record.customer).toMatchObject({ userId: USER_ID, phone: undefined });
    expect(record.opensWindow).toBe(false);
    expect(records.identityChanges).toEqual([{ customer: expect.objectContaining({ userId: USER_ID }), phone: undefined, userId: "US.90000000000000000001" }]);
  });

  it("turns a user_preference_changed system message into a preference record", () => {
    const system = { body: "User stopped marketing messages", type: "user_preference_changed", category: "marketing_messages", value: "stop" };
    const records = ingestMessages([message("PREFSYS", "system", system)]);
    expect(onlyMessage(records).opensWindow).toBe(false);
    expect(records.preferences).toEqual([
      { customer: expect.objectContaining({ phone: CUSTOMER_PHONE }), category: "marketing_messages", value: "stop", at: TIMESTAMP_DATE },
    ]);
  });

  it("keeps request_welcome, which has no object, as is", () => {
    const record = ingestOne(message("WELCOME", "request_welcome", undefined));
    expect(record).toMatchObject({ type: "request_welcome", content: {}, revises: undefined });
    expect(messagePreview(record.type, record.content)).toEqual({ kind: "welcome", detail: "" });
  });

  it("reads an edit as a revision of the original message, with the new content shaped like a stored message", () => {
    const edit = {
      original_message_id: wamid("TYPO"),
      message: { context: { from: DISPLAY_PHONE_NUMBER, id: wamid("ASKED") }, type: "text", text: { body: "See you at 10, not 11" } },
    };
    const record = ingestOne(message("EDIT", "edit", edit));
    expect(record.type).toBe("edit");
    expect(record.content).toEqual({ edit });
    expect(record.revises).toEqual({
      kind: "edit",
      originalWamid: wamid("TYPO"),
      content: { text: { body: "See you at 10, not 11" } },
      preview: { kind: "text", detail: "See you at 10, not 11" },
    });
    expect(record.opensWindow).toBe(false);
    expect(record.preview).toEqual({ kind: "edit", detail: "" });
  });

  it("reads a revoke as the deletion of the original message", () => {
    const record = ingestOne(message("REVOKE", "revoke", { original_message_id: wamid("REGRET") }));
    expect(record.revises).toEqual({ kind: "revoke", originalWamid: wamid("REGRET"), content: undefined });
    expect(record.opensWindow).toBe(false);
    expect(messagePreview(record.type, record.content)).toEqual({ kind: "revoke", detail: "" });
  });

  it("keeps unsupported messages with their errors 131051 and 131060", () => {
    const unknownType = {
      code: 131051,
      title: "Message type unknown",
      message: "Message type unknown",
      error_data: { details: "Message type is currently not supported." },
    };
    const unavailable = { code: 131060, title: "Unsupported message", message: "Unsupported message", error_data: { details: "This message is not available." } };
    const records = ingestMessages([
      message("UNSUPPORTED1", "unsupported", { type: "poll" }, { errors: [unknownType] }),
      message("UNSUPPORTED2", "unsupported", undefined, { errors: [unavailable] }),
      message("UNKNOWN", "unknown", undefined, { errors: [unknownType] }),
    ]);
    expect(records.problems).toEqual([]);
    expect(records.inbound.map((record) => [record.type, record.content])).toEqual([
      ["unsupported", { unsupported: { type: "poll" }, errors: [unknownType] }],
      ["unsupported", { errors: [unavailable] }],
      ["unknown", { errors: [unknownType] }],
    ]);
    expect(messagePreview("unsupported", records.inbound[0]!.content)).toEqual({ kind: "unsupported", detail: "" });
  });

  it("keeps a type never heard of with its object", () => {
    const hologram = { id: "1003383421387256", depth_cm: 12, frames: [{ t: 0 }] };
    const record = ingestOne(message("HOLOGRAM", "hologram", hologram));
    expect(record).toMatchObject({ type: "hologram", content: { hologram }, opensWindow: true });
  });

  it("keeps a message without a type as unreadable with the whole item", () => {
    const item = { from: CUSTOMER_PHONE, id: wamid("NOTYPE"), timestamp: TIMESTAMP, text: { body: "where is my type?" } };
    const record = ingestOne(item);
    expect(record.type).toBe("unreadable");
    expect(record.content).toEqual({ unreadable: { type: null, problem: "the message has no type" }, raw: item });
  });

  it("keeps a known type whose object is missing as unreadable, saying so", () => {
    const item = message("NOBODY", "text", undefined);
    const record = ingestOne(item);
    expect(record.content).toEqual({ unreadable: { type: "text", problem: "the text object is missing" }, raw: item });
  });

  it("lists a message without an id as a problem at its path, keeping the others", () => {
    const records = ingestMessages([message("KEPT", "text", { body: "one" }), { from: CUSTOMER_PHONE, timestamp: TIMESTAMP, type: "text", text: { body: "two" } }]);
    expect(records.inbound.map((record) => record.wamid)).toEqual([wamid("KEPT")]);
    expect(records.problems).toEqual([{ at: "entry[0].changes[0].value.messages[1]", problem: expect.stringMatching(/^message not kept: id/) }]);
  });
});

// ---------------------------------------------------------------------------------------------
// Statuses.
// ---------------------------------------------------------------------------------------------

describe("recordsFromDelivery: statuses", () => {
  it("applies sent, delivered and read with their time and recipient", () => {
    const records = ingestStatuses([status("S1", "sent"), status("S1", "delivered", { timestamp: "1739321030" }), status("S1", "read", { timestamp: 1739321090 })]);
    expect(records.problems).toEqual([]);
    expect(records.statuses.map(({ wamid: id, status: value, at, recipientId }) => ({ id, value, at, recipientId }))).toEqual([
      { id: wamid("S1"), value: "sent", at: TIMESTAMP_DATE, recipientId: CUSTOMER_PHONE },
      { id: wamid("S1"), value: "delivered", at: new Date(1739321030_000), recipientId: CUSTOMER_PHONE },
      { id: wamid("S1"), value: "read", at: new Date(1739321090_000), recipientId: CUSTOMER_PHONE },
    ]);
  });

  it("applies failed with its errors, reading a code sent as a string and keeping error_data.details", () => {
    const details = "Message failed to send because more than 24 hours have passed since the customer last replied to this number.";
    const records = ingestStatuses([
      status("FAILED", "failed", {
        errors: [{ code: "131047", title: "Re-engagement message", message: "Re-engagement message", error_data: { details }, href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/" }],
      }),
    ]);
    expect(records.problems).toEqual([]);
    expect(records.statuses[0]).toMatchObject({ status: "failed", errors: [{ code: 131047, title: "Re-engagement message", error_data: { details } }] });
  });

  it("applies a status addressed to a user id (recipient_user_id, no recipient_id)", () => {
    const item = status("TOUSERID", "delivered", { recipient_user_id: USER_ID });
    delete item.recipient_id;
    const records = ingestStatuses([item]);
    expect(records.problems).toEqual([]);
    expect(records.statuses[0]).toMatchObject({ wamid: wamid("TOUSERID"), recipientId: USER_ID });
  });

  it("reads per-message pricing (PMP) when there is no conversation object", () => {
    const records = ingestStatuses([
      status("PMP", "delivered", { pricing: { billable: false, pricing_model: "PMP", type: "free_customer_service", category: "service" } }),
    ]);
    expect(records.statuses[0]!.pricing).toEqual({ billable: false, pricingModel: "PMP", type: "free_customer_service", category: "service" });
  });

  it("applies a legacy CBP status with a conversation object and a numeric expiration_timestamp", () => {
    const records = ingestStatuses([
      status("CBP", "sent", {
        conversation: { id: "7f1fa0ce4ee4fbdbc3a8f3a4c2b7a3f3", expiration_timestamp: 1739407424, origin: { type: "utility" } },
        pricing: { billable: true, pricing_model: "CBP", category: "utility" },
      }),
    ]);
    expect(records.problems).toEqual([]);
    expect(records.statuses[0]).toMatchObject({ wamid: wamid("CBP"), status: "sent", pricing: { billable: true, pricingModel: "CBP", category: "utility", type: undefined } });
  });

  it("lists a status value it does not apply (deleted) as a problem, without throwing, and applies the others", () => {
    const records = ingestStatuses([status("GONE", "deleted"), status("FINE", "read")]);
    expect(records.statuses.map((item) => item.wamid)).toEqual([wamid("FINE")]);
    expect(records.problems).toEqual([{ at: "entry[0].changes[0].value.statuses[0]", problem: expect.stringContaining("deleted") }]);
  });

  it("lists a status without an id as a problem", () => {
    const item = status("NOID", "read");
    delete item.id;
    const records = ingestStatuses([item]);
    expect(records.statuses).toEqual([]);
    expect(records.problems).toEqual([{ at: "entry[0].changes[0].value.statuses[0]", problem: expect.stringMatching(/^status not applied/) }]);
  });

  it("ranks statuses so they only move forward, a success after a failure winning", () => {
    expect(STATUS_RANKS.pending).toBeLessThan(STATUS_RANKS.sent);
    expect(STATUS_RANKS.sent).toBeLessThan(STATUS_RANKS.failed);
    expect(STATUS_RANKS.failed).toBeLessThan(STATUS_RANKS.delivered);
    expect(STATUS_RANKS.delivered).toBeLessThan(STATUS_RANKS.read);
  });

  it("tells each status which stored statuses it moves a message forward from", () => {
    expect(statusesBefore("sent")).toEqual(["pending"]);
    expect(statusesBefore("failed")).toEqual(["pending", "sent"]);
    expect(statusesBefore("delivered")).toEqual(["pending", "sent", "failed"]);
    expect(statusesBefore("read")).toEqual(["pending", "sent", "failed", "delivered"]);
    expect(statusesBefore("deleted")).toBeUndefined();
    expect(statusesBefore("constructor")).toBeUndefined();
    const records = ingestStatuses([status("S2", "delivered")]);
    expect(records.statuses[0]!.movesFrom).toEqual(["pending", "sent", "failed"]);
  });
});

// ---------------------------------------------------------------------------------------------
// Odd values real traffic sends.
// ---------------------------------------------------------------------------------------------

describe("recordsFromDelivery: odd values", () => {
  it("reads a numeric timestamp like a string one", () => {
    expect(ingestOne(message("NUMTS", "text", { body: "a" }, { timestamp: 1739321024 })).sentAt).toEqual(TIMESTAMP_DATE);
  });

  it("reads ids sent as numbers as text: message, status, template and phone number id", () => {
    const payload = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: 102290129340398,
          changes: [
            change("messages", {
              metadata: { display_phone_number: 15550783881, phone_number_id: 106540352242922 },
              contacts: [{ profile: { name: CUSTOMER_NAME }, wa_id: 16505551234 }],
              messages: [{ from: 16505551234, id: 7001, timestamp: 1739321024, type: "reaction", reaction: { message_id: 7000, emoji: "❤️" } }],
              statuses: [{ id: 7002, status: "read", timestamp: 1739321024, recipient_id: 16505551234 }],
            }),
          ],
        },
      ],
    };
    const records = ingest(payload);
    expect(records.problems).toEqual([]);
    expect(records.inbound[0]).toMatchObject({ wamid: "7001", wabaId: WABA_ID, phoneNumberId: PHONE_NUMBER_ID, displayPhoneNumber: DISPLAY_PHONE_NUMBER, customer: { phone: CUSTOMER_PHONE } });
    expect(records.statuses[0]).toMatchObject({ wamid: "7002", recipientId: CUSTOMER_PHONE });
    expect(records.phoneNumbers).toEqual([{ id: PHONE_NUMBER_ID, wabaId: WABA_ID, displayPhoneNumber: DISPLAY_PHONE_NUMBER }]);
  });

  it("does without the optional objects: no contacts array, no display_phone_number", () => {
    const payload = envelope(
      change("messages", { messaging_product: "whatsapp", metadata: { phone_number_id: PHONE_NUMBER_ID }, messages: [message("BARE", "text", { body: "bare" })] }),
    );
    const record = onlyMessage(ingest(payload));
    expect(record).toMatchObject({ displayPhoneNumber: undefined, customer: { phone: CUSTOMER_PHONE, profileName: undefined } });
  });

  it("falls back to when the delivery arrived for a missing or unreadable timestamp", () => {
    const noTimestamp = message("NOTS", "text", { body: "a" });
    delete noTimestamp.timestamp;
    const records = ingestMessages([noTimestamp, message("BADTS", "text", { body: "b" }, { timestamp: "yesterday" }), message("NULLTS", "text", { body: "c" }, { timestamp: null })]);
    expect(records.problems).toEqual([]);
    expect(records.inbound.map((record) => record.sentAt)).toEqual([RECEIVED_AT, RECEIVED_AT, RECEIVED_AT]);
  });

  it("recognises timestamps in milliseconds, as numbers or strings", () => {
    const records = ingestMessages([
      message("MS1", "text", { body: "a" }, { timestamp: 1739321024123 }),
      message("MS2", "text", { body: "b" }, { timestamp: "1739321024123" }),
    ]);
    expect(records.inbound.map((record) => record.sentAt.toISOString())).toEqual(["2025-02-12T00:43:44.123Z", "2025-02-12T00:43:44.123Z"]);
  });

  it("readTimestamp: unix seconds or milliseconds, as text or number; anything else is the fallback", () => {
    const fallback = new Date("2000-01-01T00:00:00.000Z");
    expect(readTimestamp("1739321024", fallback)).toEqual(TIMESTAMP_DATE);
    expect(readTimestamp(1739321024, fallback)).toEqual(TIMESTAMP_DATE);
    expect(readTimestamp(" 1739321024 ", fallback)).toEqual(TIMESTAMP_DATE);
    expect(readTimestamp(1739321024000, fallback)).toEqual(TIMESTAMP_DATE);
    for (const odd of [undefined, null, "", "  ", "soon", 0, -5, Number.NaN, Number.POSITIVE_INFINITY, {}, [], true]) {
      expect(readTimestamp(odd, fallback)).toBe(fallback);
    }
  });

  it("keeps only the digits of a phone number given with a plus, spaces or dashes", () => {
    const record = ingestOne(message("PLUS", "text", { body: "a" }, { from: "+1 650-555-1234" }), []);
    expect(record.customer.phone).toBe(CUSTOMER_PHONE);
  });
});

// ---------------------------------------------------------------------------------------------
// Customers: phone numbers, business-scoped user ids, usernames.
// ---------------------------------------------------------------------------------------------

describe("recordsFromDelivery: who the customer is", () => {
  it("knows a customer by user id and username when the phone number is withheld", () => {
    const item = message("NOPHONE", "text", { body: "hi from a username" }, { from_user_id: USER_ID });
    delete item.from;
    const records = ingestMessages([item], [{ profile: { name: "Maria", username: "@maria.lopez" }, user_id: USER_ID }]);
    const record = onlyMessage(records);
    expect(record.customer).toEqual({ phone: undefined, userId: USER_ID, username: "maria.lopez", profileName: "Maria" });
    expect(records.contacts).toContainEqual({ phone: undefined, userId: USER_ID, username: "maria.lopez", profileName: "Maria" });
  });

  it("knows a customer by both phone number and user id, with a top-level username", () => {
    const record = ingestOne(message("BOTH", "text", { body: "hi" }, { from_user_id: USER_ID }), [
      { profile: { name: CUSTOMER_NAME }, wa_id: CUSTOMER_PHONE, user_id: USER_ID, username: "sheena" },
    ]);
    expect(record.customer).toEqual({ phone: CUSTOMER_PHONE, userId: USER_ID, username: "sheena", profileName: CUSTOMER_NAME });
  });

  it("completes a message with from_user_id and no from from the change's contacts", () => {
    const item = message("FROMUID", "image", { id: "1003383421387256", mime_type: "image/jpeg" }, { from_user_id: USER_ID });
    delete item.from;
    const record = ingestOne(item, [contact({ user_id: USER_ID, profile: { name: CUSTOMER_NAME, username: "sheena.n" } })]);
    expect(record.customer).toEqual({ phone: CUSTOMER_PHONE, userId: USER_ID, username: "sheena.n", profileName: CUSTOMER_NAME });
  });

  it("attributes a message with neither from nor from_user_id to the change's single contact", () => {
    const item = message("ANON", "text", { body: "who am I?" });
    delete item.from;
    const record = ingestOne(item, [{ profile: { name: "Maria", username: "maria.lopez" }, user_id: USER_ID }]);
    expect(record.customer).toEqual({ userId: USER_ID, username: "maria.lopez", profileName: "Maria", phone: undefined });
  });

  it("lists a message with no sender and two contacts as a problem, naming its id", () => {
    const item = message("AMBIGUOUS", "text", { body: "who am I?" });
    delete item.from;
    const records = ingestMessages([item, message("CLEAR", "text", { body: "me" })], [contact(), contact({ wa_id: "16505550000", profile: { name: "Other" } })]);
    expect(records.inbound.map((record) => record.wamid)).toEqual([wamid("CLEAR")]);
    expect(records.problems).toEqual([{ at: "entry[0].changes[0].value.messages[0]", problem: expect.stringContaining(wamid("AMBIGUOUS")) }]);
  });
});

// ---------------------------------------------------------------------------------------------
// Echoes, preferences, template and quality updates, other fields.
// ---------------------------------------------------------------------------------------------

describe("recordsFromDelivery: other fields", () => {
  const echo = (name: string, type: string, object: Json, overrides: JsonRecord = {}): JsonRecord => ({
    from: DISPLAY_PHONE_NUMBER,
    to: `+${CUSTOMER_PHONE}`,
    id: wamid(name),
    timestamp: TIMESTAMP,
    type,
    [type]: object,
    ...overrides,
  });

  it("reads smb_message_echoes as outbound messages from the Business app that open no window", () => {
    const records = ingest(
      envelope(
        change("smb_message_echoes", {
          messaging_product: "whatsapp",
          metadata: metadata(),
          message_echoes: [
            echo("ECHO1", "text", { body: "Here's the info you requested! https://www.meta.com/quest/quest-3/" }),
            echo("ECHO2", "image", { id: "1003383421387256", mime_type: "image/jpeg", caption: "our menu" }, { to: USER_ID }),
          ],
        }),
      ),
    );
    expect(records.problems).toEqual([]);
    expect(records.inbound).toHaveLength(2);
    expect(records.inbound[0]).toMatchObject({
      wamid: wamid("ECHO1"),
      direction: "outbound",
      origin: "business_app",
      opensWindow: false,
      type: "text",
      customer: { phone: CUSTOMER_PHONE },
      content: { text: { body: "Here's the info you requested! https://www.meta.com/quest/quest-3/" } },
    });
    expect(records.inbound[1]).toMatchObject({ direction: "outbound", origin: "business_app", opensWindow: false, customer: { userId: USER_ID, phone: undefined } });
    // The business is not a customer.
    expect(records.contacts).toEqual([]);
  });

  it("opens the window for what the customer writes, not for system messages, edits or revokes", () => {
    const records = ingestMessages([
      message("W-TEXT", "text", { body: "hi" }),
      message("W-SYSTEM", "system", { body: "User changed", type: "user_changed_number", wa_id: "16505559999" }),
      message("W-EDIT", "edit", { original_message_id: wamid("W-TEXT"), message: { type: "text", text: { body: "hello" } } }),
      message("W-REVOKE", "revoke", { original_message_id: wamid("W-TEXT") }),
    ]);
    expect(records.inbound.map((record) => [record.type, record.opensWindow])).toEqual([
      ["text", true],
      ["system", false],
      ["edit", false],
      ["revoke", false],
    ]);
  });

  it("records user_preferences stop by wa_id and resume by user_id, with numeric timestamps", () => {
    const records = ingest(
      envelope(
        change("user_preferences", {
          messaging_product: "whatsapp",
          metadata: metadata(),
          contacts: [contact(), { profile: { name: "Maria", username: "maria.lopez" }, user_id: USER_ID }],
          user_preferences: [
            { wa_id: CUSTOMER_PHONE, detail: "User requested to stop marketing messages", category: "marketing_messages", value: "stop", timestamp: 1731705721 },
            { user_id: USER_ID, detail: "User requested to resume marketing messages", category: "marketing_messages", value: "resume", timestamp: 1731705800 },
          ],
        }),
      ),
    );
    expect(records.problems).toEqual([]);
    expect(records.preferences).toEqual([
      { customer: { phone: CUSTOMER_PHONE, userId: undefined, username: undefined, profileName: CUSTOMER_NAME }, category: "marketing_messages", value: "stop", at: new Date(1731705721_000) },
      { customer: { phone: undefined, userId: USER_ID, username: "maria.lopez", profileName: "Maria" }, category: "marketing_messages", value: "resume", at: new Date(1731705800_000) },
    ]);
  });

  it("lists a preference it cannot apply (value pause, no customer) as problems", () => {
    const records = ingest(
      envelope(
        change("user_preferences", {
          metadata: metadata(),
          user_preferences: [
            { wa_id: CUSTOMER_PHONE, category: "marketing_messages", value: "pause", timestamp: 1731705721 },
            { category: "marketing_messages", value: "stop", timestamp: 1731705721 },
          ],
        }),
      ),
    );
    expect(records.preferences).toEqual([]);
    expect(records.problems.map((problem) => problem.at)).toEqual(["entry[0].changes[0].value.user_preferences[0]", "entry[0].changes[0].value.user_preferences[1]"]);
  });

  const templateUpdate = (event: string, overrides: JsonRecord = {}) =>
    change("message_template_status_update", {
      event,
      message_template_id: "806312974732579",
      message_template_name: "order_confirmation",
      message_template_language: "en_US",
      reason: null,
      ...overrides,
    });

  it("keeps FLAGGED and LOCKED templates sendable (no status), and reads REINSTATED and UNARCHIVED as APPROVED", () => {
    const records = ingest(envelope(templateUpdate("FLAGGED"), templateUpdate("LOCKED"), templateUpdate("REINSTATED"), templateUpdate("UNARCHIVED")));
    expect(records.problems).toEqual([]);
    expect(records.templateUpdates.map((update) => [update.event, update.status])).toEqual([
      ["FLAGGED", undefined],
      ["LOCKED", undefined],
      ["REINSTATED", "APPROVED"],
      ["UNARCHIVED", "APPROVED"],
    ]);
  });

  it("reads a REJECTED event with reason NONE as no reason, and a numeric template id as text", () => {
    const records = ingest(
      envelope(
        templateUpdate("REJECTED", { reason: "NONE", message_template_id: 806312974732579, message_template_category: "MARKETING" }),
        templateUpdate("REJECTED", { reason: "INVALID_FORMAT" }),
      ),
    );
    expect(records.templateUpdates).toEqual([
      { templateId: "806312974732579", name: "order_confirmation", language: "en_US", event: "REJECTED", status: "REJECTED", reason: undefined },
      { templateId: "806312974732579", name: "order_confirmation", language: "en_US", event: "REJECTED", status: "REJECTED", reason: "INVALID_FORMAT" },
    ]);
  });

  it("templateStatusFromEvent: events are not statuses", () => {
    expect(templateStatusFromEvent("APPROVED")).toBe("APPROVED");
    expect(templateStatusFromEvent("paused")).toBe("PAUSED");
    expect(templateStatusFromEvent("flagged")).toBeUndefined();
    expect(templateStatusFromEvent("LIMIT_EXCEEDED")).toBeUndefined();
    expect(templateStatusFromEvent("PENDING_DELETION")).toBe("PENDING_DELETION");
  });

  it("reads a phone_number_quality_update", () => {
    const records = ingest(envelope(change("phone_number_quality_update", { display_phone_number: 15550783881, event: "UPGRADE", current_limit: "TIER_10K" })));
    expect(records.qualityUpdates).toEqual([{ wabaId: WABA_ID, displayPhoneNumber: DISPLAY_PHONE_NUMBER, event: "UPGRADE", currentLimit: "TIER_10K" }]);
    expect(records.problems).toEqual([]);
  });

  it("counts a field it does not act on (account_update) as ignored, not as a problem", () => {
    const records = ingest(envelope(change("account_update", { phone_number: DISPLAY_PHONE_NUMBER, event: "VERIFIED_ACCOUNT" }), change("template_category_update", {})));
    expect(records.ignored).toBe(2);
    expect(records.problems).toEqual([]);
  });

  it("reads a mixed delivery change by change (what webhook-types.test.ts checked of parseWebhookChanges)", () => {
    const records = ingest(
      envelope(
        change("messages", {
          messaging_product: "whatsapp",
          metadata: { display_phone_number: "15550000000", phone_number_id: "pn-1" },
          contacts: [{ profile: { name: "Ana" }, wa_id: "15550001111" }],
          messages: [
            { from: "15550001111", id: "wamid.1", timestamp: "1700000000", type: "text", text: { body: "hi" } },
            { from: "15550001111", id: "wamid.2", timestamp: "1700000001", type: "interactive", interactive: { type: "button_reply", button_reply: { id: "yes", title: "Yes" } } },
            { from: "15550001111", id: "wamid.3", timestamp: "1700000002", type: "unknown", errors: [{ code: 131051, title: "Message type unknown" }] },
            { from: "15550001111", id: "wamid.4", timestamp: "1700000003", type: "image", image: { id: "m1", mime_type: "image/jpeg", sha256: "x" }, referral: { source_url: "https://ad" } },
          ],
          statuses: [{ id: "wamid.9", status: "read", timestamp: "1700000004", recipient_id: "15550001111", conversation: { id: "c", origin: { type: "service" } } }],
        }),
        templateUpdate("APPROVED", { message_template_id: 123, reason: "NONE" }),
        change("account_update", { event: "VERIFIED_ACCOUNT" }),
        change("messages", { nonsense: true }),
      ),
    );
    expect(records.inbound.map((record) => record.type)).toEqual(["text", "interactive", "unknown", "image"]);
    expect(records.inbound[3]!.referral).toBe(true);
    expect(records.statuses.map((item) => [item.wamid, item.status])).toEqual([["wamid.9", "read"]]);
    expect(records.templateUpdates[0]).toMatchObject({ templateId: "123", status: "APPROVED", reason: undefined });
    expect(records.ignored).toBe(1);
    expect(records.problems).toEqual([{ at: "entry[0].changes[3].value.metadata", problem: expect.stringContaining("which business number is unknown") }]);
  });
});

// ---------------------------------------------------------------------------------------------
// Envelopes, changes and top-level errors.
// ---------------------------------------------------------------------------------------------

describe("recordsFromDelivery: envelope and change errors", () => {
  it("throws NotAWebhookError for a delivery that is not an object", () => {
    for (const payload of [undefined, null, "{\"object\":\"whatsapp_business_account\"}", 42, [], true]) {
      expect(() => ingest(payload)).toThrow(NotAWebhookError);
    }
  });

  it("throws NotAWebhookError when entry is missing or not a list", () => {
    expect(() => ingest({ object: "whatsapp_business_account" })).toThrow(NotAWebhookError);
    expect(() => ingest({ object: "whatsapp_business_account", entry: { id: WABA_ID } })).toThrow(/Not a WhatsApp webhook/);
  });

  it("reads an entry without changes as nothing", () => {
    expect(ingest({ object: "whatsapp_business_account", entry: [{ id: WABA_ID }] }).problems).toEqual([]);
  });

  it("lists a messages change without metadata as a problem and still applies the other change of the delivery", () => {
    const records = ingest(
      envelope(
        change("messages", { messaging_product: "whatsapp", contacts: [contact()], messages: [message("LOST", "text", { body: "which number?" })] }),
        change("messages", messagesValue({ messages: [message("FOUND", "text", { body: "this one" })] })),
      ),
    );
    expect(records.inbound.map((record) => record.wamid)).toEqual([wamid("FOUND")]);
    expect(records.problems).toEqual([{ at: "entry[0].changes[0].value.metadata", problem: expect.stringContaining("which business number is unknown") }]);
  });

  it("lists metadata without a phone_number_id as a problem naming the field", () => {
    const records = ingest(
      envelope(change("messages", { metadata: { display_phone_number: DISPLAY_PHONE_NUMBER }, messages: [message("NOPNID", "text", { body: "a" })] })),
    );
    expect(records.inbound).toEqual([]);
    expect(records.problems).toEqual([{ at: "entry[0].changes[0].value.metadata", problem: expect.stringContaining("phone_number_id") }]);
  });

  it("lists top-level errors of a change as problems, next to its messages", () => {
    const records = ingest(
      envelope(
        change(
          "messages",
          messagesValue({
            messages: [message("WITHERRORS", "text", { body: "still here" })],
            errors: [{ code: 131000, title: "Something went wrong", message: "Something went wrong", error_data: { details: "Unknown error" } }],
          }),
        ),
      ),
    );
    expect(records.inbound).toHaveLength(1);
    expect(records.problems).toEqual([{ at: "entry[0].changes[0].value.errors", problem: "WhatsApp reported error 131000: Something went wrong" }]);
  });

  it("lists a change without a field, a value that is not an object and messages that are not a list", () => {
    const records = ingest(
      envelope({ value: messagesValue({}) }, change("messages", "not an object"), change("messages", messagesValue({ messages: { id: wamid("X") } })), "not a change"),
    );
    expect(records.problems.map((problem) => problem.at)).toEqual([
      "entry[0].changes[0]",
      "entry[0].changes[1].value",
      "entry[0].changes[2].value.messages",
      "entry[0].changes[3]",
    ]);
  });

  it("readWebhookErrors keeps an error that is not an object as its text", () => {
    expect(readWebhookErrors([{ code: "131026", title: "Message undeliverable" }, "rate limited", 7])).toEqual([
      { code: 131026, title: "Message undeliverable" },
      { title: "rate limited" },
      { title: "7" },
    ]);
    expect(readWebhookErrors([])).toBeUndefined();
    expect(readWebhookErrors({ code: 131000, title: "Something went wrong" })).toEqual([{ code: 131000, title: "Something went wrong" }]);
    expect(webhookEntrySchema.parse({ id: 1 })).toEqual({ id: "1", changes: [] });
    expect(webhookPayloadSchema.safeParse({ object: "whatsapp_business_account", entry: "x" }).success).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// messagePreview for the newer types.
// ---------------------------------------------------------------------------------------------

describe("recordsFromDelivery: entries and identities in the wrong place", () => {
  it("applies the other entries of a delivery when one entry has no id", () => {
    const records = ingest({
      object: "whatsapp_business_account",
      entry: [
        { changes: [change("messages", messagesValue({ messages: [message("A", "text", { body: "lost?" })] }))] },
        { id: WABA_ID, changes: [change("messages", messagesValue({ messages: [message("B", "text", { body: "kept" })] }))] },
      ],
    });
    expect(records.inbound.map((item) => item.wamid)).toEqual([wamid("B")]);
    expect(records.problems).toEqual([{ at: "entry[0]", problem: expect.stringMatching(/^entry not applied: id/) }]);
  });

  it("reads a user id sent in a field meant for a number as the user id, never as a phone number", () => {
    const item = ingestOne(message("U", "text", { body: "hi" }, { from: USER_ID }), []);
    expect(item.customer).toEqual({ phone: undefined, userId: USER_ID, username: undefined, profileName: undefined });
    const [reported] = ingestStatuses([status("S", "delivered", { recipient_id: USER_ID })]).statuses;
    expect(reported!.recipientId).toBe(USER_ID);
  });
});

describe("messagePreview", () => {
  it("summarises unreadable, request_welcome, nfm_reply, edit and revoke messages", () => {
    expect(messagePreview("unreadable", { unreadable: { type: "location", problem: "location.latitude: Invalid input" }, raw: {} })).toEqual({ kind: "unreadable", detail: "" });
    expect(messagePreview("request_welcome", {})).toEqual({ kind: "welcome", detail: "" });
    expect(messagePreview("interactive", { interactive: { type: "nfm_reply", nfm_reply: { response_json: "{}" } } })).toEqual({ kind: "form", detail: "" });
    expect(messagePreview("edit", { edit: { original_message_id: "wamid.A" } })).toEqual({ kind: "edit", detail: "" });
    expect(messagePreview("revoke", { revoke: { original_message_id: "wamid.A" } })).toEqual({ kind: "revoke", detail: "" });
  });

  it("keeps only the message's own words or a name as the detail, never a label", () => {
    expect(messagePreview("text", { text: { body: "Is it roasted?" } })).toEqual({ kind: "text", detail: "Is it roasted?" });
    expect(messagePreview("image", { image: { id: "1" } })).toEqual({ kind: "photo", detail: "" });
    expect(messagePreview("video", { video: { id: "1", caption: "Unboxing" } })).toEqual({ kind: "video", detail: "Unboxing" });
    expect(messagePreview("audio", { audio: { id: "1", voice: true } })).toEqual({ kind: "voice", detail: "" });
    // A document's caption wins over its file name.
    expect(messagePreview("document", { document: { id: "1", filename: "a.pdf", caption: "Your invoice" } })).toEqual({ kind: "document", detail: "Your invoice" });
    expect(messagePreview("sticker", { sticker: { id: "1" } })).toEqual({ kind: "sticker", detail: "" });
    expect(messagePreview("location", { location: { latitude: 1, longitude: 2 } })).toEqual({ kind: "location", detail: "" });
    expect(messagePreview("interactive", { interactive: { type: "list_reply", list_reply: { id: "x", title: "Tomorrow" } } })).toEqual({ kind: "text", detail: "Tomorrow" });
    expect(messagePreview("interactive", { interactive: { type: "button", body: { text: "Pick a time" } } })).toEqual({ kind: "text", detail: "Pick a time" });
    expect(messagePreview("interactive", { interactive: { type: "button" } })).toEqual({ kind: "interactive", detail: "" });
    expect(messagePreview("button", { button: { text: "Yes", payload: "yes" } })).toEqual({ kind: "text", detail: "Yes" });
    expect(messagePreview("reaction", { reaction: { message_id: "wamid.A", emoji: "" } })).toEqual({ kind: "reactionRemoved", detail: "" });
    expect(messagePreview("template", { template: { name: "order_update", language: { code: "en" } } })).toEqual({ kind: "template", detail: "order_update" });
    expect(messagePreview("system", { system: { type: "customer_changed_number" } })).toEqual({ kind: "system", detail: "" });
    expect(messagePreview("hologram", { hologram: {} })).toEqual({ kind: "unsupported", detail: "" });
  });

  it("does not throw on content of the wrong shape", () => {
    for (const type of ["text", "image", "audio", "document", "location", "interactive", "button", "reaction", "template", "system", "hologram"]) {
      for (const part of [null, "text", 42, [], { body: 7 }]) {
        const preview = messagePreview(type, { [type]: part });
        expect(PREVIEW_KINDS).toContain(preview.kind);
        expect(typeof preview.detail).toBe("string");
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Suspected parser bugs: these fail today (see the report).
// ---------------------------------------------------------------------------------------------

describe("recordsFromDelivery: values named like built-ins, numbers for strings", () => {
  it("keeps a message whose type is also an Object.prototype member (constructor, toString, __proto__)", () => {
    // INBOUND_CONTENT_SCHEMAS[type] finds Object.prototype members: `schema.safeParse is not a function` is thrown.
    for (const type of ["constructor", "toString", "__proto__"]) {
      const records = ingestMessages([message("ODDTYPE", type, { a: 1 }), message("AFTER", "text", { body: "still here" })]);
      expect(records.inbound.map((record) => [record.wamid, record.type])).toEqual([
        [wamid("ODDTYPE"), type],
        [wamid("AFTER"), "text"],
      ]);
    }
  });

  it("reads an edit whose new message has a type named like an Object.prototype member without inventing content", () => {
    const record = ingestOne(message("EDITCTOR", "edit", { original_message_id: wamid("O"), message: { type: "constructor" } }));
    // Today: content is { constructor: [Function Object] }, a function that is not in the payload.
    expect(record.revises).toEqual({ kind: "edit", originalWamid: wamid("O"), content: undefined });
  });

  it("reads the new number of a user_changed_number system message given as a number", () => {
    const records = ingestMessages([message("NUMNEW", "system", { body: "User changed number", type: "user_changed_number", wa_id: 16505559999 })], undefined);
    expect(records.identityChanges).toEqual([{ customer: expect.objectContaining({ phone: CUSTOMER_PHONE }), phone: "16505559999", userId: undefined }]);
  });

  it("reads a reply's context id given as a number", () => {
    const record = ingestOne(message("NUMCTX", "text", { body: "a" }, { context: { from: DISPLAY_PHONE_NUMBER, id: 12345 } }));
    expect(record.replyToWamid).toBe("12345");
  });
});

// ---------------------------------------------------------------------------------------------
// Property test: remove each field, or give it another JSON type; nothing may be lost silently.
// ---------------------------------------------------------------------------------------------

type Path = Array<string | number>;

/** Every path inside a JSON value (objects' keys, arrays' indexes), parents before children. */
function pathsOf(value: Json, prefix: Path = []): Path[] {
  const children: Array<[string | number, Json]> = Array.isArray(value)
    ? value.map((item, index) => [index, item] as [number, Json])
    : value !== null && typeof value === "object"
      ? Object.entries(value)
      : [];
  return children.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

function parentOf(root: Json, path: Path): Json {
  let node: Json = root;
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, Json>)[key]!;
  return node;
}

function valueAt(root: Json, path: Path): Json {
  return (parentOf(root, path) as Record<string | number, Json>)[path[path.length - 1]!]!;
}

function removeAt(root: Json, path: Path): void {
  const parent = parentOf(root, path);
  const key = path[path.length - 1]!;
  if (Array.isArray(parent)) parent.splice(key as number, 1);
  else delete (parent as JsonRecord)[key as string];
}

function replaceAt(root: Json, path: Path, value: Json): void {
  (parentOf(root, path) as Record<string | number, Json>)[path[path.length - 1]!] = value;
}

const kindOf = (value: Json) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

/** One value of each JSON type: a field is replaced by each one of another type than its own. */
const OTHER_TYPES: Json[] = ["not-a-number 🙃", 42, true, null, { unexpected: "shape" }, ["unexpected"]];

type ItemList = "messages" | "message_echoes" | "statuses" | "user_preferences";

/** Seeds: valid, rich changes holding one message of each type, statuses, echoes and preferences. */
function seedChanges(): JsonRecord[] {
  const media = (extra: JsonRecord = {}) => ({ mime_type: "image/jpeg", sha256: "McpJkWKtVMYy/m3cyJBUNyO+qcFhmgWq4tEtTzY4wbg=", id: "1003383421387256", ...extra });
  const context = { from: DISPLAY_PHONE_NUMBER, id: wamid("ASKED"), forwarded: false };
  const withContact = messagesValue({
    messages: [
      message("P-TEXT", "text", { body: "hello" }, { context, referral: { source_url: "https://fb.me/x", source_type: "ad", ctwa_clid: "ARAk" } }),
      message("P-IMAGE", "image", media({ caption: "photo" })),
      message("P-VIDEO", "video", media({ mime_type: "video/mp4" })),
      message("P-AUDIO", "audio", media({ mime_type: "audio/ogg", voice: true })),
      message("P-DOCUMENT", "document", media({ mime_type: "application/pdf", filename: "a.pdf" })),
      message("P-STICKER", "sticker", media({ mime_type: "image/webp", animated: true })),
      message("P-LOCATION", "location", { latitude: 37.483307, longitude: "-122.148427", name: "Philz", address: "1 Hacker Way" }),
      message("P-CONTACTS", "contacts", [{ name: { formatted_name: "Barbara", first_name: "Barbara" }, birthday: "--05-17", emails: [{ email: "nope", type: "WORK" }], phones: [{ phone: "+1 650 555 0000", type: "CELL" }] }]),
      message("P-BUTTONREPLY", "interactive", { type: "button_reply", button_reply: { id: "yes", title: "Yes" } }, { context }),
      message("P-LISTREPLY", "interactive", { type: "list_reply", list_reply: { id: "row-1", title: "Row", description: "first" } }),
      message("P-NFM", "interactive", { type: "nfm_reply", nfm_reply: { name: "flow", body: "Sent", response_json: '{"flow_token":"t"}' } }),
      message("P-BUTTON", "button", { payload: "STOP", text: "Stop" }, { context }),
      message("P-REACTION", "reaction", { message_id: wamid("ASKED"), emoji: "👍" }),
      message("P-ORDER", "order", { catalog_id: "194836987003835", text: "stock?", product_items: [{ product_retailer_id: "di9", quantity: 1, item_price: 30, currency: "USD" }] }),
      message("P-PREFSYS", "system", { body: "User stopped marketing messages", type: "user_preference_changed", value: "stop", category: "marketing_messages" }),
      message("P-WELCOME", "request_welcome", undefined),
      message("P-EDIT", "edit", { original_message_id: wamid("P-TEXT"), message: { context, type: "text", text: { body: "hello!" } } }),
      message("P-REVOKE", "revoke", { original_message_id: wamid("P-TEXT") }),
      message("P-UNSUPPORTED", "unsupported", { type: "poll" }, { errors: [{ code: 131051, title: "Message type unknown", error_data: { details: "not supported" } }] }),
      message("P-HOLOGRAM", "hologram", { id: "h1", depth: 3 }),
      message("P-BOTH", "text", { body: "by phone and user id" }, { from_user_id: USER_ID }),
    ],
    statuses: [
      status("P-SENT", "sent", { conversation: { id: "c1", expiration_timestamp: 1739407424, origin: { type: "service" } }, pricing: { billable: true, pricing_model: "CBP", category: "service" } }),
      status("P-DELIVERED", "delivered", { pricing: { billable: false, pricing_model: "PMP", type: "free_customer_service", category: "service" } }),
      status("P-READ", "read", { timestamp: 1739321090 }),
      status("P-FAILED", "failed", { errors: [{ code: "131047", title: "Re-engagement message", message: "Re-engagement message", error_data: { details: "24 hours passed" }, href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/" }] }),
    ],
  }, [contact({ user_id: USER_ID, profile: { name: CUSTOMER_NAME, username: "sheena" } })]);

  // System messages come without contacts: here `from` (or `from_user_id`) is the only identity.
  const withoutContacts = messagesValue({
    messages: [
      message("P-NEWNUMBER", "system", { body: "User changed number", type: "user_changed_number", wa_id: "16505559999" }),
      { from_user_id: USER_ID, id: wamid("P-NEWUSERID"), timestamp: 1739321024, type: "system", system: { body: "User changed user id", type: "user_changed_user_id", user_id: "US.1" } },
      { from_user_id: USER_ID, id: wamid("P-USERTEXT"), timestamp: "1739321024", type: "text", text: { body: "hi" } },
    ],
    statuses: [{ id: wamid("P-TOUSER"), status: "read", timestamp: "1739321024", recipient_user_id: USER_ID, pricing: { billable: false, pricing_model: "PMP", type: "regular", category: "utility" } }],
  }, undefined);

  const echoes: JsonRecord = {
    messaging_product: "whatsapp",
    metadata: metadata(),
    message_echoes: [
      { from: DISPLAY_PHONE_NUMBER, to: CUSTOMER_PHONE, id: wamid("P-ECHO-TEXT"), timestamp: TIMESTAMP, type: "text", text: { body: "sent from the app" } },
      { from: DISPLAY_PHONE_NUMBER, to: USER_ID, id: wamid("P-ECHO-IMAGE"), timestamp: TIMESTAMP, type: "image", image: media({ caption: "menu" }) },
    ],
  };

  const preferences: JsonRecord = {
    messaging_product: "whatsapp",
    metadata: metadata(),
    contacts: [contact()],
    user_preferences: [
      { wa_id: CUSTOMER_PHONE, detail: "User requested to stop marketing messages", category: "marketing_messages", value: "stop", timestamp: 1731705721 },
      { user_id: USER_ID, category: "marketing_messages", value: "resume", timestamp: "1731705800" },
    ],
  };

  return [change("messages", withContact), change("messages", withoutContacts), change("smb_message_echoes", echoes), change("user_preferences", preferences)];
}

const LISTS: ItemList[] = ["messages", "message_echoes", "statuses", "user_preferences"];

/** Identity fields of a message: a path is skipped when it is the message's only way to know the customer. */
const IDENTITY_FIELDS: Record<string, string[]> = { messages: ["from", "from_user_id"], message_echoes: ["to", "to_user_id"] };

interface PropertyCase {
  label: string;
  payload: JsonRecord;
  list: ItemList;
  where: string;
  id: string | undefined;
  mutatedStatusValue: boolean;
  /** Every other item of the change, which must be there too. */
  otherIds: string[];
  preferencesBefore: number;
}

function propertyCases(): PropertyCase[] {
  const cases: PropertyCase[] = [];
  seedChanges().forEach((seed, c) => {
    const value = seed.value as JsonRecord;
    const contacts = Array.isArray(value.contacts) ? value.contacts.length : 0;
    for (const list of LISTS) {
      const items = value[list];
      if (!Array.isArray(items)) continue;
      items.forEach((item, i) => {
        const record = item as JsonRecord;
        const id = typeof record.id === "string" ? record.id : undefined;
        const identities = (IDENTITY_FIELDS[list] ?? []).filter((field) => record[field] !== undefined);
        const otherIds = items.filter((_, j) => j !== i).flatMap((other) => (typeof (other as JsonRecord).id === "string" ? [(other as JsonRecord).id as string] : []));
        for (const path of pathsOf(record)) {
          const top = String(path[0]);
          if (top === "id") continue;
          if (identities.length === 1 && identities[0] === top && contacts !== 1) continue;
          const original = valueAt(record, path);
          const variants: Array<[string, (copy: Json) => void]> = [["removed", (copy) => removeAt(copy, path)]];
          for (const other of OTHER_TYPES) {
            if (kindOf(other) !== kindOf(original)) variants.push([`as ${kindOf(other)}`, (copy) => replaceAt(copy, path, other)]);
          }
          for (const [how, mutate] of variants) {
            const changes = seedChanges();
            const mutated = ((changes[c]!.value as JsonRecord)[list] as Json[])[i]!;
            mutate(mutated);
            cases.push({
              label: `${seed.field}.${list}[${i}] (${id ?? "no id"}) .${path.join(".")} ${how}`,
              payload: envelope(...changes),
              list,
              where: `entry[0].changes[${c}].value.${list}[${i}]`,
              id,
              mutatedStatusValue: list === "statuses" && top === "status",
              otherIds,
              preferencesBefore: Array.isArray(value.user_preferences) ? value.user_preferences.length : 0,
            });
          }
        }
      });
    }
  });
  return cases;
}

describe("recordsFromDelivery: nothing is lost (property)", () => {
  it("the seeds are read whole, with no problem", () => {
    const records = ingest(envelope(...seedChanges()));
    expect(records.problems).toEqual([]);
    expect(records.inbound).toHaveLength(21 + 3 + 2);
    expect(records.statuses).toHaveLength(5);
    expect(records.preferences).toHaveLength(2 + 1);
    expect(records.identityChanges).toHaveLength(2);
    expect(records.inbound.filter((record) => record.type === "unreadable")).toEqual([]);
  });

  it("keeps every message and status (or lists it) with any one field removed or of another JSON type", () => {
    const cases = propertyCases();
    const lost: string[] = [];
    for (const item of cases) {
      let records: DeliveryRecords;
      try {
        records = ingest(item.payload);
      } catch (error) {
        lost.push(`${item.label}: threw ${String(error)}`);
        continue;
      }
      const inbound = new Set(records.inbound.map((record) => record.wamid));
      const statuses = new Set(records.statuses.map((record) => record.wamid));
      const listed = records.problems.some((problem) => problem.at === item.where);
      let kept: boolean;
      if (item.list === "messages" || item.list === "message_echoes") kept = inbound.has(item.id!);
      else if (item.list === "statuses") kept = item.mutatedStatusValue ? listed && !statuses.has(item.id!) : statuses.has(item.id!);
      else {
        // The seed's user_preference_changed system message adds one; the mutated item is applied or listed.
        kept = records.preferences.length + (listed ? 1 : 0) === item.preferencesBefore + 1;
      }
      if (!kept) lost.push(`${item.label}: not kept${listed ? " (listed as a problem)" : ""}`);
      const pool = item.list === "statuses" ? statuses : inbound;
      const missing = item.otherIds.filter((other) => !pool.has(other));
      if (missing.length > 0) lost.push(`${item.label}: lost the other items ${missing.join(", ")}`);
    }
    expect(lost).toEqual([]);
    expect(cases.length).toBeGreaterThan(1000);
  });
});
