import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";

import { translateMessage, type Translate } from "@/lib/i18n/translatable";
import en from "@/messages/en.json";
import es from "@/messages/es.json";

import {
  buildContactsMessage,
  buildCtaUrlMessage,
  composedMessageSchema,
  composeMessage,
  composeTemplateMessage,
  storedContent,
  storedMessageAgain,
  type ComposedMessage,
  buildListMessage,
  buildLocationMessage,
  buildLocationRequestMessage,
  buildMarkAsRead,
  buildMediaMessage,
  buildReactionMessage,
  buildReplyButtonsMessage,
  buildTemplateMessage,
  buildTextMessage,
  validateOutboundMessage,
} from "./message-builders";
import type { TemplateDefinition } from "./template-fill";
import { MESSAGE_LIMITS, normalizeRecipient, textObjectSchema } from "./messages";

const to = "15550001111";
const english = createTranslator({ locale: "en", messages: en }) as unknown as Translate;
/** Each problem as the inbox words it in English: the field, then what is wrong with it. */
const fields = (message: unknown, t: Translate = english) => {
  const result = validateOutboundMessage(message);
  return result.ok ? [] : result.problems.map((problem) => `${problem.field}: ${translateMessage(t, problem.message)}`);
};
const valid = (message: unknown) => expect(fields(message)).toEqual([]);

describe("text", () => {
  it("accepts 1 to 4096 characters, with preview_url and a reply context", () => {
    valid(buildTextMessage({ to, body: "x".repeat(MESSAGE_LIMITS.textBody), previewUrl: true, replyTo: "wamid.1" }));
    const message = validateOutboundMessage(buildTextMessage({ to, body: "hi", replyTo: "wamid.1" }));
    expect(message.ok && message.message.context).toEqual({ message_id: "wamid.1" });
  });

  it("refuses empty or too long text", () => {
    expect(fields(buildTextMessage({ to, body: "" }))).toEqual(["text.body: message text is required"]);
    expect(fields(buildTextMessage({ to, body: "x".repeat(4097) }))[0]).toMatch(/^text.body: .*4096/);
  });

  it("normalises the customer's number and refuses a bad one", () => {
    expect(normalizeRecipient("+1 (555) 000-1111")).toBe(to);
    expect(fields({ ...buildTextMessage({ to, body: "hi" }), to: "+15550001111" })[0]).toMatch(/^to:/);
  });
});

describe("media", () => {
  it("accepts an id or a link, with caption and filename where allowed", () => {
    valid(buildMediaMessage({ to, kind: "image", media: { id: "123" }, caption: "c".repeat(1024) }));
    valid(buildMediaMessage({ to, kind: "document", media: { link: "https://example.com/a.pdf" }, caption: "Invoice", filename: "a.pdf" }));
    valid(buildMediaMessage({ to, kind: "sticker", media: { id: "9" } }));
    const audio = buildMediaMessage({ to, kind: "audio", media: { id: "9" }, caption: "dropped" });
    expect(audio).toEqual(expect.objectContaining({ audio: { id: "9" } }));
  });

  it("refuses a long caption, a non-https link, or neither/both of id and link", () => {
    expect(fields(buildMediaMessage({ to, kind: "video", media: { id: "1" }, caption: "c".repeat(1025) }))[0]).toMatch(/caption/);
    expect(fields(buildMediaMessage({ to, kind: "image", media: { link: "http://example.com/a.png" } }))[0]).toMatch(/https/);
    expect(fields({ messaging_product: "whatsapp", to, type: "image", image: {} }).join()).toMatch(/either a media id or a link/);
    expect(fields({ messaging_product: "whatsapp", to, type: "image", image: { id: "1", link: "https://a.b/c" } }).join()).toMatch(/not both/);
  });
});

describe("interactive reply buttons", () => {
  const buttons = [
    { id: "yes", title: "Yes" },
    { id: "no", title: "No" },
  ];

  it("accepts 1 to 3 buttons with a header and footer", () => {
    valid(buildReplyButtonsMessage({ to, body: "Confirm?", buttons, header: { type: "text", text: "Order" }, footer: "Shop" }));
    valid(buildReplyButtonsMessage({ to, body: "Confirm?", buttons: [{ id: "a", title: "t".repeat(20) }] }));
  });

  it("refuses 0 or 4 buttons, long titles, duplicates and long body/footer", () => {
    expect(fields(buildReplyButtonsMessage({ to, body: "b", buttons: [] })).join()).toMatch(/at least one button/);
    const four = [1, 2, 3, 4].map((n) => ({ id: `b${n}`, title: `B${n}` }));
    expect(fields(buildReplyButtonsMessage({ to, body: "b", buttons: four })).join()).toMatch(/at most 3 buttons/);
    expect(fields(buildReplyButtonsMessage({ to, body: "b", buttons: [{ id: "a", title: "t".repeat(21) }] })).join()).toMatch(/button title must be at most 20/);
    expect(fields(buildReplyButtonsMessage({ to, body: "b", buttons: [{ id: "a", title: "A" }, { id: "a", title: "B" }] })).join()).toMatch(/ids must be unique/);
    expect(fields(buildReplyButtonsMessage({ to, body: "b".repeat(1025), buttons })).join()).toMatch(/1024/);
    expect(fields(buildReplyButtonsMessage({ to, body: "b", buttons, footer: "f".repeat(61) })).join()).toMatch(/footer must be at most 60/);
    expect(fields(buildReplyButtonsMessage({ to, body: "b", buttons: [{ id: "x".repeat(257), title: "A" }] })).join()).toMatch(/256/);
  });
});

describe("interactive list", () => {
  const rows = (n: number, prefix = "r") => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, title: `Row ${i}` }));

  it("accepts up to 10 rows in all and titled sections", () => {
    valid(buildListMessage({ to, body: "Pick", buttonText: "Options", sections: [{ rows: rows(10) }] }));
    valid(buildListMessage({ to, body: "Pick", buttonText: "Options", sections: [{ title: "A", rows: rows(5, "a") }, { title: "B", rows: rows(5, "b") }] }));
  });

  it("refuses more than 10 rows, more than 10 sections, long texts and untitled sections", () => {
    expect(fields(buildListMessage({ to, body: "b", buttonText: "o", sections: [{ title: "A", rows: rows(6, "a") }, { title: "B", rows: rows(5, "b") }] })).join()).toMatch(/at most 10 rows/);
    const sections = Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, rows: rows(1, `s${i}-`) }));
    expect(fields(buildListMessage({ to, body: "b", buttonText: "o", sections })).join()).toMatch(/at most 10 sections/);
    expect(fields(buildListMessage({ to, body: "b", buttonText: "o", sections: [{ rows: [{ id: "1", title: "t".repeat(25) }] }] })).join()).toMatch(/row title must be at most 24/);
    expect(fields(buildListMessage({ to, body: "b", buttonText: "o", sections: [{ rows: [{ id: "1", title: "t", description: "d".repeat(73) }] }] })).join()).toMatch(/72/);
    expect(fields(buildListMessage({ to, body: "b", buttonText: "o".repeat(21), sections: [{ rows: rows(1) }] })).join()).toMatch(/20/);
    expect(fields(buildListMessage({ to, body: "b", buttonText: "o", sections: [{ rows: rows(1, "a") }, { title: "B", rows: rows(1, "b") }] })).join()).toMatch(/needs a title/);
    expect(fields(buildListMessage({ to, body: "b", buttonText: "o", sections: [{ title: "t".repeat(25), rows: rows(1) }] })).join()).toMatch(/section title/);
    expect(fields(buildListMessage({ to, body: "b", buttonText: "o", sections: [{ rows: [{ id: "1", title: "a" }, { id: "1", title: "b" }] }] })).join()).toMatch(/row ids must be unique/);
  });
});

describe("interactive link button (cta_url)", () => {
  const link = { to, body: "Your order is on its way.", displayText: "Track order", url: "https://shop.example.com/orders/4512" };

  it("builds Graph's cta_url object, with an optional text header and footer", () => {
    expect(buildCtaUrlMessage({ ...link, header: { type: "text", text: "Order #4512" }, footer: "Lumen Coffee" })).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to,
      type: "interactive",
      interactive: {
        type: "cta_url",
        header: { type: "text", text: "Order #4512" },
        body: { text: "Your order is on its way." },
        footer: { text: "Lumen Coffee" },
        action: { name: "cta_url", parameters: { display_text: "Track order", url: "https://shop.example.com/orders/4512" } },
      },
    });
    valid(buildCtaUrlMessage(link));
    valid(buildCtaUrlMessage({ ...link, replyTo: "wamid.1" }));
  });

  it("accepts each limit exactly: label 20, body 1024, header 60, footer 60 (emoji count once)", () => {
    valid(buildCtaUrlMessage({ ...link, displayText: "l".repeat(20), body: "b".repeat(1024), header: { type: "text", text: "h".repeat(60) }, footer: "f".repeat(60) }));
    valid(buildCtaUrlMessage({ ...link, displayText: "👍".repeat(20), body: "👍".repeat(1024), footer: "👍".repeat(60) }));
  });

  it("refuses a label over 20, a body over 1024, a header or footer over 60, and empty texts", () => {
    expect(fields(buildCtaUrlMessage({ ...link, displayText: "l".repeat(21) }))).toEqual([
      "interactive.action.parameters.display_text: button label must be at most 20 characters",
    ]);
    expect(fields(buildCtaUrlMessage({ ...link, displayText: "" }))).toEqual(["interactive.action.parameters.display_text: button label is required"]);
    expect(fields(buildCtaUrlMessage({ ...link, body: "b".repeat(1025) }))).toEqual(["interactive.body.text: message text must be at most 1024 characters"]);
    expect(fields(buildCtaUrlMessage({ ...link, body: "" }))).toEqual(["interactive.body.text: message text is required"]);
    expect(fields(buildCtaUrlMessage({ ...link, header: { type: "text", text: "h".repeat(61) } }))).toEqual(["interactive.header.text: header must be at most 60 characters"]);
    expect(fields(buildCtaUrlMessage({ ...link, footer: "f".repeat(61) }))).toEqual(["interactive.footer.text: footer must be at most 60 characters"]);
  });

  it("asks for a public https:// link: http, other schemes, no host or no link are refused", () => {
    for (const url of ["http://shop.example.com/orders", "javascript:alert(1)", "ftp://shop.example.com", "https://localhost/x", "shop.example.com", ""]) {
      expect(fields(buildCtaUrlMessage({ ...link, url }))).toEqual(["interactive.action.parameters.url: link must be a public https:// address"]);
    }
  });
});

describe("interactive location request", () => {
  it("builds a location_request_message with the send_location action", () => {
    expect(buildLocationRequestMessage({ to, body: "Where should we deliver?", replyTo: "wamid.1" })).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to,
      context: { message_id: "wamid.1" },
      type: "interactive",
      interactive: { type: "location_request_message", body: { text: "Where should we deliver?" }, action: { name: "send_location" } },
    });
    valid(buildLocationRequestMessage({ to, body: "b".repeat(1024) }));
  });

  it("refuses an empty body, one over 1024 characters, and another action", () => {
    expect(fields(buildLocationRequestMessage({ to, body: "" }))).toEqual(["interactive.body.text: message text is required"]);
    expect(fields(buildLocationRequestMessage({ to, body: "b".repeat(1025) }))).toEqual(["interactive.body.text: message text must be at most 1024 characters"]);
    const wrongAction = { ...buildLocationRequestMessage({ to, body: "Where?" }), interactive: { type: "location_request_message", body: { text: "Where?" }, action: { name: "cta_url" } } };
    expect(fields(wrongAction)[0]).toMatch(/^interactive\.action\.name:/);
  });
});

describe("read receipt with the typing indicator", () => {
  it("adds typing_indicator only when asked", () => {
    expect(buildMarkAsRead("wamid.9", { typingIndicator: true })).toEqual({
      messaging_product: "whatsapp",
      status: "read",
      message_id: "wamid.9",
      typing_indicator: { type: "text" },
    });
    expect(buildMarkAsRead("wamid.9", { typingIndicator: false })).toEqual({ messaging_product: "whatsapp", status: "read", message_id: "wamid.9" });
  });
});

describe("other types", () => {
  it("builds location, contacts, reactions, templates and read receipts", () => {
    valid(buildLocationMessage({ to, latitude: 52.52, longitude: 13.405, name: "Shop", address: "Main St 1" }));
    expect(fields(buildLocationMessage({ to, latitude: 91, longitude: 0 })).join()).toMatch(/latitude/);
    valid(buildContactsMessage({ to, contacts: [{ name: { formatted_name: "Ana Silva" }, phones: [{ phone: "+1 555", type: "WORK" }] }] }));
    expect(fields(buildContactsMessage({ to, contacts: [] })).join()).toMatch(/at least one contact/);
    valid(buildReactionMessage({ to, messageId: "wamid.1", emoji: "👍" }));
    valid(buildReactionMessage({ to, messageId: "wamid.1", emoji: "" }));
    valid(
      buildTemplateMessage({
        to,
        name: "order_update",
        languageCode: "en_US",
        components: [
          { type: "header", parameters: [{ type: "image", image: { link: "https://example.com/a.png" } }] },
          { type: "body", parameters: [{ type: "text", text: "Ana" }, { type: "currency", currency: { fallback_value: "$10", code: "USD", amount_1000: 10000 } }] },
          { type: "button", sub_type: "quick_reply", index: 0, parameters: [{ type: "payload", payload: "STOP" }] },
        ],
      }),
    );
    const template = validateOutboundMessage(buildTemplateMessage({ to, name: "t", languageCode: "en", components: [{ type: "button", sub_type: "url", index: 1, parameters: [{ type: "text", text: "abc" }] }] }));
    expect(template.ok && template.message.type === "template" && template.message.template.components?.[0]).toMatchObject({ index: "1" });
    expect(fields(buildTemplateMessage({ to, name: "t", languageCode: "en", components: [{ type: "body", parameters: [{ type: "text", text: "" }] }] })).join()).toMatch(/fill in every variable/);
    expect(buildMarkAsRead("wamid.9")).toEqual({ messaging_product: "whatsapp", status: "read", message_id: "wamid.9" });
  });
});

describe("lengths counted as WhatsApp counts them", () => {
  it("counts an emoji as one character, not two UTF-16 units", () => {
    expect(textObjectSchema.safeParse({ body: "👍".repeat(4096) }).success).toBe(true);
    const tooLong = textObjectSchema.safeParse({ body: "👍".repeat(4097) });
    expect(tooLong.success).toBe(false);
    expect(translateMessage(english, tooLong.error!.issues[0]!.message)).toBe("message text must be at most 4096 characters");
  });
});

describe("problems in the reader's language", () => {
  it("are catalog messages with their limit, put into words where they are shown", () => {
    const result = validateOutboundMessage(buildReplyButtonsMessage({ to, body: "b", buttons: [{ id: "a", title: "t".repeat(21) }] }));
    expect(result.ok ? [] : result.problems).toEqual([
      { field: "interactive.action.buttons.0.reply.title", message: { key: "conversation.payload.tooLong", values: { field: "buttonTitle", maximum: 20 } } },
    ]);
    const spanish = createTranslator({ locale: "es", messages: es }) as unknown as Translate;
    expect(fields(buildTextMessage({ to, body: "" }), spanish)).toEqual(["text.body: el texto del mensaje es obligatorio"]);
  });

  it("names the composer's fields in the reader's language", () => {
    const problems = composedMessageSchema.safeParse({ kind: "link_button", body: "", buttonLabel: "l".repeat(21), url: "http://shop.example.com" });
    const spanish = createTranslator({ locale: "es", messages: es }) as unknown as Translate;
    expect(problems.error?.issues.map((issue) => translateMessage(spanish, issue.message))).toEqual([
      "El texto del mensaje es obligatorio",
      "La etiqueta del botón debe tener como máximo 20 caracteres",
      "El enlace debe empezar por https://",
    ]);
  });
});

describe("one builder for the send, a retry and the copy shown on its way", () => {
  const composed: ComposedMessage[] = [
    { kind: "text", body: "See https://shop.example.com" },
    { kind: "media", mediaKind: "document", mediaId: "m-1", caption: "Your invoice", filename: "invoice.pdf" },
    { kind: "media", mediaKind: "audio", mediaId: "m-2", caption: " ", filename: "voice.ogg" },
    { kind: "location", latitude: 52.52, longitude: 13.405, name: "Shop", address: "" },
    { kind: "contacts", contacts: [{ name: { formatted_name: "Support Desk" }, phones: [{ phone: "+1 555 0100", type: "WORK" }] }] },
    { kind: "buttons", body: "Did this help?", header: " ", footer: "Lumen", buttons: [{ id: "yes", title: " Yes " }, { id: "no", title: "No" }] },
    { kind: "list", body: "Pick a roast", buttonText: "Roasts", sectionTitle: "", rows: [{ id: "eth", title: "Ethiopia", description: " " }] },
    { kind: "link_button", body: "Your order is on its way.", header: "Order #4512", footer: "", buttonLabel: " Track order ", url: " https://shop.example.com/orders/4512 " },
    { kind: "location_request", body: "Where should we deliver?" },
  ];

  it("builds each composed message as WhatsApp takes it, addressed to the customer and quoting the reply", () => {
    for (const message of composed) {
      const built = validateOutboundMessage(composeMessage(message, { to: "+1 555 000 1111", replyTo: "wamid.Q" }));
      expect(built.ok ? [] : built.problems).toEqual([]);
      expect(built.ok && built.message).toMatchObject({ messaging_product: "whatsapp", to, context: { message_id: "wamid.Q" } });
    }
  });

  it("builds the same message from the words as typed and as the form checked them", () => {
    for (const message of composed) {
      expect(composeMessage(composedMessageSchema.parse(message), { to })).toEqual(composeMessage(message, { to }));
    }
  });

  it("keeps for the inbox, without the recipient, exactly what the server stores of what it sent", () => {
    for (const message of composed) {
      const sent = validateOutboundMessage(composeMessage(message, { to, replyTo: "wamid.Q" }));
      expect(sent.ok).toBe(true);
      expect(storedContent(composeMessage(message, { replyTo: "wamid.Q" }))).toEqual(sent.ok && storedContent(sent.message));
    }
  });

  it("trims a link button's label and link, and leaves blank optional parts out", () => {
    const linkButton = composed.find((message) => message.kind === "link_button")!;
    expect(composeMessage(linkButton, { to })).toMatchObject({
      interactive: {
        type: "cta_url",
        header: { type: "text", text: "Order #4512" },
        body: { text: "Your order is on its way." },
        action: { name: "cta_url", parameters: { display_text: "Track order", url: "https://shop.example.com/orders/4512" } },
      },
    });
    expect(composeMessage(linkButton, { to })).not.toHaveProperty("interactive.footer");
    expect(composeMessage(composed.find((message) => message.kind === "buttons")!)).not.toHaveProperty("interactive.header");
    expect(composeMessage(composed[2]!)).toEqual({ type: "audio", audio: { id: "m-2" } });
    expect(composeMessage(composed[0]!)).toMatchObject({ text: { preview_url: true } });
  });

  it("rebuilds a stored message as the same message for a retry", () => {
    for (const message of composed) {
      const sent = composeMessage(message, { to, replyTo: "wamid.Q" });
      const stored = { type: sent.type, content: storedContent(sent), replyToWamid: "wamid.Q" };
      expect(storedMessageAgain(stored, { to })).toEqual(sent);
    }
  });

  it("fills an approved template with its values, and keeps its text as the customer reads it", () => {
    const template: TemplateDefinition = {
      name: "order_ready",
      language: "en_US",
      components: [{ type: "BODY", text: "Hi {{1}}, order {{2}} is ready." }],
    };
    const { message, rendered } = composeTemplateMessage(template, { header: [], body: ["Ana", "#42"], buttons: {} }, { to });
    valid(message);
    expect(message).toMatchObject({
      type: "template",
      template: { name: "order_ready", language: { code: "en_US" }, components: [{ type: "body", parameters: [{ type: "text", text: "Ana" }, { type: "text", text: "#42" }] }] },
    });
    expect(rendered.body).toBe("Hi Ana, order #42 is ready.");
  });
});
