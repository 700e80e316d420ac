import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { ALL_CONNECTIONS } from "@/db/queries/connection-access";
import { customerSummary, findConversation } from "@/db/queries/conversations";
import { campaignRecipients, campaigns, contacts, conversations, messages, phoneNumbers } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";

import { conversationView, type ConversationView } from "./views";

/** What the browser reads: the answer through `Response.json`, as the conversation route sends it. */
async function overTheWire<T>(answer: unknown): Promise<T> {
  return (await Response.json(answer).json()) as T;
}

const now = new Date("2025-03-10T12:00:00Z");
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe.each(testDatabases)("the campaign shown on a conversation on $name", (database) => {
  let handle: DatabaseHandle;
  /** Reached by two campaigns (winter, then spring), each message sent. */
  let reachedTwice: string;
  /** Never reached by a campaign. */
  let notReached: string;
  /** A recipient row points at it, but its message was never sent (refused at once). */
  let notSent: string;
  const campaignIds: Record<"winter" | "spring" | "summer", string> = { winter: "", spring: "", summer: "" };
  const messageIds: Record<"winter" | "spring" | "agent", string> = { winter: "", spring: "", agent: "" };

  beforeAll(async () => {
    handle = await database.open();
    const { db } = handle;
    await db.insert(phoneNumbers).values({ id: "pn-1", wabaId: "w-1", displayPhoneNumber: "+1 555 0100", verifiedName: "Acme" });
    await db.insert(contacts).values([
      { waId: "14155550101", phoneNumber: "14155550101", profileName: "Maya" },
      { waId: "14155550102", phoneNumber: "14155550102", profileName: "Jonas" },
      { waId: "14155550103", phoneNumber: "14155550103", profileName: "Camille" },
    ]);
    const contactRows = await db.select({ id: contacts.id, waId: contacts.waId }).from(contacts);
    const contactOf = (waId: string) => contactRows.find((row) => row.waId === waId)!.id;
    const rows = await db
      .insert(conversations)
      .values(["14155550101", "14155550102", "14155550103"].map((waId) => ({ phoneNumberId: "pn-1", waId, lastMessageAt: ago(5) })))
      .returning({ id: conversations.id, waId: conversations.waId });
    const conversationOf = (waId: string) => rows.find((row) => row.waId === waId)!.id;
    reachedTwice = conversationOf("14155550101");
    notReached = conversationOf("14155550102");
    notSent = conversationOf("14155550103");

    const template = { phoneNumberId: "pn-1", templateName: "seasonal_offer", templateLanguage: "en_US", templateCategory: "MARKETING", audience: { kind: "tags", tagIds: [] } };
    // Created in the opposite order of their sends: the latest send wins, not the latest campaign row.
    const [spring, winter, summer] = await db
      .insert(campaigns)
      .values([
        { ...template, name: "Spring sale", status: "finished" as const },
        { ...template, name: "Winter clearance", status: "finished" as const },
        { ...template, name: "Summer preview", status: "sending" as const },
      ])
      .returning({ id: campaigns.id });
    campaignIds.spring = spring!.id;
    campaignIds.winter = winter!.id;
    campaignIds.summer = summer!.id;

    const outboundMessage = (wamid: string, sentAt: Date) => ({
      conversationId: reachedTwice,
      wamid,
      direction: "outbound" as const,
      type: "template",
      content: { template: { name: "seasonal_offer", language: { code: "en_US" } } },
      sentAt,
      status: "delivered" as const,
    });
    const [winterMessage, springMessage, agentMessage] = await db
      .insert(messages)
      .values([
        outboundMessage("w.winter", ago(120)),
        outboundMessage("w.spring", ago(30)),
        { ...outboundMessage("w.agent", ago(10)), type: "text", content: { text: { body: "Anything else?" } } },
      ])
      .returning({ id: messages.id });
    messageIds.winter = winterMessage!.id;
    messageIds.spring = springMessage!.id;
    messageIds.agent = agentMessage!.id;

    const recipient = (campaignId: string, waId: string) => ({
      campaignId,
      contactId: contactOf(waId),
      phoneNumber: waId,
      clientKey: `campaign:${campaignId}:${contactOf(waId)}`,
    });
    await db.insert(campaignRecipients).values([
      { ...recipient(campaignIds.winter, "14155550101"), status: "read", conversationId: reachedTwice, messageId: messageIds.winter, sentAt: ago(120), readAt: ago(100) },
      { ...recipient(campaignIds.spring, "14155550101"), status: "delivered", conversationId: reachedTwice, messageId: messageIds.spring, sentAt: ago(30), repliedAt: ago(20) },
      // Claimed and linked, but never sent: it is not a campaign that reached the customer.
      { ...recipient(campaignIds.summer, "14155550101"), status: "sending", conversationId: reachedTwice },
      { ...recipient(campaignIds.summer, "14155550103"), status: "failed", conversationId: notSent, errorCode: 131026, failedAt: ago(15) },
      { ...recipient(campaignIds.spring, "14155550102"), status: "skipped", skipReason: "opted_out" },
    ]);
  });

  afterAll(async () => {
    await handle?.close();
  });

  const view = async (conversationId: string) => {
    const conversation = await findConversation(handle.db, conversationId);
    return overTheWire<ConversationView>(conversationView(conversation!, await customerSummary(handle.db, conversationId, ALL_CONNECTIONS)));
  };

  it("a conversation reached by two campaigns shows the one whose message went out last, its time as an ISO string", async () => {
    const answer = await view(reachedTwice);
    expectTypeOf(answer.campaign).toEqualTypeOf<{ id: string; name: string; sentAt: string } | null>();
    expect(answer.campaign).toEqual({ id: campaignIds.spring, name: "Spring sale", sentAt: ago(30).toISOString() });
  });

  it("names the campaign of each campaign message in the conversation, newest first, and of no other message", async () => {
    const answer = await view(reachedTwice);
    expect(answer.campaignMessages).toEqual([
      { messageId: messageIds.spring, campaignId: campaignIds.spring, campaignName: "Spring sale" },
      { messageId: messageIds.winter, campaignId: campaignIds.winter, campaignName: "Winter clearance" },
    ]);
    expect(answer.campaignMessages.map((message) => message.messageId)).not.toContain(messageIds.agent);
  });

  it("a conversation no campaign reached shows none, and neither does one whose campaign message was never sent", async () => {
    expect(await view(notReached)).toMatchObject({ campaign: null, campaignMessages: [] });
    expect(await view(notSent)).toMatchObject({ campaign: null, campaignMessages: [] });
  });

  it("a campaign message deleted since still names its campaign on the conversation, without a message to caption", async () => {
    await handle.db.update(campaignRecipients).set({ messageId: null }).where(eq(campaignRecipients.messageId, messageIds.spring));
    const answer = await view(reachedTwice);
    expect(answer.campaign).toMatchObject({ id: campaignIds.spring, name: "Spring sale" });
    expect(answer.campaignMessages.map((message) => message.campaignName)).toEqual(["Winter clearance"]);
  });
});
