import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";

import { translateMessage, type Translate } from "@/lib/i18n/translatable";
import en from "@/messages/en.json";

import { composedMessageSchema, sendMessageInputSchema } from "./inbox.schema";

const english = createTranslator({ locale: "en", messages: en }) as unknown as Translate;

/** Each field's first problem, as the composer's dialogs show them (in English). */
const problems = (message: unknown): Record<string, string> => {
  const result = composedMessageSchema.safeParse(message);
  const found: Record<string, string> = {};
  if (!result.success) for (const issue of result.error.issues) found[issue.path.join(".")] ??= translateMessage(english, issue.message);
  return found;
};

describe("link button (composer)", () => {
  const link = { kind: "link_button", body: "Your order is on its way.", buttonLabel: "Track order", url: "https://shop.example.com/orders/4512" } as const;

  it("accepts the limits exactly, and leaves blank header and footer out", () => {
    expect(problems({ ...link, buttonLabel: "l".repeat(20), body: "b".repeat(1024), header: "h".repeat(60), footer: "f".repeat(60) })).toEqual({});
    expect(problems({ ...link, buttonLabel: "🚚".repeat(20) })).toEqual({});
    expect(composedMessageSchema.parse({ ...link, header: "  ", footer: "" })).toEqual({ ...link, header: undefined, footer: undefined });
  });

  it("names each field over its limit, with WhatsApp's limit", () => {
    expect(problems({ ...link, buttonLabel: "l".repeat(21), body: "b".repeat(1025), header: "h".repeat(61), footer: "f".repeat(61) })).toEqual({
      buttonLabel: "Button label must be at most 20 characters",
      body: "Message text must be at most 1024 characters",
      header: "Header must be at most 60 characters",
      footer: "Footer must be at most 60 characters",
    });
  });

  it("requires the text, the label and the link", () => {
    expect(problems({ ...link, body: " ", buttonLabel: "", url: "  " })).toEqual({
      body: "Message text is required",
      buttonLabel: "Button label is required",
      url: "Link is required",
    });
  });

  it("asks for an https:// link on a public host, and trims it", () => {
    expect(problems({ ...link, url: "http://shop.example.com" })).toEqual({ url: "Link must start with https://" });
    expect(problems({ ...link, url: "shop.example.com" })).toEqual({ url: "Link must start with https://" });
    expect(problems({ ...link, url: "javascript:alert(1)" })).toEqual({ url: "Link must start with https://" });
    expect(problems({ ...link, url: "https://" })).toEqual({ url: "Link is not a valid web address" });
    expect(problems({ ...link, url: "https://localhost:3000/x" })).toEqual({ url: "Link is not a valid web address" });
    expect(problems({ ...link, url: "https://shop example.com" })).toEqual({ url: "Link is not a valid web address" });
    expect(composedMessageSchema.parse({ ...link, url: "  https://shop.example.com/a?b=1  " })).toMatchObject({ url: "https://shop.example.com/a?b=1" });
  });
});

describe("location request (composer)", () => {
  it("takes a message text of 1 to 1024 characters", () => {
    expect(problems({ kind: "location_request", body: "Where should we deliver?" })).toEqual({});
    expect(problems({ kind: "location_request", body: "b".repeat(1024) })).toEqual({});
    expect(problems({ kind: "location_request", body: "b".repeat(1025) })).toEqual({ body: "Message text must be at most 1024 characters" });
    expect(problems({ kind: "location_request", body: "" })).toEqual({ body: "Message text is required" });
  });
});

describe("the send's other inputs", () => {
  it("names the id and the client key a browser sent wrong, in the reader's words", () => {
    const result = sendMessageInputSchema.safeParse({ conversationId: "c-1", clientKey: "short", message: { kind: "text", body: "Hi" } });
    expect(result.error?.issues.map((issue) => translateMessage(english, issue.message))).toEqual([
      "conversationId is not valid",
      "clientKey must be 8–100 letters, digits, - or _",
    ]);
  });
});
