/**
 * A campaign's results as people read them: counts (the funnel is cumulative), recipients page by
 * page with their error explained, failures grouped by error with whether retrying is safe, and
 * the CSV of every recipient. Everyone may read results of the campaigns on their connections.
 */
import "server-only";

import { stringify } from "csv-stringify/sync";

import type { Database } from "@/db";
import { findCampaignRow, failureCounts, recipientCounts, recipientPage } from "@/db/queries/campaign-recipients";
import { skippedReasonCounts } from "@/db/queries/campaigns";
import { parseSearch, SEARCH_MAX_LENGTH } from "@/db/queries/search";
import { CAMPAIGN_RECIPIENT_STATUSES, type Campaign, type CampaignRecipientStatus } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { isPhoneNumberVisible, NotFoundError } from "@/lib/auth/connection-access";
import { can } from "@/lib/auth/permissions";
import { AuthorizationError } from "@/lib/auth/session";
import { neutralisedRow } from "@/lib/csv";
import { message, type Translate } from "@/lib/i18n/translatable";
import { inEnglish } from "@/lib/i18n/translators";

import type { CampaignActor } from "./lifecycle";
import { recipientErrorExplanation } from "./lifecycle";
import { SKIP_REASONS, type CampaignCounts, type FailureGroup, type RecipientView, type SkipReason } from "./types";

export const RECIPIENTS_PAGE_MAX = 200;
/** Rows read per statement while the export is written. */
const EXPORT_BATCH = 1_000;

type ResultsActor = Pick<CampaignActor, "role" | "connections">;

/** Counts of each campaign (zeros for one without recipients: a draft, a scheduled one). */
export async function campaignCounts(db: Database, campaignIds: string[]): Promise<Map<string, CampaignCounts>> {
  const rows = new Map((await recipientCounts(db, campaignIds)).map((row) => [row.campaignId, row]));
  return new Map(
    campaignIds.map((id) => {
      const row = rows.get(id);
      const counts: CampaignCounts = row
        ? {
            audience: row.audience,
            eligible: row.audience - row.skipped,
            skipped: row.skipped,
            pending: row.pending + row.sending,
            sent: row.sent,
            delivered: row.delivered,
            read: row.read,
            replied: row.replied,
            failed: row.failed,
            cancelled: row.cancelled,
          }
        : { audience: 0, eligible: 0, skipped: 0, pending: 0, sent: 0, delivered: 0, read: 0, replied: 0, failed: 0, cancelled: 0 };
      return [id, counts];
    }),
  );
}

const isSkipReason = (reason: string): reason is SkipReason => (SKIP_REASONS as readonly string[]).includes(reason);

/** Each campaign's skipped recipients by reason, every reason present (zeros for a campaign without recipients). */
export async function skippedByReason(db: Database, campaignIds: string[]): Promise<Map<string, Record<SkipReason, number>>> {
  const zeros = () => Object.fromEntries(SKIP_REASONS.map((reason) => [reason, 0])) as Record<SkipReason, number>;
  const counts = new Map(campaignIds.map((id) => [id, zeros()]));
  for (const row of await skippedReasonCounts(db, campaignIds)) {
    // A reason this version does not name still counts in the skipped total, just not here.
    if (isSkipReason(row.reason)) counts.get(row.campaignId)![row.reason] += row.count;
  }
  return counts;
}

/** The campaign when the actor may read its results (campaigns.view, its number in their connections); else refused or "not found". */
export async function readableCampaign(db: Database, actor: ResultsActor, campaignId: string): Promise<Campaign> {
  if (!can(actor.role, "campaigns.view")) throw new AuthorizationError(403, message("auth.authorization.roleNotAllowed", { role: actor.role }));
  const campaign = /^[0-9a-f-]{36}$/i.test(campaignId) ? await findCampaignRow(db, campaignId) : undefined;
  if (!campaign || !(await isPhoneNumberVisible(db, actor.connections, campaign.phoneNumberId))) throw new NotFoundError(message("campaigns.send.errors.notFound"));
  return campaign;
}

export interface RecipientQuery {
  status?: CampaignRecipientStatus;
  reason?: SkipReason;
  /** Names, username or number of the recipient's contact, as every list searches (db/queries/search.ts). */
  search?: string;
  /** `nextCursor` of the previous page. */
  cursor?: string;
  limit: number;
}

/** Checks a page's parameters as a door received them (INVALID_INPUT naming the parameter). */
export function checkRecipientQuery(input: {
  status?: string | null;
  reason?: string | null;
  q?: string | null;
  cursor?: string | null;
  limit?: string | number | null;
}): RecipientQuery {
  const status = input.status || undefined;
  if (status !== undefined && !(CAMPAIGN_RECIPIENT_STATUSES as readonly string[]).includes(status)) {
    throw new ActionError(message("campaigns.send.errors.badStatus", { status }), { code: "INVALID_INPUT", field: "status" });
  }
  const reason = input.reason || undefined;
  if (reason !== undefined && !(SKIP_REASONS as readonly string[]).includes(reason)) {
    throw new ActionError(message("campaigns.send.errors.badReason", { reason }), { code: "INVALID_INPUT", field: "reason" });
  }
  const search = input.q?.trim() || undefined;
  if (search !== undefined && search.length > SEARCH_MAX_LENGTH) {
    throw new ActionError(message("campaigns.send.errors.badSearch", { maximum: SEARCH_MAX_LENGTH }), { code: "INVALID_INPUT", field: "q" });
  }
  const cursor = input.cursor || undefined;
  if (cursor !== undefined && !/^\d{1,15}$/.test(cursor)) throw new ActionError(message("campaigns.send.errors.badCursor"), { code: "INVALID_INPUT", field: "cursor" });
  const limit = input.limit === undefined || input.limit === null || input.limit === "" ? 50 : Number(input.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > RECIPIENTS_PAGE_MAX) {
    throw new ActionError(message("campaigns.send.errors.badLimit", { maximum: RECIPIENTS_PAGE_MAX }), { code: "INVALID_INPUT", field: "limit" });
  }
  return { status: status as CampaignRecipientStatus | undefined, reason: reason as SkipReason | undefined, search, cursor, limit };
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

type PageRow = Awaited<ReturnType<typeof recipientPage>>[number];

function recipientView({ recipient, name }: PageRow): RecipientView {
  const explained = recipientErrorExplanation(recipient.errorCode);
  const failed = recipient.status === "failed";
  return {
    id: recipient.id,
    contactId: recipient.contactId,
    name,
    phoneNumber: recipient.phoneNumber,
    status: recipient.status,
    skipReason: (recipient.skipReason as SkipReason | null) ?? null,
    error: failed
      ? { code: recipient.errorCode, title: recipient.errorTitle, ...(explained ? { explanationKey: explained.key } : {}), retrySafe: explained?.retryLater ?? false }
      : null,
    conversationId: recipient.conversationId,
    sentAt: iso(recipient.sentAt),
    deliveredAt: iso(recipient.deliveredAt),
    readAt: iso(recipient.readAt),
    repliedAt: iso(recipient.repliedAt),
    failedAt: iso(recipient.failedAt),
  };
}

/** A page of recipients in a stable order, filtered by status or skip reason. */
export async function listRecipients(db: Database, actor: ResultsActor, campaignId: string, query: RecipientQuery): Promise<{ items: RecipientView[]; nextCursor: string | null }> {
  const campaign = await readableCampaign(db, actor, campaignId);
  const limit = Math.min(Math.max(1, Math.trunc(query.limit)), RECIPIENTS_PAGE_MAX);
  const rows = await recipientPage(db, campaign.id, {
    status: query.status,
    reason: query.reason,
    search: parseSearch(query.search) ?? undefined,
    after: query.cursor !== undefined ? Number(query.cursor) : undefined,
    limit: limit + 1,
  });
  const items = rows.slice(0, limit).map(recipientView);
  return { items, nextCursor: rows.length > limit ? String(items.at(-1)!.id) : null };
}

/** Failed recipients grouped by error, most frequent first, with the explanation and whether a retry is safe. */
export async function failureGroups(db: Database, actor: ResultsActor, campaignId: string): Promise<FailureGroup[]> {
  const campaign = await readableCampaign(db, actor, campaignId);
  return (await failureCounts(db, campaign.id)).map((group) => {
    const explained = recipientErrorExplanation(group.code);
    return { code: group.code, title: group.title, explanationKey: explained?.key ?? null, retrySafe: explained?.retryLater ?? false, count: group.count };
  });
}

/** Every recipient as CSV (headers and statuses in the reader's language; names and numbers as stored). */
export async function exportRecipientsCsv(db: Database, actor: ResultsActor, campaignId: string, t: Translate = inEnglish): Promise<{ fileName: string; csv: string }> {
  const campaign = await readableCampaign(db, actor, campaignId);
  const columns = ["name", "phone", "status", "skipReason", "errorCode", "error", "sentAt", "deliveredAt", "readAt", "repliedAt", "failedAt", "conversation"] as const;
  const lines: string[][] = [columns.map((column) => t(`campaigns.export.columns.${column}`))];
  for (let after: number | undefined; ; ) {
    const rows = await recipientPage(db, campaign.id, { after, limit: EXPORT_BATCH });
    for (const row of rows) {
      const view = recipientView(row);
      lines.push([
        view.name ?? "",
        view.phoneNumber ? `+${view.phoneNumber}` : "",
        t(`campaigns.export.statuses.${view.status}`),
        view.skipReason ? t(`campaigns.export.reasons.${view.skipReason}`) : "",
        view.error?.code ? String(view.error.code) : "",
        view.error?.title ?? "",
        view.sentAt ?? "",
        view.deliveredAt ?? "",
        view.readAt ?? "",
        view.repliedAt ?? "",
        view.failedAt ?? "",
        view.conversationId ?? "",
      ]);
    }
    if (rows.length < EXPORT_BATCH) break;
    after = rows.at(-1)!.recipient.id;
  }
  const safeName = campaign.name.replace(/[^\p{L}\p{N} _-]+/gu, "").trim().slice(0, 80) || "campaign";
  return { fileName: `${safeName}-recipients.csv`, csv: stringify(lines.map(neutralisedRow)) };
}
