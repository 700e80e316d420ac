/** The real client against the local simulator over loopback: every message type and the send errors. */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { DEMO_MATON_API_KEY } from "@/lib/whatsapp/demo";
import { explainKnownGraphError } from "@/lib/whatsapp/errors";
import {
  buildContactsMessage,
  buildCtaUrlMessage,
  buildListMessage,
  buildLocationMessage,
  buildLocationRequestMessage,
  buildMediaMessage,
  buildReactionMessage,
  buildReplyButtonsMessage,
  buildTemplateMessage,
  buildTextMessage,
  validateOutboundMessage,
} from "@/lib/whatsapp/message-builders";
import { type RunningSimulator, startSimulator } from "@/simulator/server";

import { type GatewayClient, createGatewayClient } from "./client";
import { GraphError } from "./errors";
import type { CallOptions } from "./request";
import { type SimState, simControl } from "./test-helpers";

let sim: RunningSimulator;
let control: ReturnType<typeof simControl>;
let client: GatewayClient;
let state: SimState;
let phoneNumberId: string;
let connectionId: string;
let customer: string;
let inboundWamid: string;

/** Sends a message as the inbox hands it to the gateway: built and checked by lib/whatsapp. */
async function send(message: unknown, options?: CallOptions) {
  const validation = validateOutboundMessage(message);
  if (!validation.ok) throw new Error(`not a valid message: ${JSON.stringify(validation.problems)}`);
  return client.messages.sendMessage(phoneNumberId, validation.message, options);
}

const caught = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

beforeAll(async () => {
  sim = await startSimulator({ port: 0, webhookUrl: null, templateReviewMs: 600_000 });
  control = simControl(sim.url);
  client = createGatewayClient({ apiKey: DEMO_MATON_API_KEY, gatewayUrl: sim.url, ctrlUrl: sim.url, retry: { baseDelayMs: 20, maxDelayMs: 100 } });
});

afterAll(async () => {
  await sim?.close();
});

beforeEach(async () => {
  await control.reset();
  state = await control.state();
  const connection = state.connections.find((c) => c.status === "ACTIVE")!;
  connectionId = connection.connection_id;
  phoneNumberId = connection.wabas[0]!.phone_numbers[0]!.id;
  customer = state.customers[0]!.wa_id!;
  // The customer writes first: the 24-hour window is open.
  inboundWamid = (await control.inbound({ phone_number_id: phoneNumberId, from: customer, name: "Customer", type: "text", text: { body: "hi" } })).wamid;
});

async function upload(mimeType: string, bytes: Uint8Array, filename: string) {
  return (await client.media.uploadMedia(phoneNumberId, { file: bytes, mimeType, filename }, { connectionId })).id;
}

describe("sending every message type", () => {
  it("sends text with a link preview as a reply, on the chosen connection", async () => {
    const sent = await send(buildTextMessage({ to: customer, body: "Hello https://example.com", previewUrl: true, replyTo: inboundWamid }), { connectionId });
    expect(sent.messageId).toMatch(/^wamid\./);
    expect(sent.waId).toBe(customer);
  });

  it("sends a template with header, body and button parameters", async () => {
    const sent = await send(buildTemplateMessage({
      to: customer,
      name: "order_confirmation",
      languageCode: "en_US",
      components: [
        { type: "header", parameters: [{ type: "text", text: "#4512" }] },
        { type: "body", parameters: [{ type: "text", text: "Maya" }, { type: "text", text: "2 bags" }, { type: "date_time", date_time: { fallback_value: "Friday" } }] },
        { type: "button", sub_type: "url", index: 0, parameters: [{ type: "text", text: "4512" }] },
      ],
    }));
    expect(sent.messageId).toMatch(/^wamid\./);
    expect(sent.messageStatus).toBe("accepted");
  });

  it("sends media by link and by uploaded id, with caption and filename", async () => {
    const imageId = await upload("image/png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), "photo.png");
    const documentId = await upload("application/pdf", new TextEncoder().encode("%PDF-1.4 test"), "invoice.pdf");
    const videoId = await upload("video/mp4", new Uint8Array(64), "clip.mp4");
    const audioId = await upload("audio/mpeg", new Uint8Array(64), "note.mp3");
    const stickerId = await upload("image/webp", new TextEncoder().encode("RIFF0000WEBPVP8 "), "sticker.webp");
    const results = [
      await send(buildMediaMessage({ kind: "image", to: customer, media: { link: "https://example.com/photo.jpg" }, caption: "Our shop" })),
      await send(buildMediaMessage({ kind: "image", to: customer, media: { id: imageId }, caption: "By id" })),
      await send(buildMediaMessage({ kind: "document", to: customer, media: { id: documentId }, caption: "Your invoice", filename: "invoice.pdf" })),
      await send(buildMediaMessage({ kind: "video", to: customer, media: { id: videoId }, caption: "How to" })),
      await send(buildMediaMessage({ kind: "audio", to: customer, media: { id: audioId } })),
      await send(buildMediaMessage({ kind: "sticker", to: customer, media: { id: stickerId } })),
    ];
    for (const result of results) expect(result.messageId).toMatch(/^wamid\./);
  });

  it("sends location, contacts, reply buttons, a list and a reaction", async () => {
    const results = [
      await send(buildLocationMessage({ to: customer, latitude: 51.5, longitude: -0.12, name: "Shop", address: "1 Main St" })),
      await send(buildContactsMessage({ to: customer, contacts: [{ name: { formatted_name: "Support Desk", first_name: "Support" }, phones: [{ phone: "+15550100", type: "WORK" }] }] })),
      await send(buildReplyButtonsMessage({
        to: customer,
        body: "Did this solve it?",
        header: { type: "text", text: "Support" },
        footer: "Lumen",
        buttons: [{ id: "yes", title: "Yes" }, { id: "no", title: "No" }],
      })),
      await send(buildListMessage({
        to: customer,
        body: "Pick a roast",
        buttonText: "Roasts",
        header: "Menu",
        sections: [
          { title: "Light", rows: [{ id: "eth", title: "Ethiopia", description: "Floral" }] },
          { title: "Dark", rows: [{ id: "sum", title: "Sumatra" }] },
        ],
      })),
      await send(buildReactionMessage({ to: customer, messageId: inboundWamid, emoji: "👍" })),
    ];
    for (const result of results) expect(result.messageId).toMatch(/^wamid\./);
  });

  it("sends a link button and a location request", async () => {
    const results = [
      await send(buildCtaUrlMessage({
        to: customer,
        body: "Your order is on its way.",
        displayText: "Track order",
        url: "https://shop.example.com/orders/4512",
        header: { type: "text", text: "Order #4512" },
        footer: "Lumen",
      })),
      await send(buildLocationRequestMessage({ to: customer, body: "Where should we deliver?", replyTo: inboundWamid })),
    ];
    for (const result of results) expect(result.messageId).toMatch(/^wamid\./);
  });

  it("marks an inbound message as read", async () => {
    await expect(client.messages.markAsRead(phoneNumberId, inboundWamid)).resolves.toBe(true);
  });

  it("shows typing… to the customer with a read receipt of their message", async () => {
    await expect(client.messages.sendTypingIndicator(phoneNumberId, inboundWamid, { connectionId })).resolves.toBe(true);
  });
});

describe("send errors", () => {
  it("131047 as WhatsApp usually reports it: the send is taken, then a failed status carries the code", async () => {
    await control.advanceClock(25 * 3600);
    const sent = await send(buildTextMessage({ to: customer, body: "late" }), { idempotencyKey: "k-0" });
    await vi.waitFor(async () => {
      const statuses = (await control.statuses()).filter((status) => status.id === sent.messageId);
      expect(statuses).toEqual([expect.objectContaining({ status: "failed", errors: [expect.objectContaining({ code: 131047 })] })]);
    });
    expect(explainKnownGraphError(131047)).toBeDefined();
  });

  it("131047 refused at once, the other form WhatsApp uses, with the plain explanation", async () => {
    await control.faults({ window_error: "sync" });
    await control.advanceClock(25 * 3600);
    const error = (await caught(send(buildTextMessage({ to: customer, body: "late" }), { idempotencyKey: "k-1" }))) as GraphError;
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ status: 400, code: 131047, outcomeUnknown: false, idempotencyKey: "k-1", title: "24-hour window closed" });
    expect(error.fbtraceId).toBeTruthy();
    expect(error.action).toMatch(/template/);
  });

  // Codes WhatsApp answers at once, each with our explanation (recognised by code, whatever the HTTP status).
  it.each([0, 190, 100, 368, 80007, 130429, 131030, 131031, 131042, 131048, 131000, 131008, 131009, 131056, 131057, 132000, 132001, 132005, 132007, 132012, 132015, 132016, 133010])(
    "%i refused at once is explained, with whether retrying later is safe",
    async (code) => {
      // Armed for more than one attempt: the client may retry a passing failure by itself.
      await control.faults({ error_code: code, count: 10 });
      const error = (await caught(send(buildTextMessage({ to: customer, body: "hello" }), { idempotencyKey: `k-${code}` }))) as GraphError;
      expect(error).toBeInstanceOf(GraphError);
      const explained = explainKnownGraphError(code);
      expect(explained).toBeDefined();
      expect(error).toMatchObject({ code, explained, retryLater: explained?.retryLater });
    },
  );

  // Codes WhatsApp reports after taking the send, as a failed status.
  it.each([131026, 131049, 131050, 130472])("%i arrives as a failed status after the send was taken, and is explained", async (code) => {
    await control.faults({ error_code: code, count: 1 });
    const sent = await send(buildTextMessage({ to: customer, body: "a promotion" }), { idempotencyKey: `a-${code}` });
    await vi.waitFor(async () => {
      const statuses = (await control.statuses()).filter((status) => status.id === sent.messageId);
      expect(statuses).toEqual([expect.objectContaining({ status: "failed", errors: [expect.objectContaining({ code })] })]);
    });
    expect(explainKnownGraphError(code)).toBeDefined();
  });

  it("132001 for a template that does not exist in that language", async () => {
    const error = (await caught(send(buildTemplateMessage({ to: customer, name: "order_confirmation", languageCode: "fr_FR" })))) as GraphError;
    expect(error).toMatchObject({ status: 404, code: 132001, title: "Template not found" });
    expect(error.details).toMatch(/does not exist/);
  });

  it("132000 when parameters are missing", async () => {
    const error = (await caught(send(buildTemplateMessage({ to: customer, name: "payment_reminder", languageCode: "en_US", components: [{ type: "body", parameters: [{ type: "text", text: "Jonas" }] }] })))) as GraphError;
    expect(error).toMatchObject({ code: 132000, title: "Template variables missing" });
  });

  it("132012 when a parameter has the wrong format", async () => {
    const error = (await caught(
      send(buildTemplateMessage({
        to: customer,
        name: "spring_sale",
        languageCode: "en_US",
        components: [
          { type: "header", parameters: [{ type: "text", text: "not an image" }] },
          { type: "body", parameters: [{ type: "text", text: "Priya" }, { type: "text", text: "15%" }, { type: "text", text: "April 30" }] },
        ],
      })),
    )) as GraphError;
    expect(error).toMatchObject({ code: 132012 });
  });

  it("132005 when the filled-in text is too long", async () => {
    const error = (await caught(
      send(buildTemplateMessage({
        to: customer,
        name: "payment_reminder",
        languageCode: "en_US",
        components: [{ type: "body", parameters: [{ type: "text", text: "x".repeat(1000) }, { type: "text", text: "$1" }, { type: "text", text: "June 1" }] }],
      })),
    )) as GraphError;
    expect(error).toMatchObject({ code: 132005, title: "Template text too long" });
  });

  it("132015 and 132016 for paused and disabled templates", async () => {
    const body = (n: number) => [{ type: "body" as const, parameters: Array.from({ length: n }, () => ({ type: "text" as const, text: "v" })) }];
    const paused = (await caught(send(buildTemplateMessage({ to: customer, name: "loyalty_points", languageCode: "en_US", components: body(3) })))) as GraphError;
    expect(paused).toMatchObject({ code: 132015, title: "Template paused" });
    const disabled = (await caught(send(buildTemplateMessage({ to: customer, name: "feedback_survey", languageCode: "en_US", components: body(1) })))) as GraphError;
    expect(disabled).toMatchObject({ code: 132016, title: "Template disabled" });
  });

  it("100 naming the field when Graph refuses a parameter the client let through", async () => {
    const error = (await caught(
      client.request({
        plane: "graph",
        method: "POST",
        path: `${phoneNumberId}/messages`,
        json: { messaging_product: "whatsapp", to: customer, type: "text", text: {} },
      }),
    )) as GraphError;
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ code: 100, title: "Invalid parameter" });
  });

});
