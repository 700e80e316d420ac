import { and, eq, isNull, notExists, sql } from "drizzle-orm";

import type { Database } from "../client";
import { contacts, conversations, messages } from "../schema";

/**
 * A customer as a business addresses them before they ever wrote: by their WhatsApp number (digits,
 * as WhatsApp's wa_id) or by their business-scoped user id. The caller gives one of the two.
 */
export type CustomerIdentity = { phone: string; userId?: undefined } | { userId: string; phone?: undefined };

/** The stored customer's key (`contacts.wa_id`) for a number or a user id, whichever row carries it. */
export async function findCustomerKey(db: Database, identity: CustomerIdentity): Promise<string | undefined> {
  const [row] = await db
    .select({ key: contacts.waId })
    .from(contacts)
    .where(identity.phone !== undefined ? eq(contacts.phoneNumber, identity.phone) : eq(contacts.userId, identity.userId))
    .limit(1);
  return row?.key;
}

/** The conversation of a customer (by key) on a business number, when there is one. */
export async function findConversationId(db: Database, phoneNumberId: string, customerKey: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.phoneNumberId, phoneNumberId), eq(conversations.waId, customerKey)))
    .limit(1);
  return row?.id;
}

/**
 * The conversation of a customer on a business number, created (with the customer, when new) as the
 * webhook ingest creates them: the customer's key is their number when known, else their user id; a
 * stored customer is found by either identity; the conversation is unique per number and customer.
 * `started` says whether the conversation row was created by this call. Writes nothing else: no
 * message, no window, no preview (the send that follows records its own).
 */
export async function findOrStartConversation(
  db: Database,
  input: { phoneNumberId: string; customer: CustomerIdentity },
): Promise<{ conversationId: string; customerKey: string; started: boolean }> {
  return db.transaction(async (tx) => {
    let customerKey = await findCustomerKey(tx, input.customer);
    if (!customerKey) {
      const key = input.customer.phone ?? input.customer.userId;
      // Any unique identity taken meanwhile (by a webhook's delivery) keeps its row: it is read again below.
      await tx
        .insert(contacts)
        .values({ waId: key, phoneNumber: input.customer.phone ?? null, userId: input.customer.userId ?? null })
        .onConflictDoNothing();
      customerKey = (await findCustomerKey(tx, input.customer)) ?? key;
    }
    const [inserted] = await tx
      .insert(conversations)
      .values({ phoneNumberId: input.phoneNumberId, waId: customerKey })
      .onConflictDoNothing({ target: [conversations.phoneNumberId, conversations.waId] })
      .returning({ id: conversations.id });
    if (inserted) return { conversationId: inserted.id, customerKey, started: true };
    const existing = await findConversationId(tx, input.phoneNumberId, customerKey);
    if (!existing) throw new Error(`The conversation of ${customerKey} on ${input.phoneNumberId} was neither created nor found.`);
    return { conversationId: existing, customerKey, started: false };
  });
}

/**
 * Removes a conversation that never held a message (started for a send refused before anything was
 * stored), so no empty conversation without activity stays in the inbox. A message stored meanwhile
 * (the customer wrote, another send went out) keeps it. The customer row stays: an identity with no
 * conversation is shown nowhere, and the ingest may already know it. True when removed.
 */
export async function discardEmptyConversation(db: Database, conversationId: string): Promise<boolean> {
  const removed = await db
    .delete(conversations)
    .where(
      and(
        eq(conversations.id, conversationId),
        isNull(conversations.lastMessageAt),
        notExists(db.select({ one: sql`1` }).from(messages).where(eq(messages.conversationId, conversationId))),
      ),
    )
    .returning({ id: conversations.id });
  return removed.length > 0;
}

