/**
 * The send use case on both databases, against the simulator over loopback: what the simulator's
 * webhooks tell comes in through the real ingest, as it would through the webhook route.
 */
import { and, eq } from "drizzle-orm";
import { createTranslator } from "next-intl";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { ALL_CONNECTIONS } from "@/db/queries/connection-access";
import { findUserByEmail } from "@/db/queries/users";
import { conversations, messages } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { testDatabases } from "@/db/test-databases";
import { syncAccounts } from "@/lib/accounts/sync";
import { createGatewayClient, GatewayTimeoutError, type GatewayClient } from "@/lib/gateway";
import { simControl } from "@/lib/gateway/test-helpers";
import { receiveWebhook } from "@/lib/webhooks/ingest";
import { DEMO_MATON_API_KEY } from "@/lib/whatsapp/demo";
import type { Locale } from "@/i18n/locales";
import type { Translate } from "@/lib/i18n/translatable";
import ar from "@/messages/ar.json";
import en from "@/messages/en.json";
import es from "@/messages/es.json";
import { SEED } from "@/simulator/seed";
import { setupTestSimulator } from "@/simulator/test/harness";

import { OutboundRefusal, retryMessage, sendMessage, type SendContext } from "./outbound";

const env = setupTestSimulator();
const PHONE_NUMBER_ID = SEED.phoneNumbers.lumenUs;
let customers = 0;
/**
 * A customer of their own for each conversation: statuses of an earlier test's sends can still arrive
 * and be ingested into the next test's database, where an unknown outcome's reconciliation (which looks
 * for an unclaimed status to the same customer) would take them for its own.
 */
const nextCustomer = () => `1415555${String(1000 + (customers += 1))}`;
const HOUR = 60 * 60 * 1000;
/** How long to wait for the simulator's webhooks to change what the database holds. */
const WAIT = { timeout: 5_000, interval: 25 };

let counter = 0;
const clientKey = () => `outbound-${Date.now()}-${(counter += 1)}`;
/** The whole catalog in a language, as the action client translates a refusal. */
const translator = (locale: Locale, messages: typeof en) => createTranslator({ locale, messages }) as unknown as Translate;
const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as OutboundRefusal);

describe.each(testDatabases)("sending from the inbox on $name", (database) => {
  let handle: DatabaseHandle;
  let client: GatewayClient;
  /** The gateway as the send path sees it, counting the sends that reach it. */
  let context: SendContext & { gateway: GatewayClient };
  let gatewaySends: number;
  let senderId: string;

  /** Applies the webhooks the simulator delivered so far, as the webhook route would. */
  async function ingestDelivered() {
    for (const webhook of env.receiver.received.splice(0)) {
      await receiveWebhook(handle.db, { body: webhook.raw, payload: webhook.body, authenticatedBy: "signature" });
    }
  }

  /** The customer writes (the 24-hour window opens); answers their conversation, as the ingest stored it. */
  async function conversationWithCustomer() {
    const customer = nextCustomer();
    await simControl(env.sim.url).inbound({ phone_number_id: PHONE_NUMBER_ID, from: customer, name: "Maya Thompson", type: "text", text: { body: "Is my order on its way?" } });
    await ingestDelivered();
    const [conversation] = await handle.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.phoneNumberId, PHONE_NUMBER_ID), eq(conversations.waId, customer)));
    return conversation!;
  }

  const outboundOf = (conversationId: string) =>
    handle.db.select().from(messages).where(and(eq(messages.conversationId, conversationId), eq(messages.direction, "outbound")));

  /** The same client, counting the sends that reach the gateway. */
  function counted(gateway: GatewayClient): GatewayClient {
    return {
      ...gateway,
      messages: {
        ...gateway.messages,
        sendMessage: (...args: Parameters<GatewayClient["messages"]["sendMessage"]>) => {
          gatewaySends += 1;
          return gateway.messages.sendMessage(...args);
        },
      },
    };
  }

  beforeEach(async () => {
    handle = await database.open();
    await seedDemoUsers(handle.db);
    senderId = (await findUserByEmail(handle.db, "agent@demo.test"))!.id;
    client = createGatewayClient({ apiKey: DEMO_MATON_API_KEY, gatewayUrl: env.sim.url, ctrlUrl: env.sim.url, limiter: false });
    await syncAccounts(handle.db, client);
    gatewaySends = 0;
    context = { gateway: counted(client) };
  });
  afterEach(async () => {
    await handle.close();
  });

  it("refuses a conversation outside the sender's connections exactly like a missing one, before anything is stored or sent", async () => {
    const conversation = await conversationWithCustomer();
    const onlyHarbor = { all: false as const, connectionIds: [SEED.connections.harbor] };
    const send = (conversationId: string, scope: typeof onlyHarbor) =>
      refusal(sendMessage(handle.db, { conversationId, scope, senderId, clientKey: clientKey(), message: { kind: "text", body: "Not yours" } }, context));
    const outside = await send(conversation.id, onlyHarbor);
    const missing = await send("00000000-0000-4000-8000-000000000000", onlyHarbor);
    expect(outside).toBeInstanceOf(OutboundRefusal);
    expect({ code: outside!.code, message: outside!.message, field: outside!.field }).toEqual({ code: missing!.code, message: missing!.message, field: missing!.field });
    expect(outside!.code).toBe("NOT_FOUND");
    expect(outside!.message).toBe("This conversation does not exist (any more).");
    expect(outside!.toActionFailure(translator("ar", ar as typeof en)).message).toBe("هذه المحادثة غير موجودة (أو لم تعد موجودة).");
    expect(await send(conversation.id, { all: false, connectionIds: [] })).toMatchObject({ code: "NOT_FOUND" });
    expect(await outboundOf(conversation.id)).toHaveLength(0);
    expect(gatewaySends).toBe(0);

    // A message of that conversation cannot be retried from outside either.
    const mine = await sendMessage(
      handle.db,
      { conversationId: conversation.id, scope: { all: false, connectionIds: [SEED.connections.lumen] }, senderId, clientKey: clientKey(), message: { kind: "text", body: "Mine" } },
      context,
    );
    expect(mine).toMatchObject({ sent: true });
    expect(await refusal(retryMessage(handle.db, { messageId: mine.messageId, scope: onlyHarbor }, context))).toMatchObject({ code: "NOT_FOUND", field: "messageId" });
  });

  it("records a text as pending, sends it once and settles it with its wamid, then follows its ticks", async () => {
    const conversation = await conversationWithCustomer();
    const outcome = await sendMessage(
      handle.db,
      { conversationId: conversation.id, scope: ALL_CONNECTIONS, senderId, clientKey: clientKey(), message: { kind: "text", body: "Yes, it ships today 🚚" } },
      context,
    );
    expect(outcome).toMatchObject({ sent: true });
    expect(outcome.error).toBeUndefined();
    const [stored] = await outboundOf(conversation.id);
    expect(stored).toMatchObject({ id: outcome.messageId, type: "text", content: { text: { body: "Yes, it ships today 🚚" } }, senderId, errorCode: null });
    expect(stored!.wamid).toMatch(/^wamid\./);
    const [listed] = await handle.db.select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(listed).toMatchObject({ lastMessagePreview: "Yes, it ships today 🚚", lastMessageDirection: "outbound" });

    await vi.waitFor(async () => {
      await ingestDelivered();
      const [row] = await outboundOf(conversation.id);
      expect(row!.status).toBe("read");
    }, WAIT);
    expect(gatewaySends).toBe(1);
  });

  it("sends once for a double submit with the same client key", async () => {
    const conversation = await conversationWithCustomer();
    const request = { conversationId: conversation.id, scope: ALL_CONNECTIONS, senderId, clientKey: clientKey(), message: { kind: "text" as const, body: "Only once" } };
    const [first, second] = await Promise.all([sendMessage(handle.db, request, context), sendMessage(handle.db, request, context)]);
    expect([first.sent, second.sent].sort()).toEqual([false, true]);
    expect(second.messageId).toBe(first.messageId);
    expect(await outboundOf(conversation.id)).toHaveLength(1);
    expect(gatewaySends).toBe(1);
    const again = await sendMessage(handle.db, request, context);
    expect(again).toMatchObject({ sent: false, messageId: first.messageId });
    expect(gatewaySends).toBe(1);
  });

  it("refuses free-form outside the 24-hour window before any gateway call, and still sends a template", async () => {
    const conversation = await conversationWithCustomer();
    await handle.db
      .update(conversations)
      .set({ lastInboundAt: new Date(Date.now() - 25 * HOUR) })
      .where(eq(conversations.id, conversation.id));
    const closed = await refusal(
      sendMessage(handle.db, { conversationId: conversation.id, scope: ALL_CONNECTIONS, senderId, clientKey: clientKey(), message: { kind: "text", body: "Hello?" } }, context),
    );
    expect(closed).toBeInstanceOf(OutboundRefusal);
    expect(closed).toMatchObject({ code: "WINDOW_CLOSED" });
    expect(closed!.message).toContain("24-hour window closed");
    // The door the refusal leaves by puts it in the reader's words: the gateway's explanation of 131047.
    expect(closed!.toActionFailure(translator("en", en))).toMatchObject({ code: "WINDOW_CLOSED", message: closed!.message });
    expect(closed!.said).toMatchObject({ key: "gateway.failure.withTitle" });
    expect(gatewaySends).toBe(0);
    expect(await outboundOf(conversation.id)).toHaveLength(0);

    const template = await sendMessage(
      handle.db,
      {
        conversationId: conversation.id,
        scope: ALL_CONNECTIONS,
        senderId,
        clientKey: clientKey(),
        message: { kind: "template", name: "hello_world", languageCode: "en_US", values: { header: [], body: [], buttons: {} } },
      },
      context,
    );
    expect(template).toMatchObject({ sent: true });
    const [stored] = await outboundOf(conversation.id);
    expect(stored).toMatchObject({ type: "template", content: { template: { name: "hello_world", language: { code: "en_US" } } } });
    expect(stored!.content.rendered).toMatchObject({ header: { type: "text", text: "Hello World" } });
  });

  it("refuses a message over WhatsApp's limits before the gateway, naming the field", async () => {
    const conversation = await conversationWithCustomer();
    const tooLong = await refusal(
      sendMessage(
        handle.db,
        { conversationId: conversation.id, scope: ALL_CONNECTIONS, senderId, clientKey: clientKey(), message: { kind: "buttons", body: "Pick one", buttons: [{ id: "a", title: "x".repeat(21) }] } },
        context,
      ),
    );
    expect(tooLong).toMatchObject({ code: "INVALID_INPUT", field: "interactive.action.buttons.0.reply.title" });
    expect(tooLong!.message).toBe("interactive.action.buttons.0.reply.title: button title must be at most 20 characters");
    expect(tooLong!.toActionFailure(translator("es", es as typeof en))).toEqual({
      message: "interactive.action.buttons.0.reply.title: el título del botón debe tener como máximo 20 caracteres",
      code: "INVALID_INPUT",
      field: "interactive.action.buttons.0.reply.title",
      failure: undefined,
    });
    expect(gatewaySends).toBe(0);
    expect(await outboundOf(conversation.id)).toHaveLength(0);
  });

  it("keeps a gateway refusal on the message with its explanation, and one retry sends the same row", async () => {
    const conversation = await conversationWithCustomer();
    await simControl(env.sim.url).faults({ error_code: 131030, count: 1 });
    const failed = await sendMessage(
      handle.db,
      { conversationId: conversation.id, scope: ALL_CONNECTIONS, senderId, clientKey: clientKey(), message: { kind: "text", body: "Your order shipped" } },
      context,
    );
    expect(failed).toMatchObject({ sent: true, status: "failed", error: { code: 131030, outcomeUnknown: false } });
    const [kept] = await outboundOf(conversation.id);
    expect(kept).toMatchObject({ id: failed.messageId, status: "failed", errorCode: 131030, wamid: null });
    expect(kept!.errorDetails).toBeTruthy();

    // Two retries at once (a double click, two agents): one sends, the other is refused.
    const attempts = await Promise.all([0, 1].map(() => retryMessage(handle.db, { messageId: failed.messageId, scope: ALL_CONNECTIONS }, context).catch((error: unknown) => error)));
    const retried = attempts.find((attempt) => !(attempt instanceof OutboundRefusal)) as Awaited<ReturnType<typeof retryMessage>>;
    expect(retried).toMatchObject({ messageId: failed.messageId, sent: true });
    expect(retried.error).toBeUndefined();
    expect(["CONFLICT", "NOT_RETRYABLE"]).toContain((attempts.find((attempt) => attempt instanceof OutboundRefusal) as OutboundRefusal).code);
    const rows = await outboundOf(conversation.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: failed.messageId, errorCode: null, content: { text: { body: "Your order shipped" } } });
    expect(rows[0]!.wamid).toMatch(/^wamid\./);
    expect(gatewaySends).toBe(2);
    expect(await refusal(retryMessage(handle.db, { messageId: failed.messageId, scope: ALL_CONNECTIONS }, context))).toMatchObject({ code: "NOT_RETRYABLE" });
  });

  it("reconciles a send whose answer was lost from the status WhatsApp reported, and sends nothing again", async () => {
    const conversation = await conversationWithCustomer();
    // WhatsApp takes the message, but its answer is lost on the way back: the wamid never reaches us.
    const answerLost: GatewayClient = {
      ...client,
      messages: {
        ...client.messages,
        sendMessage: async (...args: Parameters<GatewayClient["messages"]["sendMessage"]>) => {
          gatewaySends += 1;
          await client.messages.sendMessage(...args);
          throw new GatewayTimeoutError(15_000, { method: "POST", path: `${args[0]}/messages`, idempotencyKey: args[2]?.idempotencyKey }, true);
        },
      },
    };
    const lost = await sendMessage(
      handle.db,
      { conversationId: conversation.id, scope: ALL_CONNECTIONS, senderId, clientKey: clientKey(), message: { kind: "text", body: "Did this arrive?" } },
      { gateway: answerLost },
    );
    expect(lost).toMatchObject({ status: "pending", error: { outcomeUnknown: true } });
    expect(await refusal(retryMessage(handle.db, { messageId: lost.messageId, scope: ALL_CONNECTIONS }, context))).toMatchObject({ code: "OUTCOME_UNKNOWN" });

    // Its statuses arrive: the retry finds the wamid they carry instead of sending again.
    await vi.waitFor(async () => {
      await ingestDelivered();
      const reconciled = await retryMessage(handle.db, { messageId: lost.messageId, scope: ALL_CONNECTIONS }, context);
      expect(reconciled).toMatchObject({ messageId: lost.messageId, sent: false });
    }, WAIT);
    const [row] = await outboundOf(conversation.id);
    expect(row!.wamid).toMatch(/^wamid\./);
    expect(row!.errorTitle).toBeNull();
    expect(["sent", "delivered", "read"]).toContain(row!.status);
    expect(gatewaySends).toBe(1);
  });
});
