/**
 * A conversation's messages and the API's sends (into a conversation, and to a customer by number),
 * through their route handlers, on both databases, with the gateway faked.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { insertLibraryMedia } from "@/db/queries/media";
import { contacts, conversations, messages } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { GraphError } from "@/lib/gateway";

import { GET as listMessages, POST as sendMessage } from "../conversations/[conversation_id]/messages/route";
import { POST as startMessage } from "../messages/route";
import { apiRequest, conversationWith, HOUR, messageIn, NUMBER, OTHER_NUMBER, routeParams, seedBusinesses, tokenOf, userOf } from "./resources-test-setup";

const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
// The API signs no one in: only its tokens count (next-auth itself does not load under Vitest).
vi.mock("@/auth", () => ({ auth: async () => null }));
const fakeGateway = vi.hoisted(() => ({ sendMessage: vi.fn(), listAllTemplates: vi.fn() }));
vi.mock("@/lib/gateway/server", () => ({
  gateway: () => ({ messages: { sendMessage: fakeGateway.sendMessage }, templates: { listAllTemplates: fakeGateway.listAllTemplates } }),
}));

const approved = (id: string, name: string, components: unknown[], extra: Record<string, unknown> = {}) => ({
  id,
  name,
  language: "en_US",
  status: "APPROVED",
  category: "UTILITY",
  components,
  ...extra,
});
const TEMPLATES = [
  approved(
    "t-ready",
    "order_ready",
    [
      { type: "HEADER", format: "TEXT", text: "Order {{order_id}}" },
      { type: "BODY", text: "Hi {{first_name}}, your order {{order_id}} is ready." },
    ],
    { parameter_format: "NAMED" },
  ),
  approved("t-welcome", "welcome_back", [{ type: "BODY", text: "Hello {{1}}, we are here to help." }]),
  approved("t-receipt", "receipt", [{ type: "HEADER", format: "IMAGE" }, { type: "BODY", text: "Here is your receipt." }]),
];
const DAY = 24 * HOUR;

let sends = 0;
const graphRefusal = (code: number, status = 400) =>
  new GraphError(status, { message: "(#131026) Message undeliverable", code, type: "OAuthException" }, {}, { method: "POST", path: `${NUMBER}/messages` });

type ApiMessageBody = Record<string, unknown> & { id: string; status: string | null };

describe.each(testDatabases)("the API's messages on $name", (testDatabase) => {
  let token: string;

  const send = (conversationId: string, json: unknown, headers: Record<string, string> = {}, bearer: string | null = token) =>
    sendMessage(apiRequest(`/conversations/${conversationId}/messages`, { token: bearer ?? undefined, json, headers }), routeParams({ conversation_id: conversationId }));
  const start = (json: unknown, headers: Record<string, string> = {}) => startMessage(apiRequest("/messages", { token, json, headers }), routeParams());
  const list = (conversationId: string, query = "") =>
    listMessages(apiRequest(`/conversations/${conversationId}/messages${query}`, { token }), routeParams({ conversation_id: conversationId }));
  const outboundOf = (conversationId: string) =>
    database.handle.db.select().from(messages).where(eq(messages.conversationId, conversationId)).then((rows) => rows.filter((row) => row.direction === "outbound"));
  const fieldsOf = (problem: { errors?: Array<{ field: string }> }) => (problem.errors ?? []).map((error) => error.field);

  beforeEach(async () => {
    database.handle = await testDatabase.open();
    await seedBusinesses(database.handle.db);
    token = await tokenOf(database.handle.db, "agent");
    fakeGateway.sendMessage.mockReset();
    fakeGateway.sendMessage.mockImplementation(async () => ({ messageId: `wamid.api-send-${(sends += 1)}`, waId: undefined, messageStatus: "accepted", response: {} }));
    fakeGateway.listAllTemplates.mockReset();
    fakeGateway.listAllTemplates.mockResolvedValue(TEMPLATES);
  });
  afterEach(async () => {
    await database.handle.close();
  });

  describe("a conversation's messages", () => {
    it("lists them newest first, page by page, each once, with senders and the messages they quote", async () => {
      const { db } = database.handle;
      const agent = await userOf(db, "agent");
      const conversation = await conversationWith(db);
      const base = Date.now() - 10 * HOUR;
      const written = [];
      for (let index = 0; index < 5; index += 1) {
        written.push(await messageIn(db, conversation.id, { sentAt: new Date(base + index * 60_000), content: { text: { body: `Line ${index}` } } }));
      }
      const reply = await messageIn(db, conversation.id, {
        direction: "outbound",
        sentAt: new Date(base + 10 * 60_000),
        senderId: agent.id,
        status: "read",
        replyToWamid: written[0]!.wamid,
        content: { text: { body: "About your first question" } },
      });
      const seen: ApiMessageBody[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response = await list(conversation.id, `?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
        expect(response.status).toBe(200);
        const page = (await response.json()) as { data: ApiMessageBody[]; next_cursor: string | null };
        seen.push(...page.data);
        cursor = page.next_cursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(seen.map((message) => message.id)).toEqual([reply, ...written.toReversed()].map((message) => message.id));
      expect(seen[0]).toMatchObject({
        direction: "outbound",
        type: "text",
        content: { body: "About your first question" },
        status: "read",
        sender: { id: agent.id, name: agent.name },
        reply_to: { message_id: written[0]!.id, wamid: written[0]!.wamid },
        error: null,
      });
      expect(seen.at(-1)).toMatchObject({ direction: "inbound", status: null, sender: null, reply_to: null, content: { body: "Line 0" } });
    });

    it("answers 404 for a conversation of another connection, and 400 for a cursor it never gave", async () => {
      const { db } = database.handle;
      const other = await conversationWith(db, { phoneNumberId: OTHER_NUMBER });
      await messageIn(db, other.id);
      expect((await list(other.id)).status).toBe(404);
      const mine = await conversationWith(db);
      const badCursor = await list(mine.id, "?cursor=eyJ4IjoxfQ");
      expect(badCursor.status).toBe(400);
      expect(await badCursor.json()).toMatchObject({ code: "INVALID_CURSOR" });
    });
  });

  describe("sending into a conversation", () => {
    it("sends text once and answers 201 with the message as the send left it", async () => {
      const { db } = database.handle;
      const agent = await userOf(db, "agent");
      const conversation = await conversationWith(db);
      const response = await send(conversation.id, { type: "text", text: { body: "Your parcel left today." } });
      expect(response.status).toBe(201);
      const sent = (await response.json()) as ApiMessageBody;
      expect(sent).toMatchObject({
        conversation_id: conversation.id,
        direction: "outbound",
        type: "text",
        content: { body: "Your parcel left today." },
        status: "pending",
        wamid: expect.stringMatching(/^wamid\.api-send-/),
        sender: { id: agent.id, name: agent.name },
      });
      expect(fakeGateway.sendMessage).toHaveBeenCalledTimes(1);
      expect(fakeGateway.sendMessage.mock.calls[0]![1]).toMatchObject({ to: conversation.waId, type: "text", text: { body: "Your parcel left today." } });
      expect(fakeGateway.sendMessage.mock.calls[0]![2]).toMatchObject({ priority: "api" });
      expect(await outboundOf(conversation.id)).toHaveLength(1);
    });

    it("shows a link preview unless preview_url says not to", async () => {
      const conversation = await conversationWith(database.handle.db);
      expect((await send(conversation.id, { type: "text", text: { body: "Track it at https://shop.example/t/1" } })).status).toBe(201);
      expect((await send(conversation.id, { type: "text", text: { body: "Or at https://shop.example/t/2", preview_url: false } })).status).toBe(201);
      expect(fakeGateway.sendMessage.mock.calls.map((call) => (call[1] as { text: { preview_url?: boolean } }).text.preview_url)).toEqual([true, false]);
    });

    it("quotes a message of the conversation with reply_to, and refuses one of another conversation on that field", async () => {
      const { db } = database.handle;
      const conversation = await conversationWith(db);
      const question = await messageIn(db, conversation.id, { content: { text: { body: "Where is my parcel?" } } });
      const response = await send(conversation.id, { type: "text", text: { body: "On its way." }, reply_to: question.id });
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ reply_to: { message_id: question.id, wamid: question.wamid } });
      expect(fakeGateway.sendMessage.mock.calls[0]![1]).toMatchObject({ context: { message_id: question.wamid } });

      const elsewhere = await messageIn(db, (await conversationWith(db)).id);
      const refused = await send(conversation.id, { type: "text", text: { body: "On its way." }, reply_to: elsewhere.id });
      expect(refused.status).toBe(422);
      expect(await refused.json()).toMatchObject({ code: "INVALID_INPUT", errors: [{ field: "reply_to" }] });
      expect(fakeGateway.sendMessage).toHaveBeenCalledTimes(1);
    });

    it("answers the same Idempotency-Key twice with one send and the first answer replayed", async () => {
      const { db } = database.handle;
      const conversation = await conversationWith(db);
      const body = { type: "text", text: { body: "Only once, please." } };
      const first = await send(conversation.id, body, { "Idempotency-Key": "order-1042-shipped" });
      const again = await send(conversation.id, body, { "Idempotency-Key": "order-1042-shipped" });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      expect(await again.json()).toEqual(await first.json());
      expect(fakeGateway.sendMessage).toHaveBeenCalledTimes(1);
      const [stored] = await outboundOf(conversation.id);
      expect(stored!.clientKey).toBe(`api:${(await userOf(db, "agent")).id}:order-1042-shipped`);
    });

    it("refuses free-form messages once the window is closed (422 WINDOW_CLOSED, templates only) without calling the gateway", async () => {
      const { db } = database.handle;
      const conversation = await conversationWith(db, { wroteAgo: 25 * HOUR });
      const response = await send(conversation.id, { type: "text", text: { body: "Are you still there?" } });
      expect(response.status).toBe(422);
      const problem = await response.json();
      expect(problem).toMatchObject({ status: 422, code: "WINDOW_CLOSED" });
      expect(problem.detail).toContain("templates");
      expect(fakeGateway.sendMessage).not.toHaveBeenCalled();
      expect(await outboundOf(conversation.id)).toEqual([]);

      const template = await send(conversation.id, { type: "template", template: { name: "welcome_back", language: "en_US", variables: { body: ["Maya"] } } });
      expect(template.status).toBe(201);
      expect(fakeGateway.sendMessage).toHaveBeenCalledTimes(1);
    });

    it("refuses what the composer refuses, with 400 naming the fields as the caller wrote them", async () => {
      const { db } = database.handle;
      const conversation = await conversationWith(db);
      const cases: Array<[unknown, string[]]> = [
        [{ type: "text", text: { body: "   " } }, ["text.body"]],
        [{ type: "text", text: { body: "x".repeat(4097) } }, ["text.body"]],
        [
          { type: "interactive", interactive: { type: "button", body: "Pick one", buttons: [1, 2, 3, 4].map((n) => ({ id: `b${n}`, title: `Option ${n}` })) } },
          ["interactive.buttons"],
        ],
        [{ type: "interactive", interactive: { type: "button", body: "Pick one", buttons: [{ id: "b1", title: "A title far too long for WhatsApp" }] } }, ["interactive.buttons.0.title"]],
        [{ type: "interactive", interactive: { type: "cta_url", body: "Track it", display_text: "Track", url: "http://example.com" } }, ["interactive.url"]],
        [{ type: "interactive", interactive: { type: "list", body: "Choose", button: "Options", rows: [] } }, ["interactive.rows"]],
        [{ type: "template", template: { name: "welcome_back", language: "en_US" }, reply_to: "00000000-0000-4000-8000-000000000000" }, ["reply_to"]],
        [{ type: "image", image: {} }, ["image.media_id"]],
        [{ type: "hologram" }, ["type"]],
      ];
      for (const [body, fields] of cases) {
        const response = await send(conversation.id, body);
        expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
        const problem = await response.json();
        expect(problem.code).toBe("INVALID_REQUEST");
        expect(fieldsOf(problem)).toEqual(fields);
        expect(problem.errors[0].detail).not.toMatch(/i18n/);
      }
      expect(fakeGateway.sendMessage).not.toHaveBeenCalled();
    });

    it("sends an interactive message built as the composer builds it", async () => {
      const { db } = database.handle;
      const conversation = await conversationWith(db);
      const response = await send(conversation.id, {
        type: "interactive",
        interactive: { type: "button", body: "Did it arrive?", footer: "Reply any time", buttons: [{ id: "yes", title: "Yes" }, { id: "no", title: "Not yet" }] },
      });
      expect(response.status).toBe(201);
      expect(fakeGateway.sendMessage.mock.calls[0]![1]).toMatchObject({
        type: "interactive",
        interactive: { type: "button", body: { text: "Did it arrive?" }, footer: { text: "Reply any time" }, action: { buttons: [{ type: "reply", reply: { id: "yes", title: "Yes" } }, { type: "reply", reply: { id: "no", title: "Not yet" } }] } },
      });
    });

    it("fills a named template from values given by name, and names an unknown variable", async () => {
      const { db } = database.handle;
      const conversation = await conversationWith(db, { wroteAgo: 3 * DAY });
      const response = await send(conversation.id, {
        type: "template",
        template: { name: "order_ready", language: "en_US", variables: { header: { order_id: "A-1042" }, body: { order_id: "A-1042", first_name: "Maya" } } },
      });
      expect(response.status).toBe(201);
      expect(fakeGateway.sendMessage.mock.calls[0]![1]).toMatchObject({
        type: "template",
        template: {
          name: "order_ready",
          components: [
            { type: "header", parameters: [{ type: "text", parameter_name: "order_id", text: "A-1042" }] },
            {
              type: "body",
              parameters: [
                { type: "text", parameter_name: "first_name", text: "Maya" },
                { type: "text", parameter_name: "order_id", text: "A-1042" },
              ],
            },
          ],
        },
      });

      const unknown = await send(conversation.id, { type: "template", template: { name: "order_ready", language: "en_US", variables: { body: { nickname: "M" } } } });
      expect(unknown.status).toBe(422);
      expect(await unknown.json()).toMatchObject({ code: "INVALID_INPUT", errors: [{ field: "template.variables.body.nickname" }] });

      const missing = await send(conversation.id, { type: "template", template: { name: "order_ready", language: "en_US", variables: { header: ["A-1042"], body: { first_name: "Maya" } } } });
      expect(missing.status).toBe(422);
      expect(await missing.json()).toMatchObject({ code: "INVALID_INPUT", errors: [{ field: "template.variables.body.order_id" }] });

      const noSuch = await send(conversation.id, { type: "template", template: { name: "no_such_template", language: "en_US" } });
      expect(noSuch.status).toBe(422);
      expect(await noSuch.json()).toMatchObject({ errors: [{ field: "template.name" }] });
      expect(fakeGateway.sendMessage).toHaveBeenCalledTimes(1);
    });

    it("sends files of the number's library only, of the message's kind and not expired", async () => {
      const { db } = database.handle;
      const conversation = await conversationWith(db);
      const file = (id: string, fields: Partial<Parameters<typeof insertLibraryMedia>[1]> = {}) =>
        insertLibraryMedia(db, {
          id,
          phoneNumberId: NUMBER,
          kind: "image",
          mimeType: "image/png",
          fileName: `${id}.png`,
          size: 10,
          sha256: "0".repeat(64),
          expiresAt: new Date(Date.now() + 10 * DAY),
          ...fields,
        });
      await file("lib-photo");
      await file("lib-old", { expiresAt: new Date(Date.now() - DAY) });
      await file("lib-pdf", { kind: "document", mimeType: "application/pdf", fileName: "terms.pdf" });
      await file("lib-elsewhere", { phoneNumberId: OTHER_NUMBER });

      const sent = await send(conversation.id, { type: "image", image: { media_id: "lib-photo", caption: "Your receipt" } });
      expect(sent.status).toBe(201);
      expect(fakeGateway.sendMessage.mock.calls[0]![1]).toMatchObject({ type: "image", image: { id: "lib-photo", caption: "Your receipt" } });

      for (const [mediaId, type] of [["lib-old", "image"], ["lib-pdf", "image"], ["lib-elsewhere", "image"], ["nowhere", "video"]] as const) {
        const response = await send(conversation.id, { type, [type]: { media_id: mediaId } });
        expect(response.status, mediaId).toBe(422);
        expect(await response.json()).toMatchObject({ code: "INVALID_INPUT", errors: [{ field: `${type}.media_id` }] });
      }
      expect(fakeGateway.sendMessage).toHaveBeenCalledTimes(1);
    });

    it("answers 404 for a conversation of another connection, sending nothing", async () => {
      const { db } = database.handle;
      const other = await conversationWith(db, { phoneNumberId: OTHER_NUMBER });
      const response = await send(other.id, { type: "text", text: { body: "Hello" } });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: "NOT_FOUND" });
      expect(fakeGateway.sendMessage).not.toHaveBeenCalled();
    });

    it("answers 201 with a failed message when WhatsApp refuses it, and 502 when the templates cannot be loaded", async () => {
      const { db } = database.handle;
      const conversation = await conversationWith(db);
      fakeGateway.sendMessage.mockRejectedValueOnce(graphRefusal(131026));
      const refused = await send(conversation.id, { type: "text", text: { body: "Hello?" } });
      expect(refused.status).toBe(201);
      expect(await refused.json()).toMatchObject({ status: "failed", wamid: null, error: { code: 131026, title: expect.any(String) } });

      fakeGateway.listAllTemplates.mockRejectedValue(graphRefusal(1, 500));
      const unloaded = await send(conversation.id, { type: "template", template: { name: "welcome_back", language: "en_US", variables: { body: ["Maya"] } } });
      expect(unloaded.status).toBe(502);
      const problem = await unloaded.json();
      expect(problem).toMatchObject({ code: "GATEWAY_ERROR" });
      expect(problem.detail).toMatch(/\w/);
      expect(fakeGateway.sendMessage).toHaveBeenCalledTimes(1);
    });

    it("answers 401 without a token, sending nothing", async () => {
      const { db } = database.handle;
      const conversation = await conversationWith(db);
      const response = await send(conversation.id, { type: "text", text: { body: "Hello" } }, {}, null);
      expect(response.status).toBe(401);
      expect(fakeGateway.sendMessage).not.toHaveBeenCalled();
    });
  });

  describe("sending to a customer by number", () => {
    const template = { type: "template", template: { name: "welcome_back", language: "en_US", variables: { body: ["Maya"] } } };

    it("starts the conversation of a customer who never wrote with a template", async () => {
      const { db } = database.handle;
      const response = await start({ phone_number_id: NUMBER, to: { wa_id: "+1 (415) 555-0199" }, ...template });
      expect(response.status).toBe(201);
      const answer = await response.json();
      const [conversation] = await db.select().from(conversations).where(eq(conversations.waId, "14155550199"));
      expect(answer).toMatchObject({ conversation_id: conversation!.id, message: { type: "template", status: "pending", conversation_id: conversation!.id } });
      expect(conversation).toMatchObject({ phoneNumberId: NUMBER, lastInboundAt: null });
      expect(fakeGateway.sendMessage).toHaveBeenCalledTimes(1);
      expect(fakeGateway.sendMessage.mock.calls[0]![1]).toMatchObject({ to: "14155550199", type: "template" });

      // The same customer again: the same conversation.
      const again = await start({ phone_number_id: NUMBER, to: { wa_id: "14155550199" }, ...template });
      expect((await again.json()).conversation_id).toBe(conversation!.id);
    });

    it("refuses text to a new customer (422 WINDOW_CLOSED), leaving no conversation and calling no gateway", async () => {
      const { db } = database.handle;
      const response = await start({ phone_number_id: NUMBER, to: { wa_id: "14155550198" }, type: "text", text: { body: "Hi!" } });
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ code: "WINDOW_CLOSED" });
      expect(await db.select().from(conversations)).toEqual([]);
      expect(fakeGateway.sendMessage).not.toHaveBeenCalled();
    });

    it("writes into the customer's open conversation on that number", async () => {
      const { db } = database.handle;
      const conversation = await conversationWith(db);
      const response = await start({ phone_number_id: NUMBER, to: { wa_id: `+${conversation.waId}` }, type: "text", text: { body: "One more thing" } });
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ conversation_id: conversation.id, message: { type: "text", content: { body: "One more thing" } } });
      expect(await db.select().from(conversations)).toHaveLength(1);
    });

    it("refuses a number that is not one (422 on to.wa_id) and a business number of another connection (404)", async () => {
      const { db } = database.handle;
      const invalid = await start({ phone_number_id: NUMBER, to: { wa_id: "call me maybe" }, ...template });
      expect(invalid.status).toBe(422);
      expect(await invalid.json()).toMatchObject({ code: "INVALID_INPUT", errors: [{ field: "to.wa_id" }] });

      const badUser = await start({ phone_number_id: NUMBER, to: { user_id: "maya" }, ...template });
      expect(badUser.status).toBe(422);
      expect(await badUser.json()).toMatchObject({ errors: [{ field: "to.user_id" }] });

      const both = await start({ phone_number_id: NUMBER, to: { wa_id: "14155550197", user_id: "US.123" }, ...template });
      expect(both.status).toBe(400);
      expect(fieldsOf(await both.json())).toEqual(["to"]);

      const outside = await start({ phone_number_id: OTHER_NUMBER, to: { wa_id: "14155550197" }, ...template });
      expect(outside.status).toBe(404);
      expect(await db.select().from(contacts)).toEqual([]);
      expect(fakeGateway.sendMessage).not.toHaveBeenCalled();
    });

    it("replays the first answer for the same Idempotency-Key, and refuses the key for another message", async () => {
      const headers = { "Idempotency-Key": "welcome-14155550196" };
      const body = { phone_number_id: NUMBER, to: { wa_id: "14155550196" }, ...template };
      const first = await start(body, headers);
      const again = await start(body, headers);
      expect(first.status).toBe(201);
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      expect(await again.json()).toEqual(await first.json());
      const other = await start({ ...body, to: { wa_id: "14155550195" } }, headers);
      expect(other.status).toBe(422);
      expect(await other.json()).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });
      expect(fakeGateway.sendMessage).toHaveBeenCalledTimes(1);
    });
  });
});
