/**
 * What a campaign will do before it sends: every contact of its audience evaluated in batches (the
 * mapping's values, the skip rules), the counts by reason, the estimate over the whole audience, a
 * few recipients to show, and any one recipient by position for the builder's preview.
 */
import "server-only";

import type { SQL } from "drizzle-orm";

import type { Database } from "@/db/client";
import { audienceBatch, audienceContactAt, findCampaignDetail, type AudienceContact, type CampaignDetailRow } from "@/db/queries/campaigns";
import { findPhoneNumber } from "@/db/queries/phone-numbers";
import type { Template } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { findVisibleTemplate, isPhoneNumberVisible, NotFoundError } from "@/lib/auth/connection-access";
import type { ContactActor } from "@/lib/contacts/access";
import { message } from "@/lib/i18n/translatable";
import { renderTemplate, type TemplateDefinition, type TemplateValues } from "@/lib/whatsapp/template-fill";
import { templateParameterFormat } from "@/lib/whatsapp/templates";

import { audienceCondition } from "./audience";
import { resolveValues } from "./mapping";
import { estimateCost } from "./pricing";
import { emptySkipCounts, skipReason, type SkipDecision } from "./skip-rules";
import type { CampaignAudience, CampaignMapping, CampaignPlan, RecipientPreview, SkipReason } from "./types";

/** Contacts read and judged at a time. */
export const PLAN_BATCH_SIZE = 1000;
/** Recipients the plan shows. */
export const PLAN_SAMPLE_SIZE = 5;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const CAMPAIGN_NOT_FOUND = message("campaigns.errors.notFound");

/** A campaign not yet saved: what the builder has chosen so far. */
export interface CampaignDraftInput {
  phoneNumberId: string;
  templateId: string;
  audience: CampaignAudience;
  mapping: CampaignMapping;
}

/** What the plan works on: the number, the template (as Graph defines it), the audience and the mapping. */
export interface PlanSubject {
  phoneNumberId: string;
  template: TemplateDefinition & { category: string };
  audience: CampaignAudience;
  mapping: CampaignMapping;
}

export function templateDefinitionOf(row: Pick<Template, "name" | "language" | "category" | "parameterFormat" | "components">): TemplateDefinition & { category: string } {
  return {
    name: row.name,
    language: row.language,
    category: row.category,
    parameter_format: templateParameterFormat({ parameter_format: row.parameterFormat, components: row.components }),
    components: row.components as TemplateDefinition["components"],
  };
}

/** A campaign the actor may see (its business number in their connections); "not found" otherwise. */
export async function campaignOrThrow(db: Database, actor: ContactActor, campaignId: string): Promise<CampaignDetailRow> {
  const found = UUID.test(campaignId) ? await findCampaignDetail(db, campaignId) : undefined;
  if (!found || !(await isPhoneNumberVisible(db, actor.connections, found.campaign.phoneNumberId))) throw new NotFoundError(CAMPAIGN_NOT_FOUND, "campaignId");
  return found;
}

/**
 * The template a campaign may send from this number: visible, on the number's WABA, approved
 * (NotFoundError at `templateId`, or ActionError TEMPLATE_NOT_APPROVED / WRONG_NUMBER).
 */
export async function sendableTemplate(db: Database, actor: ContactActor, phoneNumberId: string, templateId: string): Promise<Template> {
  const number = await findPhoneNumber(db, phoneNumberId);
  if (!number || !(await isPhoneNumberVisible(db, actor.connections, number.id))) throw new NotFoundError(message("common.notFound.phoneNumber"), "phoneNumberId");
  const template = await findVisibleTemplate(db, actor.connections, templateId);
  if (!template) throw new NotFoundError(message("common.notFound.template"), "templateId");
  if (template.wabaId !== number.wabaId) {
    throw new ActionError(message("campaigns.errors.templateOtherNumber", { name: template.name }), { code: "WRONG_NUMBER", field: "templateId" });
  }
  if (template.status !== "APPROVED") {
    throw new ActionError(message("campaigns.errors.templateNotApproved", { name: template.name }), { code: "TEMPLATE_NOT_APPROVED", field: "templateId" });
  }
  return template;
}

/** A saved campaign's subject: its template as the account's mirror has it now. */
export async function subjectOfCampaign(db: Database, actor: ContactActor, row: CampaignDetailRow): Promise<PlanSubject> {
  const { campaign } = row;
  const template = campaign.templateId ? await findVisibleTemplate(db, actor.connections, campaign.templateId) : undefined;
  if (!template) throw new NotFoundError(message("common.notFound.template"), "templateId");
  return {
    phoneNumberId: campaign.phoneNumberId,
    template: templateDefinitionOf(template),
    audience: campaign.audience as unknown as CampaignAudience,
    mapping: campaign.mapping as unknown as CampaignMapping,
  };
}

async function subjectOf(db: Database, actor: ContactActor, campaign: string | CampaignDraftInput): Promise<PlanSubject> {
  if (typeof campaign === "string") return subjectOfCampaign(db, actor, await campaignOrThrow(db, actor, campaign));
  const template = await sendableTemplate(db, actor, campaign.phoneNumberId, campaign.templateId);
  return { phoneNumberId: campaign.phoneNumberId, template: templateDefinitionOf(template), audience: campaign.audience, mapping: campaign.mapping };
}

/** One contact of the audience, judged. */
export interface EvaluatedRecipient {
  contact: AudienceContact;
  values: TemplateValues;
  missing: string[];
  decision: SkipDecision;
}

function evaluate(subject: PlanSubject, contact: AudienceContact, earlier: ReadonlySet<string>): EvaluatedRecipient {
  const { values, missing } = resolveValues(subject.template, subject.mapping, contact);
  const decision = skipReason(
    { phoneNumber: contact.phoneNumber, waId: contact.waId, consent: contact.consent, hasConversation: contact.hasConversation, missing },
    { category: subject.template.category, earlier },
  );
  return { contact, values, missing, decision };
}

/**
 * Every contact of the audience, in a stable order (contact id), judged in batches of
 * {@link PLAN_BATCH_SIZE}: each batch is handed to `visit` before the next is read. A duplicate is
 * judged against every earlier eligible recipient, across batches. The plan and the start (which
 * fixes the recipients, ./lifecycle.ts) both judge here, so the review shows who will be fixed.
 */
export async function evaluateAudience(
  db: Database,
  actor: ContactActor,
  subject: PlanSubject,
  /** Answers "stop" to read no further. */
  visit: (batch: EvaluatedRecipient[]) => Promise<"stop" | void> | "stop" | void,
  options: {
    batchSize?: number;
    /** The audience's condition on contacts when the caller already holds it (else the subject's audience for this actor). */
    where?: SQL;
  } = {},
): Promise<void> {
  const where = options.where ?? (await audienceCondition(db, actor, subject.audience));
  const earlier = new Set<string>();
  let afterId: string | null = null;
  for (;;) {
    const contacts = await audienceBatch(db, { where, phoneNumberId: subject.phoneNumberId, afterId, limit: options.batchSize ?? PLAN_BATCH_SIZE });
    if (contacts.length === 0) return;
    const batch = contacts.map((contact) => {
      const evaluated = evaluate(subject, contact, earlier);
      if (evaluated.decision.reason === null) earlier.add(evaluated.decision.address);
      return evaluated;
    });
    if ((await visit(batch)) === "stop") return;
    afterId = contacts[contacts.length - 1]!.id;
  }
}

function previewOf(subject: PlanSubject, evaluated: EvaluatedRecipient): RecipientPreview {
  const { contact } = evaluated;
  return {
    contactId: contact.id,
    name: contact.displayName ?? contact.profileName,
    phoneNumber: contact.phoneNumber,
    values: evaluated.values,
    rendered: renderTemplate(subject.template, evaluated.values),
    skipReason: evaluated.decision.reason,
    missing: evaluated.missing,
  };
}

/**
 * The pre-send summary of a saved campaign (by id) or of the builder's choices: how many are sent,
 * how many skipped by reason, the estimated cost of those sent (by the template's category and each
 * number's country), and the first recipients.
 */
export async function planCampaign(db: Database, actor: ContactActor, campaign: string | CampaignDraftInput, options: { batchSize?: number } = {}): Promise<CampaignPlan> {
  const subject = await subjectOf(db, actor, campaign);
  const skipped = emptySkipCounts();
  let eligible = 0;
  const byCountry = new Map<string | null, number>();
  const sample: RecipientPreview[] = [];
  await evaluateAudience(
    db,
    actor,
    subject,
    (batch) => {
      for (const evaluated of batch) {
        if (sample.length < PLAN_SAMPLE_SIZE) sample.push(previewOf(subject, evaluated));
        const reason: SkipReason | null = evaluated.decision.reason;
        if (reason) {
          skipped[reason] += 1;
          continue;
        }
        eligible += 1;
        byCountry.set(evaluated.decision.country, (byCountry.get(evaluated.decision.country) ?? 0) + 1);
      }
    },
    options,
  );
  const estimate = await estimateCost(
    db,
    [...byCountry].map(([country, count]) => ({ category: subject.template.category, country, count })),
  );
  return { eligible, skipped, estimate, sample };
}

/**
 * The recipient at a position of the audience's stable order (0 = the first), as it will be sent or
 * why it is skipped; NotFoundError at `index` past the end. "duplicate" is not judged here: a number
 * belongs to one contact only, so it shows only when the audience is evaluated as a whole.
 */
export async function previewRecipient(db: Database, actor: ContactActor, campaign: string | CampaignDraftInput, index: number): Promise<RecipientPreview> {
  if (!Number.isInteger(index) || index < 0) throw new ActionError(message("campaigns.errors.previewIndex"), { code: "INVALID_INPUT", field: "index" });
  const subject = await subjectOf(db, actor, campaign);
  const where = await audienceCondition(db, actor, subject.audience);
  const contact = await audienceContactAt(db, { where, phoneNumberId: subject.phoneNumberId, index });
  if (!contact) throw new NotFoundError(message("campaigns.errors.previewPastEnd"), "index");
  return previewOf(subject, evaluate(subject, contact, new Set()));
}
