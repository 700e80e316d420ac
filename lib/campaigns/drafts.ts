/**
 * Campaigns as marketers build them: drafts created, changed and deleted (only while drafts), each
 * checked (name, an approved template of the number's account, a mapping for every variable, an
 * audience that exists) and audited; campaigns read as their views; and a test send of the template
 * to the user's own number.
 */
import "server-only";

import { randomUUID } from "node:crypto";

import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { deleteDraftCampaign, insertCampaign, listCampaignDetails, updateDraftCampaign, type CampaignDetailRow, type CampaignPatch } from "@/db/queries/campaigns";
import type { Campaign } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { can } from "@/lib/auth/permissions";
import { AuthorizationError } from "@/lib/auth/session";
import type { ContactActor } from "@/lib/contacts/access";
import { normalisePhone } from "@/lib/contacts/phone";
import { message } from "@/lib/i18n/translatable";
import type { SendContext } from "@/lib/inbox/outbound";
import { sendToCustomer } from "@/lib/inbox/start-conversation";
import type { TemplateDefinition, TemplateValues } from "@/lib/whatsapp/template-fill";

import { audienceLabel, audienceSize, checkAudience } from "./audience";
import { actualCost } from "./costs";
import { ATTRIBUTE_KEY_PATTERN } from "@/lib/contacts/filter";
import { mappingKeys, needsHeaderMedia, resolveValues } from "./mapping";
import { campaignOrThrow, evaluateAudience, sendableTemplate, subjectOfCampaign, templateDefinitionOf } from "./plan";
import { campaignCounts, skippedByReason } from "./results";
import type { CampaignAudience, CampaignMapping, CampaignView, CostSummary } from "./types";

export const CAMPAIGN_LIMITS = { name: 120, value: 1024, list: 500 } as const;

export interface CampaignInput {
  name: string;
  phoneNumberId: string;
  templateId: string;
  audience: CampaignAudience;
  mapping: CampaignMapping;
}

export type CampaignChanges = Partial<CampaignInput>;

const invalidInput = (key: Parameters<typeof message>[0], field: string, values?: Record<string, string | number>) =>
  new ActionError(message(key, values), { code: "INVALID_INPUT", field });

function requireManage(actor: ContactActor): void {
  if (!can(actor.role, "campaigns.manage")) throw new AuthorizationError(403, message("auth.authorization.roleNotAllowed", { role: actor.role }));
}

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === "") throw invalidInput("campaigns.errors.nameRequired", "name");
  if ([...trimmed].length > CAMPAIGN_LIMITS.name) throw invalidInput("campaigns.errors.nameTooLong", "name", { maximum: CAMPAIGN_LIMITS.name });
  return trimmed;
}

/**
 * The mapping as stored: only the template's keys, each mapped (a fixed text not empty, an attribute
 * key as attributes are named, values within {@link CAMPAIGN_LIMITS.value}), and the header's media
 * for a media header. Refusals name `mapping.variables.<key>` or `mapping.headerMediaId`.
 */
export function checkedMapping(template: TemplateDefinition, mapping: CampaignMapping): CampaignMapping {
  const keys = mappingKeys(template).map((entry) => entry.key);
  const field = (key: string) => `mapping.variables.${key}`;
  for (const key of Object.keys(mapping.variables)) {
    if (!keys.includes(key)) throw invalidInput("campaigns.errors.unknownVariable", field(key), { variable: key });
  }
  const variables: CampaignMapping["variables"] = {};
  for (const key of keys) {
    const source = mapping.variables[key];
    if (!source) throw invalidInput("campaigns.errors.variableUnmapped", field(key), { variable: key });
    const texts = source.source === "fixed" ? [source.value] : [source.fallback ?? ""];
    if (texts.some((text) => [...text].length > CAMPAIGN_LIMITS.value)) throw invalidInput("campaigns.errors.valueTooLong", field(key), { maximum: CAMPAIGN_LIMITS.value });
    if (source.source === "fixed" && source.value.trim() === "") throw invalidInput("campaigns.errors.fixedValueRequired", field(key), { variable: key });
    if (source.source === "attribute" && !ATTRIBUTE_KEY_PATTERN.test(source.key)) throw invalidInput("campaigns.errors.unknownAttribute", `${field(key)}.key`, { key: source.key });
    variables[key] = source;
  }
  const headerMediaId = mapping.headerMediaId?.trim() || undefined;
  if (needsHeaderMedia(template) && !headerMediaId) throw invalidInput("campaigns.errors.headerMediaRequired", "mapping.headerMediaId");
  return { variables, ...(needsHeaderMedia(template) && headerMediaId ? { headerMediaId } : {}) };
}

/** Everything a draft holds, checked; the template's name, language and category kept as chosen. */
async function checkedDraft(db: Database, actor: ContactActor, input: CampaignInput): Promise<Required<CampaignPatch>> {
  const name = checkedName(input.name);
  const template = await sendableTemplate(db, actor, input.phoneNumberId, input.templateId);
  const mapping = checkedMapping(templateDefinitionOf(template), input.mapping);
  await checkAudience(db, input.audience);
  return {
    name,
    phoneNumberId: input.phoneNumberId,
    templateId: template.id,
    templateName: template.name,
    templateLanguage: template.language,
    templateCategory: template.category,
    audience: input.audience as unknown as Record<string, unknown>,
    mapping: mapping as unknown as Record<string, unknown>,
  };
}

const notDraft = () => new ActionError(message("campaigns.errors.notDraft"), { code: "CONFLICT", field: "campaignId" });

export async function createCampaign(db: Database, actor: ContactActor, input: CampaignInput): Promise<CampaignView> {
  requireManage(actor);
  const values = await checkedDraft(db, actor, input);
  const created = await db.transaction(async (tx) => {
    const row = await insertCampaign(tx, { ...values, createdById: actor.id });
    await recordAudit(tx, { actor, action: "campaign.created", target: { type: "campaign", id: row.id }, details: { name: row.name, templateName: row.templateName } });
    return row;
  });
  return getCampaign(db, actor, created.id);
}

/** Changes a draft (the fields given); a campaign past its draft is a CONFLICT. */
export async function updateCampaign(db: Database, actor: ContactActor, campaignId: string, changes: CampaignChanges): Promise<CampaignView> {
  requireManage(actor);
  const { campaign } = await campaignOrThrow(db, actor, campaignId);
  if (campaign.status !== "draft") throw notDraft();
  const values = await checkedDraft(db, actor, {
    name: changes.name ?? campaign.name,
    phoneNumberId: changes.phoneNumberId ?? campaign.phoneNumberId,
    templateId: changes.templateId ?? campaign.templateId ?? "",
    audience: changes.audience ?? (campaign.audience as unknown as CampaignAudience),
    mapping: changes.mapping ?? (campaign.mapping as unknown as CampaignMapping),
  });
  const changed = (Object.keys(values) as Array<keyof typeof values>).filter((key) => JSON.stringify(values[key]) !== JSON.stringify(campaign[key as keyof Campaign]));
  await db.transaction(async (tx) => {
    const updated = await updateDraftCampaign(tx, campaign.id, values);
    if (!updated) throw notDraft();
    await recordAudit(tx, { actor, action: "campaign.updated", target: { type: "campaign", id: campaign.id }, details: { changed } });
  });
  return getCampaign(db, actor, campaign.id);
}

export async function deleteCampaign(db: Database, actor: ContactActor, campaignId: string): Promise<void> {
  requireManage(actor);
  const { campaign } = await campaignOrThrow(db, actor, campaignId);
  if (campaign.status !== "draft") throw notDraft();
  await db.transaction(async (tx) => {
    const deleted = await deleteDraftCampaign(tx, campaign.id);
    if (!deleted) throw notDraft();
    await recordAudit(tx, { actor, action: "campaign.deleted", target: { type: "campaign", id: campaign.id }, details: { name: campaign.name } });
  });
}

// --- views -------------------------------------------------------------------------------------------

const iso = (date: Date | null) => (date ? date.toISOString() : null);

async function viewsOf(db: Database, actor: ContactActor, rows: CampaignDetailRow[]): Promise<CampaignView[]> {
  const counts = await campaignCounts(
    db,
    rows.map((row) => row.campaign.id),
  );
  const skipped = await skippedByReason(
    db,
    rows.filter((row) => row.campaign.status !== "draft" && row.campaign.status !== "scheduled").map((row) => row.campaign.id),
  );
  return Promise.all(
    rows.map(async ({ campaign, businessNumber, createdByName }): Promise<CampaignView> => {
      const audience = campaign.audience as unknown as CampaignAudience;
      const started = campaign.status !== "draft" && campaign.status !== "scheduled";
      const snapshot = counts.get(campaign.id)!;
      // Recipients are fixed when it starts: until then the audience is counted as it stands now.
      const audienceNow = started ? snapshot.audience : await audienceSize(db, actor, audience).catch(() => snapshot.audience);
      return {
        id: campaign.id,
        name: campaign.name,
        status: campaign.status,
        phoneNumberId: campaign.phoneNumberId,
        businessNumber: businessNumber ?? campaign.phoneNumberId,
        template: { id: campaign.templateId, name: campaign.templateName, language: campaign.templateLanguage, category: campaign.templateCategory },
        audience,
        audienceLabel: await audienceLabel(db, audience),
        mapping: campaign.mapping as unknown as CampaignMapping,
        scheduledAt: iso(campaign.scheduledAt),
        timeZone: campaign.timeZone,
        counts: { ...snapshot, audience: audienceNow },
        skippedByReason: skipped.get(campaign.id) ?? null,
        estimate: (campaign.estimate as unknown as CostSummary | null) ?? null,
        actualCost: started ? await actualCost(db, campaign.id) : null,
        createdBy: campaign.createdById ? { id: campaign.createdById, name: createdByName ?? "" } : null,
        createdAt: campaign.createdAt.toISOString(),
        startedAt: iso(campaign.startedAt),
        pausedAt: iso(campaign.pausedAt),
        finishedAt: iso(campaign.finishedAt),
        cancelledAt: iso(campaign.cancelledAt),
        error: campaign.error,
        can: { manage: can(actor.role, "campaigns.manage") },
      };
    }),
  );
}

function requireView(actor: ContactActor): void {
  if (!can(actor.role, "campaigns.view")) throw new AuthorizationError(403, message("auth.authorization.roleNotAllowed", { role: actor.role }));
}

/** One campaign the actor may see (its business number in their connections). */
export async function getCampaign(db: Database, actor: ContactActor, campaignId: string): Promise<CampaignView> {
  requireView(actor);
  const [view] = await viewsOf(db, actor, [await campaignOrThrow(db, actor, campaignId)]);
  return view!;
}

/** The campaigns on the actor's numbers, newest first (at most {@link CAMPAIGN_LIMITS.list}), by status and a part of the name. */
export async function listCampaigns(db: Database, actor: ContactActor, filters: { status?: Campaign["status"]; q?: string }): Promise<CampaignView[]> {
  requireView(actor);
  const rows = await listCampaignDetails(db, { scope: actor.connections, status: filters.status, q: filters.q, limit: CAMPAIGN_LIMITS.list });
  return viewsOf(db, actor, rows);
}

// --- test send ---------------------------------------------------------------------------------------

/** The values of the audience's first eligible recipient, else the mapping's fixed values and fallbacks. */
async function testValues(db: Database, actor: ContactActor, row: CampaignDetailRow): Promise<{ template: TemplateDefinition; values: TemplateValues }> {
  const subject = await subjectOfCampaign(db, actor, row);
  let found: TemplateValues | undefined;
  await evaluateAudience(db, actor, subject, (batch) => {
    found ??= batch.find((evaluated) => evaluated.decision.reason === null)?.values;
    return found ? "stop" : undefined;
  });
  if (found) return { template: subject.template, values: found };
  const fallback = resolveValues(subject.template, subject.mapping, { displayName: null, profileName: null, phoneNumber: null, attributes: {} });
  const missing = fallback.missing[0];
  if (missing !== undefined) {
    throw invalidInput("campaigns.errors.testValuesMissing", missing === "header_media" ? "mapping.headerMediaId" : `mapping.variables.${missing}`, { variable: missing });
  }
  return { template: subject.template, values: fallback.values };
}

/**
 * Sends the campaign's template to a number the user gives (their own), from the campaign's business
 * number, before the campaign goes out: with the first eligible recipient's values (else the fixed
 * values and fallbacks), as an agent's send is prioritised, under a fresh key each time. Audited.
 */
export async function sendTestMessage(
  db: Database,
  actor: ContactActor,
  campaignId: string,
  input: { phone: string; defaultCountry?: string },
  context: Omit<SendContext, "priority"> = {},
): Promise<{ messageId: string; conversationId: string }> {
  requireManage(actor);
  const row = await campaignOrThrow(db, actor, campaignId);
  const phone = normalisePhone(input.phone, input.defaultCountry || undefined);
  if (!phone.ok) throw invalidInput(phone.reason === "invalid_country" ? "campaigns.errors.testPhoneCountry" : "campaigns.errors.testPhoneInvalid", phone.reason === "invalid_country" && input.defaultCountry ? "defaultCountry" : "phone");
  const { template, values } = await testValues(db, actor, row);
  const outcome = await sendToCustomer(
    db,
    {
      phoneNumberId: row.campaign.phoneNumberId,
      scope: actor.connections,
      senderId: actor.id,
      clientKey: `campaign-test:${row.campaign.id}:${randomUUID()}`,
      customer: { phone: phone.digits },
      message: { kind: "template", name: template.name, languageCode: template.language, values },
    },
    { ...context, priority: "interactive" },
  );
  await recordAudit(db, { actor, action: "campaign.test_sent", target: { type: "campaign", id: row.campaign.id }, details: { to: phone.e164, messageId: outcome.messageId } });
  return { messageId: outcome.messageId, conversationId: outcome.conversationId };
}
