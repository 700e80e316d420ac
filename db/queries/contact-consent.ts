import { and, desc, eq, inArray, isNull } from "drizzle-orm";

import type { Database } from "../client";
import { contactConsentEvents, contacts, conversations, users, type CONTACT_CONSENTS } from "../schema";

/*
 * A contact's marketing consent: the state in force on `contacts` and its history in
 * `contact_consent_events`. lib/contacts/consent.ts decides who may change it; the ingest applies the
 * customer's own word (WhatsApp's stop/resume, an opt-out keyword) through the same function.
 */

export type StoredConsent = (typeof CONTACT_CONSENTS)[number];

/** A consent as it is in force: the state, where it came from and when it was given or withdrawn. */
export interface ConsentInForce {
  state: StoredConsent;
  source: string | null;
  at: Date | null;
}

export interface ConsentChangeToApply {
  state: "opted_in" | "opted_out";
  source: string;
  /** The team member who made it; null for the customer's own word, an import, a form. */
  actorId: string | null;
  detail: string | null;
  /** What caused it (a wamid, an import's id, a webhook's item): a change with the same source and ref is recorded once. */
  sourceRef: string | null;
  at: Date;
}

export interface ConsentChangeOutcome {
  contactId: string;
  waId: string;
  before: ConsentInForce;
  after: ConsentInForce;
  /** The consent moved to another state and the history row was written. */
  applied: boolean;
}

/**
 * Applies a consent change to a contact that is not deleted, named by its public id or its key, in
 * the caller's transaction (the row is locked until it ends). Nothing is written when the change is
 * older than the consent in force (a late replay never overrides a newer word), when it was already
 * recorded (same source and ref), or, with `keepOptedOut`, when it would opt in an opted-out contact.
 * A change to the state in force writes no history; with `touchWhenSame` a newer one moves the time,
 * so that an older change arriving later still counts as older. Undefined when there is no such contact.
 */
export async function applyConsentChange(
  db: Database,
  target: { contactId: string } | { waId: string },
  change: ConsentChangeToApply,
  options: { touchWhenSame?: boolean; keepOptedOut?: boolean } = {},
): Promise<ConsentChangeOutcome | undefined> {
  const [row] = await db
    .select({ contactId: contacts.id, waId: contacts.waId, state: contacts.consent, source: contacts.consentSource, at: contacts.consentAt })
    .from(contacts)
    .where(and("contactId" in target ? eq(contacts.id, target.contactId) : eq(contacts.waId, target.waId), isNull(contacts.deletedAt)))
    .for("update");
  if (!row) return undefined;
  const before: ConsentInForce = { state: row.state, source: row.source, at: row.at };
  const unchanged = { contactId: row.contactId, waId: row.waId, before, after: before, applied: false };
  if (before.at && before.at > change.at) return unchanged;
  if (options.keepOptedOut && before.state === "opted_out" && change.state === "opted_in") return unchanged;
  if (before.state === change.state) {
    if (!options.touchWhenSame || (before.at && before.at >= change.at)) return unchanged;
    await db.update(contacts).set({ consentAt: change.at }).where(eq(contacts.id, row.contactId));
    return { ...unchanged, after: { ...before, at: change.at } };
  }
  const recorded = await db
    .insert(contactConsentEvents)
    .values({ contactId: row.contactId, consent: change.state, source: change.source, actorId: change.actorId, detail: change.detail, sourceRef: change.sourceRef, at: change.at })
    .onConflictDoNothing()
    .returning({ id: contactConsentEvents.id });
  if (recorded.length === 0) return unchanged;
  await db
    .update(contacts)
    .set({ consent: change.state, consentSource: change.source, consentAt: change.at, updatedAt: new Date() })
    .where(eq(contacts.id, row.contactId));
  return { ...unchanged, after: { state: change.state, source: change.source, at: change.at }, applied: true };
}

/** A contact's consent history, newest first, with the team member behind each change when known. */
export async function listConsentEvents(db: Database, contactId: string) {
  return db
    .select({
      id: contactConsentEvents.id,
      state: contactConsentEvents.consent,
      source: contactConsentEvents.source,
      actorId: users.id,
      actorName: users.name,
      detail: contactConsentEvents.detail,
      at: contactConsentEvents.at,
    })
    .from(contactConsentEvents)
    .leftJoin(users, eq(users.id, contactConsentEvents.actorId))
    .where(eq(contactConsentEvents.contactId, contactId))
    .orderBy(desc(contactConsentEvents.at), desc(contactConsentEvents.id));
}

export type ConsentEventRow = Awaited<ReturnType<typeof listConsentEvents>>[number];

/** The conversations of the customers with these keys: the inbox shows their consent. */
export async function conversationIdsOfCustomers(db: Database, waIds: string[]): Promise<string[]> {
  if (waIds.length === 0) return [];
  const rows = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(inArray(conversations.waId, waIds));
  return rows.map((row) => row.id);
}
