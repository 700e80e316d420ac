/**
 * Campaigns before they send: drafts, their list and detail rows, the counts of their recipients, and
 * the audience read in stable batches (by contact id) for the plan and the preview.
 */
import { and, asc, desc, eq, gt, ilike, inArray, sql, type SQL } from "drizzle-orm";

import type { Database } from "../client";
import { rowsOf } from "../rows";
import { campaignRecipients, campaigns, contactImportContacts, contacts, contactTags, conversations, phoneNumbers, users, type Campaign } from "../schema";
import { escapeLike } from "./search";
import { phoneNumberInScope, type ConnectionScope } from "./connection-access";

export type NewCampaign = typeof campaigns.$inferInsert;
export type CampaignPatch = Partial<Pick<NewCampaign, "name" | "phoneNumberId" | "templateId" | "templateName" | "templateLanguage" | "templateCategory" | "audience" | "mapping">>;

/** A campaign with what its views show beside it. */
export interface CampaignDetailRow {
  campaign: Campaign;
  businessNumber: string | null;
  createdByName: string | null;
}

export async function insertCampaign(db: Database, values: NewCampaign): Promise<Campaign> {
  const [created] = await db.insert(campaigns).values(values).returning();
  return created!;
}

const detailColumns = { campaign: campaigns, businessNumber: phoneNumbers.displayPhoneNumber, createdByName: users.name };

export async function findCampaignDetail(db: Database, campaignId: string): Promise<CampaignDetailRow | undefined> {
  const [row] = await db
    .select(detailColumns)
    .from(campaigns)
    .leftJoin(phoneNumbers, eq(phoneNumbers.id, campaigns.phoneNumberId))
    .leftJoin(users, eq(users.id, campaigns.createdById))
    .where(eq(campaigns.id, campaignId))
    .limit(1);
  return row;
}

/** Campaigns on the scope's numbers, newest first, by status and a part of the name. */
export async function listCampaignDetails(
  db: Database,
  options: { scope: ConnectionScope; status?: Campaign["status"]; q?: string; limit: number },
): Promise<CampaignDetailRow[]> {
  const q = options.q?.trim();
  return db
    .select(detailColumns)
    .from(campaigns)
    .leftJoin(phoneNumbers, eq(phoneNumbers.id, campaigns.phoneNumberId))
    .leftJoin(users, eq(users.id, campaigns.createdById))
    .where(
      and(
        phoneNumberInScope(options.scope, campaigns.phoneNumberId),
        options.status ? eq(campaigns.status, options.status) : undefined,
        q ? ilike(campaigns.name, `%${escapeLike(q)}%`) : undefined,
      ),
    )
    .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
    .limit(options.limit);
}

/** Skipped recipients of each campaign counted by reason (only the reasons that occur). */
export async function skippedReasonCounts(db: Database, campaignIds: string[]): Promise<Array<{ campaignId: string; reason: string; count: number }>> {
  if (campaignIds.length === 0) return [];
  const r = campaignRecipients;
  const rows = await db
    .select({ campaignId: r.campaignId, reason: sql<string>`coalesce(${r.skipReason}, '')`, count: sql<number>`count(*)::int` })
    .from(r)
    .where(and(inArray(r.campaignId, campaignIds), eq(r.status, "skipped")))
    .groupBy(r.campaignId, r.skipReason);
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}

/** Changes a draft; undefined when it is no longer one (or does not exist). */
export async function updateDraftCampaign(db: Database, campaignId: string, patch: CampaignPatch): Promise<Campaign | undefined> {
  const [updated] = await db
    .update(campaigns)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.status, "draft")))
    .returning();
  return updated;
}

/** Deletes a draft; undefined when it is no longer one (or does not exist). */
export async function deleteDraftCampaign(db: Database, campaignId: string): Promise<Campaign | undefined> {
  const [deleted] = await db
    .delete(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.status, "draft")))
    .returning();
  return deleted;
}

// --- the audience ------------------------------------------------------------------------------------

/** The contacts a finished import created or updated. */
export function importedContactsCondition(importId: string): SQL {
  return sql`exists (select 1 from ${contactImportContacts} where ${contactImportContacts.importId} = ${importId} and ${contactImportContacts.contactId} = ${contacts.id})`;
}

/** A contact of an audience as the plan reads it. */
export interface AudienceContact {
  id: string;
  waId: string;
  phoneNumber: string | null;
  displayName: string | null;
  profileName: string | null;
  consent: "opted_in" | "unknown" | "opted_out";
  attributes: Record<string, string | number | boolean>;
  /** A conversation with the contact exists on the campaign's business number. */
  hasConversation: boolean;
}

function audienceQuery(db: Database, where: SQL, phoneNumberId: string) {
  return db
    .select({
      id: contacts.id,
      waId: contacts.waId,
      phoneNumber: contacts.phoneNumber,
      displayName: contacts.displayName,
      profileName: contacts.profileName,
      consent: contacts.consent,
      attributes: contacts.attributes,
      // Written with the table's own name: in a select list drizzle leaves columns unqualified, and the subquery would read its own.
      hasConversation: sql<boolean>`exists (select 1 from ${conversations} c where c.wa_id = "contacts"."wa_id" and c.phone_number_id = ${phoneNumberId})`,
    })
    .from(contacts)
    .where(where)
    .orderBy(asc(contacts.id));
}

const audienceContactOf = (row: AudienceContact): AudienceContact => ({ ...row, hasConversation: Boolean(row.hasConversation) });

/** The next batch of the audience after a contact id, in id order (stable across calls). */
export async function audienceBatch(db: Database, options: { where: SQL; phoneNumberId: string; afterId: string | null; limit: number }): Promise<AudienceContact[]> {
  const where = options.afterId ? and(options.where, gt(contacts.id, options.afterId))! : options.where;
  return (await audienceQuery(db, where, options.phoneNumberId).limit(options.limit)).map(audienceContactOf);
}

/** The audience's contact at a position of that order (0 = the first); undefined past its end. */
export async function audienceContactAt(db: Database, options: { where: SQL; phoneNumberId: string; index: number }): Promise<AudienceContact | undefined> {
  const [row] = await audienceQuery(db, options.where, options.phoneNumberId).limit(1).offset(options.index);
  return row ? audienceContactOf(row) : undefined;
}

/** How many contacts the condition keeps. */
export async function countAudience(db: Database, where: SQL): Promise<number> {
  const rows = rowsOf<{ count: number | string }>(await db.execute(sql`select count(*)::int as count from ${contacts} where ${where}`));
  return Number(rows[0]?.count ?? 0);
}

/** Tag names by id (those that exist). */
export async function tagNamesByIds(db: Database, tagIds: string[]): Promise<Map<string, string>> {
  if (tagIds.length === 0) return new Map();
  const rows = await db.select({ id: contactTags.id, name: contactTags.name }).from(contactTags).where(inArray(contactTags.id, tagIds));
  return new Map(rows.map((row) => [row.id, row.name]));
}
