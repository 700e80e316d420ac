/**
 * Campaigns in the public API: list, create (a draft, or scheduled), read with its counts and costs,
 * start, pause, resume, cancel, and its recipients, on the campaign services (their checks, audit and
 * events). Reading is everyone's; changing is for marketers and admins.
 */
import type { Database } from "@/db/client";
import { findPhoneNumber } from "@/db/queries/phone-numbers";
import { SEARCH_MAX_LENGTH } from "@/db/queries/search";
import { findTemplatesNamed } from "@/db/queries/templates";
import { CAMPAIGN_RECIPIENT_STATUSES, CAMPAIGN_STATUSES, type CampaignStatus } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { defineOperation } from "@/lib/api/operation";
import { decodeCursor, encodeCursor, listOf, pageQuery } from "@/lib/api/pagination";
import { ApiProblem, type ProblemFieldError } from "@/lib/api/problem";
import {
  apiCampaign,
  apiCampaignRecipient,
  campaignIdParam,
  campaignRecipientSchema,
  campaignSchema,
  createCampaignBody,
  startCampaignBody,
  variableSourceOf,
  type ApiVariableSource,
  type CreateCampaignBody,
} from "@/lib/api/resources/campaigns";
import { isPhoneNumberVisible } from "@/lib/auth/connection-access";
import type { SessionUser } from "@/lib/auth/session";
import { createCampaign, deleteCampaign, getCampaign, listCampaigns } from "@/lib/campaigns/drafts";
import { cancelCampaign, pauseCampaign, resumeCampaign, startCampaign } from "@/lib/campaigns/lifecycle";
import { mappingKeys } from "@/lib/campaigns/mapping";
import { listRecipients } from "@/lib/campaigns/results";
import { SKIP_REASONS, type CampaignAudience, type CampaignMapping, type CampaignView } from "@/lib/campaigns/types";
import { tagsByReference } from "@/lib/contacts/tags";
import { message } from "@/lib/i18n/translatable";
import { templateParameterFormat } from "@/lib/whatsapp/templates";
import type { TemplateDefinition } from "@/lib/whatsapp/template-fill";
import { z } from "@/lib/zod";

const TAG = "Campaigns";
const campaignParams = z.object({ campaign_id: campaignIdParam });

// --- fields as the caller wrote them -------------------------------------------------------------

/** How the services name the fields of a campaign's input, as the API's body names them. */
const SERVICE_FIELDS: Record<string, string> = {
  name: "name",
  phoneNumberId: "phone_number_id",
  templateId: "template.name",
  template: "template.name",
  headerMediaId: "template.header_media_id",
  "mapping.headerMediaId": "template.header_media_id",
  audience: "audience",
  "audience.segmentId": "audience.segment_id",
  "audience.tagIds": "audience.tags",
  "audience.importId": "audience.import_id",
  scheduledAt: "scheduled_at",
};

/**
 * A service's refusal with its field named as the caller wrote it (a variable by the key they used);
 * a missing thing named in the body is a problem with the body (422), not a missing resource.
 */
function inCallerTerms(error: unknown, input: { variableKeys?: ReadonlyMap<string, string>; inBody?: boolean } = {}): unknown {
  if (!(error instanceof ActionError) || error.failure) return error;
  const field = error.field === undefined ? undefined : callerField(error.field, input.variableKeys ?? new Map());
  const errors = field === undefined ? undefined : [{ field, detail: error.said }];
  // A step the campaign's state does not allow is a conflict with that state, not a bad input.
  if (error.code === "CONFLICT") return new ApiProblem(409, "CONFLICT", error.said, { errors });
  if (field === undefined) return error;
  if (error.code === "NOT_FOUND" && input.inBody) return new ApiProblem(422, "INVALID_INPUT", error.said, { errors });
  return new ActionError(error.said, { code: error.code, field });
}

function callerField(field: string, variableKeys: ReadonlyMap<string, string>): string {
  const variable = /^(?:mapping\.)?(?:variables\.)?(header-.+|body-.+|button-\d+|header_media)$/.exec(field);
  if (!variable) return SERVICE_FIELDS[field] ?? field;
  if (variable[1] === "header_media") return "template.header_media_id";
  return `variables.${variableKeys.get(variable[1]!) ?? variable[1]}`;
}

// --- create --------------------------------------------------------------------------------------

function definitionOf(row: { name: string; language: string; category: string; parameterFormat: string | null; components: unknown[] }): TemplateDefinition {
  return {
    name: row.name,
    language: row.language,
    category: row.category,
    parameter_format: templateParameterFormat({ parameter_format: row.parameterFormat, components: row.components }),
    components: row.components as TemplateDefinition["components"],
  };
}

/**
 * The API's variables as the dashboard's mapping. A variable is named by its key (`body-1`,
 * `header-order_id`, `button-0`) or, when that names one variable only, by its bare name or number.
 * Answers the mapping, the caller's key of each mapped variable, and the keys that name none.
 */
function mappingOf(
  definition: TemplateDefinition,
  variables: Record<string, ApiVariableSource>,
  headerMediaId: string | undefined,
): { mapping: CampaignMapping; callerKeys: Map<string, string>; errors: ProblemFieldError[] } {
  const keys = mappingKeys(definition).map((entry) => entry.key);
  const mapping: CampaignMapping = { variables: {}, ...(headerMediaId ? { headerMediaId } : {}) };
  const callerKeys = new Map<string, string>();
  const errors: ProblemFieldError[] = [];
  // Full keys first, so a bare name never overrides the same variable given by its key.
  const given = Object.entries(variables).sort(([a], [b]) => Number(!keys.includes(a)) - Number(!keys.includes(b)));
  for (const [callerKey, source] of given) {
    const bare = keys.filter((key) => key.slice(key.indexOf("-") + 1) === callerKey);
    const key = keys.includes(callerKey) ? callerKey : bare.length === 1 ? bare[0]! : undefined;
    if (key === undefined) {
      errors.push({ field: `variables.${callerKey}`, detail: message("apiResources.refusals.unknownVariable", { name: callerKey }) });
      continue;
    }
    if (mapping.variables[key]) continue;
    mapping.variables[key] = variableSourceOf(source);
    callerKeys.set(key, callerKey);
  }
  return { mapping, callerKeys, errors };
}

/** The audience as the dashboard's; tags by id or name, each unknown one a field error. */
async function audienceOf(db: Database, audience: CreateCampaignBody["audience"]): Promise<{ audience: CampaignAudience; errors: ProblemFieldError[] }> {
  if ("segment_id" in audience) return { audience: { kind: "segment", segmentId: audience.segment_id }, errors: [] };
  if ("import_id" in audience) return { audience: { kind: "import", importId: audience.import_id }, errors: [] };
  const tags = await tagsByReference(db, audience.tags);
  const errors = tags.flatMap((tag, index) =>
    tag ? [] : [{ field: `audience.tags.${index}`, detail: message("contacts.records.api.tagUnknown", { tag: audience.tags[index]! }) }],
  );
  return { audience: { kind: "tags", tagIds: [...new Set(tags.flatMap((tag) => (tag ? [tag.id] : [])))] }, errors };
}

/** The approved template of that name and language the number can send; a refusal naming the field otherwise. */
async function sendableTemplate(db: Database, user: SessionUser, body: CreateCampaignBody) {
  const number = await findPhoneNumber(db, body.phone_number_id);
  if (!number || !(await isPhoneNumberVisible(db, user.connections, number.id))) {
    const said = message("apiResources.refusals.unknownPhoneNumber");
    throw new ApiProblem(422, "INVALID_INPUT", said, { errors: [{ field: "phone_number_id", detail: said }] });
  }
  const named = await findTemplatesNamed(db, number.wabaId, body.template.name);
  const template = named.find((row) => row.language === body.template.language && row.status === "APPROVED");
  if (!template) {
    const said = message("conversation.refusals.noTemplate", { name: body.template.name, language: body.template.language });
    throw new ApiProblem(422, "INVALID_INPUT", said, { errors: [{ field: "template.name", detail: said }] });
  }
  return template;
}

export const createCampaignOperation = defineOperation({
  method: "POST",
  path: "/campaigns",
  operationId: "createCampaign",
  summary: "Create a campaign",
  description:
    "A template broadcast from one of your business numbers to a segment, tagged contacts or an import's contacts, each variable " +
    "filled from a contact field, an attribute or a fixed value. Without `scheduled_at` it is a draft until `POST /campaigns/{campaign_id}/start`; " +
    "with it, it is scheduled for then. Every refusal names its field and creates nothing. Needs the marketer or admin role.",
  tag: TAG,
  capability: "campaigns.manage",
  body: createCampaignBody,
  idempotent: true,
  success: { status: 201, description: "The new campaign.", schema: campaignSchema },
  async handle({ db, user, body }) {
    const template = await sendableTemplate(db, user, body);
    const audience = await audienceOf(db, body.audience);
    const { mapping, callerKeys, errors } = mappingOf(definitionOf(template), body.variables ?? {}, body.template.header_media_id);
    const refused = [...audience.errors, ...errors];
    if (refused.length > 0) throw new ApiProblem(422, "INVALID_INPUT", refused[0]!.detail, { errors: refused });

    let created: CampaignView;
    try {
      created = await createCampaign(db, user, { name: body.name, phoneNumberId: body.phone_number_id, templateId: template.id, audience: audience.audience, mapping });
    } catch (error) {
      throw inCallerTerms(error, { variableKeys: callerKeys, inBody: true });
    }
    if (body.scheduled_at !== undefined) {
      try {
        await startCampaign(db, user, created.id, { scheduledAt: new Date(body.scheduled_at), ...(body.time_zone ? { timeZone: body.time_zone } : {}) });
      } catch (error) {
        // A refused schedule leaves nothing behind: the caller sends the request again, corrected.
        await deleteCampaign(db, user, created.id);
        throw inCallerTerms(error, { variableKeys: callerKeys, inBody: true });
      }
    }
    return apiCampaign(await getCampaign(db, user, created.id));
  },
});

// --- read ----------------------------------------------------------------------------------------

function invalidCursor(): ApiProblem {
  const said = message("api.problems.invalidCursor");
  return new ApiProblem(400, "INVALID_CURSOR", said, { errors: [{ field: "cursor", detail: said }] });
}

const listPosition = z.object({ at: z.iso.datetime(), id: z.uuid(), status: z.enum(CAMPAIGN_STATUSES).nullable(), q: z.string().nullable() });

/** Newest first; the id breaks ties, so a page boundary never moves. */
const newestFirst = (a: CampaignView, b: CampaignView) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.createdAt < b.createdAt ? 1 : -1);
const isAfter = (view: CampaignView, position: { at: string; id: string }) => view.createdAt < position.at || (view.createdAt === position.at && view.id < position.id);

export const listCampaignsOperation = defineOperation({
  method: "GET",
  path: "/campaigns",
  operationId: "listCampaigns",
  summary: "List campaigns",
  description: "Campaigns of your business numbers, newest first (the latest 500), with their status, counts and costs; `total` counts the whole filtered list.",
  tag: TAG,
  capability: "campaigns.view",
  query: pageQuery.extend({
    status: z.enum(CAMPAIGN_STATUSES).optional().meta({ description: "Only campaigns in this status.", example: "sending" }),
    q: z.string().trim().min(1).max(100).optional().meta({ description: "Only campaigns whose name contains this, in any case.", example: "spring" }),
  }),
  success: { status: 200, description: "A page of campaigns.", schema: listOf(campaignSchema) },
  async handle({ db, user, query }) {
    const status = query.status ?? null;
    const q = query.q ?? null;
    const position = decodeCursor(query.cursor, listPosition);
    // A cursor continues the list it came from: with other filters its place means nothing.
    if (position && (position.status !== status || position.q !== q)) throw invalidCursor();
    const all = (await listCampaigns(db, user, { ...(status ? { status } : {}), ...(q ? { q } : {}) })).sort(newestFirst);
    const rest = position ? all.filter((view) => isAfter(view, position)) : all;
    const page = rest.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: page.map(apiCampaign),
      next_cursor: rest.length > query.limit && last ? encodeCursor({ at: last.createdAt, id: last.id, status, q }) : null,
      total: all.length,
    };
  },
});

export const getCampaignOperation = defineOperation({
  method: "GET",
  path: "/campaigns/{campaign_id}",
  operationId: "getCampaign",
  summary: "Get a campaign",
  description: "One campaign: its status, recipients' counts (eligible, skipped, sent, delivered, read, replied, failed…), and the estimated and actual cost.",
  tag: TAG,
  capability: "campaigns.view",
  params: campaignParams,
  success: { status: 200, description: "The campaign.", schema: campaignSchema },
  async handle({ db, user, params }) {
    return apiCampaign(await getCampaign(db, user, params.campaign_id));
  },
});

const recipientPosition = z.object({
  after: z.string().regex(/^\d{1,15}$/),
  status: z.enum(CAMPAIGN_RECIPIENT_STATUSES).nullable(),
  reason: z.enum(SKIP_REASONS).nullable(),
  /** Absent from cursors given before recipients could be searched. */
  q: z.string().nullable().optional(),
});

export const listCampaignRecipientsOperation = defineOperation({
  method: "GET",
  path: "/campaigns/{campaign_id}/recipients",
  operationId: "listCampaignRecipients",
  summary: "List a campaign's recipients",
  description: "The recipients fixed when the campaign started, each with its status, times, skip reason or error; a draft has none yet.",
  tag: TAG,
  capability: "campaigns.view",
  params: campaignParams,
  query: pageQuery.extend({
    status: z.enum(CAMPAIGN_RECIPIENT_STATUSES).optional().meta({ description: "Only recipients in this status.", example: "failed" }),
    skip_reason: z.enum(SKIP_REASONS).optional().meta({ description: "Only recipients skipped for this reason.", example: "opted_out" }),
    q: z
      .string()
      .trim()
      .min(1)
      .max(SEARCH_MAX_LENGTH)
      .optional()
      .meta({
        description:
          "Only recipients whose contact this finds: every word the start of a word of their names or username (any case and accents; Chinese, Japanese and Thai by any part), or three digits and more of their number.",
        example: "maria",
      }),
  }),
  success: { status: 200, description: "A page of recipients.", schema: listOf(campaignRecipientSchema) },
  async handle({ db, user, params, query }) {
    const status = query.status ?? null;
    const reason = query.skip_reason ?? null;
    const search = query.q ?? null;
    const position = decodeCursor(query.cursor, recipientPosition);
    if (position && (position.status !== status || position.reason !== reason || (position.q ?? null) !== search)) throw invalidCursor();
    const page = await listRecipients(db, user, params.campaign_id, {
      ...(status ? { status } : {}),
      ...(reason ? { reason } : {}),
      ...(search ? { search } : {}),
      ...(position ? { cursor: position.after } : {}),
      limit: query.limit,
    });
    return {
      data: page.items.map(apiCampaignRecipient),
      next_cursor: page.nextCursor ? encodeCursor({ after: page.nextCursor, status, reason, q: search }) : null,
    };
  },
});

// --- lifecycle -----------------------------------------------------------------------------------

/**
 * One step of a campaign's life, idempotent: a campaign already where the step leads is answered as
 * it is, and so is one that got there meanwhile (a step racing another); any other refusal stays.
 */
async function step(db: Database, user: SessionUser, campaignId: string, done: readonly CampaignStatus[], run: () => Promise<unknown>) {
  const before = await getCampaign(db, user, campaignId);
  if (done.includes(before.status)) return apiCampaign(before);
  try {
    await run();
  } catch (error) {
    if (error instanceof ActionError && error.code === "CONFLICT") {
      const now = await getCampaign(db, user, campaignId);
      if (done.includes(now.status)) return apiCampaign(now);
    }
    throw inCallerTerms(error);
  }
  return apiCampaign(await getCampaign(db, user, campaignId));
}

const stepDescription = (what: string) => `${what} Idempotent: a campaign already there is answered as it is. Needs the marketer or admin role.`;

export const startCampaignOperation = defineOperation({
  method: "POST",
  path: "/campaigns/{campaign_id}/start",
  operationId: "startCampaign",
  summary: "Start a campaign",
  description: stepDescription(
    "Fixes a draft's recipients (skipping those who cannot receive it, with the reason) and its cost estimate, then sends it now, or at `scheduled_at`. " +
      "A scheduled campaign started without `scheduled_at` is sent now. " +
      "Sending is done by the dashboard's job engine, within WhatsApp's rate, each recipient exactly once.",
  ),
  tag: TAG,
  capability: "campaigns.manage",
  params: campaignParams,
  body: startCampaignBody,
  idempotent: true,
  success: { status: 200, description: "The campaign, sending or scheduled.", schema: campaignSchema },
  async handle({ db, user, params, body }) {
    const scheduledAt = body.scheduled_at === undefined ? undefined : new Date(body.scheduled_at);
    // Without a time, a scheduled campaign starts now; with one, a campaign already scheduled keeps its own.
    const done: CampaignStatus[] = scheduledAt ? ["scheduled", "sending", "paused", "finished"] : ["sending", "paused", "finished"];
    return step(db, user, params.campaign_id, done, () =>
      startCampaign(db, user, params.campaign_id, { ...(scheduledAt ? { scheduledAt } : {}), ...(body.time_zone ? { timeZone: body.time_zone } : {}) }),
    );
  },
});

export const pauseCampaignOperation = defineOperation({
  method: "POST",
  path: "/campaigns/{campaign_id}/pause",
  operationId: "pauseCampaign",
  summary: "Pause a campaign",
  description: stepDescription("Stops sending within a second; nobody is lost: the recipients not sent yet wait for `/resume`."),
  tag: TAG,
  capability: "campaigns.manage",
  params: campaignParams,
  idempotent: true,
  success: { status: 200, description: "The campaign, paused.", schema: campaignSchema },
  async handle({ db, user, params }) {
    return step(db, user, params.campaign_id, ["paused"], () => pauseCampaign(db, user, params.campaign_id));
  },
});

export const resumeCampaignOperation = defineOperation({
  method: "POST",
  path: "/campaigns/{campaign_id}/resume",
  operationId: "resumeCampaign",
  summary: "Resume a campaign",
  description: stepDescription("Sends a paused campaign's remaining recipients."),
  tag: TAG,
  capability: "campaigns.manage",
  params: campaignParams,
  idempotent: true,
  success: { status: 200, description: "The campaign, sending.", schema: campaignSchema },
  async handle({ db, user, params }) {
    return step(db, user, params.campaign_id, ["sending"], () => resumeCampaign(db, user, params.campaign_id));
  },
});

export const cancelCampaignOperation = defineOperation({
  method: "POST",
  path: "/campaigns/{campaign_id}/cancel",
  operationId: "cancelCampaign",
  summary: "Cancel a campaign",
  description: stepDescription("Stops it for good within a second: recipients not sent yet are `cancelled`; messages already sent stay sent."),
  tag: TAG,
  capability: "campaigns.manage",
  params: campaignParams,
  idempotent: true,
  success: { status: 200, description: "The campaign, cancelled.", schema: campaignSchema },
  async handle({ db, user, params }) {
    return step(db, user, params.campaign_id, ["cancelled"], () => cancelCampaign(db, user, params.campaign_id));
  },
});

export const CAMPAIGN_OPERATIONS = [
  listCampaignsOperation,
  createCampaignOperation,
  getCampaignOperation,
  startCampaignOperation,
  pauseCampaignOperation,
  resumeCampaignOperation,
  cancelCampaignOperation,
  listCampaignRecipientsOperation,
];
