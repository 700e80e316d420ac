import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { ALL_CONNECTIONS } from "@/db/queries/connection-access";
import { listConversations } from "@/db/queries/conversations";
import { insertPendingOutbound } from "@/db/queries/outbound-messages";
import { ingestDelivery } from "@/db/queries/webhook-ingest";
import { conversations } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { inbound, wamid } from "@/lib/webhooks/test-payloads";
import { messagePreview, recordsFromDelivery } from "@/lib/whatsapp/inbound";

const CUSTOMER = "15551234567";
const READER = "00000000-0000-4000-8000-000000000000";

/**
 * The conversation list's summary is stored as a kind and the message's own words: the list words the
 * kind in the reader's language, and search reads only what the customer or agent wrote.
 */
describe.each(testDatabases)("conversation previews on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await testDatabase.open();
  });
  afterEach(async () => {
    await handle.close();
  });

  const ingest = (payload: unknown) => ingestDelivery(handle.db, recordsFromDelivery(payload, new Date()));
  const onlyConversation = async () => {
    const rows = await handle.db.select().from(conversations);
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };
  const found = async (search: string) =>
    (await listConversations(handle.db, { userId: READER, scope: ALL_CONNECTIONS, filters: { search } })).conversations.map((row) => row.waId);

  it("stores an inbound photo as its kind and its caption only, and finds it by a word of the caption", async () => {
    await ingest(inbound(CUSTOMER, "image", { id: "1001", mime_type: "image/jpeg", sha256: "abc", caption: "The crack on the lid" }));
    expect(await onlyConversation()).toMatchObject({ lastMessagePreviewKind: "photo", lastMessagePreview: "The crack on the lid" });
    const [listed] = (await listConversations(handle.db, { userId: READER, scope: ALL_CONNECTIONS })).conversations;
    expect(listed).toMatchObject({ lastMessagePreviewKind: "photo", lastMessagePreview: "The crack on the lid" });
    expect(await found("crack")).toEqual([CUSTOMER]);
    // The label is the reader's, not the customer's: it is not stored, so not searched.
    expect(await found("Photo")).toEqual([]);
  });

  it("follows an edit of the last message with the edited text's kind and words", async () => {
    const original = wamid();
    await ingest(inbound(CUSTOMER, "text", { body: "See you at 11" }, { id: original }));
    await ingest(inbound(CUSTOMER, "edit", { original_message_id: original, message: { type: "text", text: { body: "See you at 10" } } }));
    expect(await onlyConversation()).toMatchObject({ lastMessagePreviewKind: "text", lastMessagePreview: "See you at 10" });
  });

  it("stores a message the business sends as its kind and the template's name", async () => {
    await ingest(inbound(CUSTOMER, "text", { body: "Where is my order?" }));
    const conversation = await onlyConversation();
    const content = { template: { name: "order_update", language: { code: "en" } } };
    await insertPendingOutbound(handle.db, {
      conversationId: conversation.id,
      type: "template",
      content,
      preview: messagePreview("template", content),
      senderId: null,
      clientKey: "preview-template",
    });
    expect(await onlyConversation()).toMatchObject({ lastMessagePreviewKind: "template", lastMessagePreview: "order_update", lastMessageDirection: "outbound" });
  });
});
