"use server";

import { revalidatePath } from "next/cache";
import { z } from "@/lib/zod";

import { getDb, type Database } from "@/db";
import { recordAudit } from "@/db/queries/audit";
import { publishLiveEvents } from "@/db/queries/live-events";
import {
  deleteTemplatesNamed,
  findTemplatesNamed,
  insertCreatedTemplate,
  listTakenTemplateNames,
  updateEditedTemplate,
} from "@/db/queries/templates";
import type { Template, Waba } from "@/db/schema";
import { findVisibleTemplate, NOT_FOUND_MESSAGES, NotFoundError } from "@/lib/auth/connection-access";
import type { SessionUser } from "@/lib/auth/session";
import { describeGatewayFailure, isGatewayError, translateFailure, type GatewayError } from "@/lib/gateway";
import { gateway } from "@/lib/gateway/server";
import { formatFileSize } from "@/lib/i18n/format";
import { requestFormatter, requestTranslator } from "@/lib/i18n/server";
import { encodeMessage, message, translateMessage, type Translate } from "@/lib/i18n/translatable";
import { pickWaba, templateScopeForUser, type TemplateScope } from "@/lib/templates/accounts";
import { refreshTemplates } from "@/lib/templates/sync";
import { templateListItem } from "@/lib/templates/views";
import {
  draftComponents,
  draftCreateBody,
  fieldOfTemplateRefusal,
  lintTemplateDraft,
  normalisedDraft,
  templateEditRules,
} from "@/lib/whatsapp/template-draft";
import { uneditableMessage, unsendableReason } from "@/lib/whatsapp/template-kinds";
import type { CreateTemplateBody, EditTemplateBody } from "@/lib/whatsapp/template-rules";
import { templateParameterFormat } from "@/lib/whatsapp/templates";

import { CONTENT_SAMPLE_BYTES, checkUploadContent } from "@/lib/media/content";

import { authActionClient, marketerActionClient } from "./client";
import { ActionError } from "./errors";
import {
  MEDIA_HEADER_FORMATS,
  checkHeaderSample,
  createTemplateInputSchema,
  deleteTemplateInputSchema,
  syncTemplatesInputSchema,
  updateTemplateInputSchema,
  type HeaderSampleUpload,
  type TemplateDeleteResult,
  type TemplateMutationResult,
  type SizeWriter,
  type TemplateSyncSummary,
} from "./templates.schema";

const TEMPLATES_PATH = "/templates";
const actorOf = (user: SessionUser) => ({ id: user.id, email: user.email });

async function wabaInScopeOrThrow(db: Database, user: SessionUser, wabaId: string): Promise<{ waba: Waba; scope: TemplateScope }> {
  const scope = await templateScopeForUser(db, user);
  const waba = pickWaba(scope, wabaId);
  if (!waba || waba.id !== wabaId) throw new NotFoundError(NOT_FOUND_MESSAGES.waba, "wabaId");
  return { waba, scope };
}

/** A template of a WABA the user may see; a deleted one or one outside their connections is as missing. */
async function templateOrThrow(db: Database, user: SessionUser, templateId: string): Promise<Template> {
  const template = await findVisibleTemplate(db, user.connections, templateId);
  if (!template || template.status === "DELETED") throw new NotFoundError(NOT_FOUND_MESSAGES.template, "templateId");
  return template;
}

/**
 * A gateway failure as the editor shows it: at its field when Meta's wording places it, else in full,
 * in the reader's words (`t`, the request's translator); Meta's own words as Meta wrote them.
 */
function refusalResult(error: GatewayError, t: Translate): TemplateMutationResult {
  const failure = translateFailure(t, describeGatewayFailure(error));
  const metaTitle = failure.kind === "graph" ? failure.graphTitle : undefined;
  const field = failure.kind === "graph" ? fieldOfTemplateRefusal({ subcode: failure.subcode, title: metaTitle, message: failure.details }) : undefined;
  if (field) {
    return {
      ok: false,
      problems: [{ field, message: message("templates.actions.refusalAtField", { title: metaTitle ?? failure.title, details: failure.details ?? failure.explanation }) }],
      refusal: null,
    };
  }
  return {
    ok: false,
    problems: [],
    refusal: {
      title: metaTitle && metaTitle !== failure.title ? t("templates.actions.refusalAtField", { title: failure.title, details: metaTitle }) : failure.title,
      explanation: failure.explanation,
      action: failure.action,
      details: failure.details,
      code: failure.code === null ? undefined : String(failure.code),
    },
  };
}

/** Submits a new template for review through the gateway and mirrors it at once as PENDING. */
export const createTemplateAction = marketerActionClient
  .metadata({ actionName: "createTemplate" })
  .inputSchema(createTemplateInputSchema)
  .action(async ({ parsedInput, ctx }): Promise<TemplateMutationResult> => {
    const db = await getDb();
    const { waba, scope } = await wabaInScopeOrThrow(db, ctx.user, parsedInput.wabaId);
    const draft = normalisedDraft(parsedInput.draft);
    const problems = lintTemplateDraft(draft, { taken: await listTakenTemplateNames(db, waba.id) });
    if (problems.length > 0) return { ok: false, problems, refusal: null };

    let created;
    try {
      created = await gateway().templates.createTemplate(waba.id, draftCreateBody(draft) as CreateTemplateBody, {
        connectionId: waba.connectionId ?? scope.connectionId,
      });
    } catch (error) {
      if (!isGatewayError(error)) throw error;
      return refusalResult(error, await requestTranslator());
    }
    const at = new Date();
    const row = await db.transaction(async (tx) => {
      const inserted = await insertCreatedTemplate(
        tx,
        {
          id: created.id,
          wabaId: waba.id,
          name: draft.name,
          language: draft.language,
          category: created.category,
          status: created.status,
          components: draftComponents(draft),
          qualityScore: null,
          rejectedReason: null,
          previousCategory: null,
          parameterFormat: draft.parameterFormat,
        },
        at,
      );
      await recordAudit(tx, {
        actor: actorOf(ctx.user),
        action: "template.created",
        target: { type: "template", id: created.id },
        details: { wabaId: waba.id, name: draft.name, language: draft.language, category: created.category },
      });
      await publishLiveEvents(tx, [{ kind: "template.updated", payload: { templateId: created.id, wabaId: waba.id, status: created.status } }]);
      return inserted;
    });
    revalidatePath(TEMPLATES_PATH);
    return { ok: true, template: templateListItem(row) };
  });

/** Edits a template as Meta allows (approved, rejected or paused; an approved one keeps its category). */
export const updateTemplateAction = marketerActionClient
  .metadata({ actionName: "updateTemplate" })
  .inputSchema(updateTemplateInputSchema)
  .action(async ({ parsedInput, ctx }): Promise<TemplateMutationResult> => {
    const db = await getDb();
    const template = await templateOrThrow(db, ctx.user, parsedInput.templateId);
    const { waba, scope } = await wabaInScopeOrThrow(db, ctx.user, template.wabaId);
    const rules = templateEditRules(template.status);
    if (!rules.editable) {
      const t = await requestTranslator();
      throw new ActionError(t("templates.actions.notEditable", { reason: rules.reason ? translateMessage(t, rules.reason) : "" }), { code: "NOT_EDITABLE" });
    }
    // The editor cannot hold a carousel's cards, an offer or a flow: saving its draft would drop them.
    const kind = unsendableReason(template);
    if (kind) throw new ActionError(uneditableMessage(kind), { code: "NOT_EDITABLE" });
    // Name and language identify the template at Meta, and it keeps its kind of variables: none of them change.
    const draft = normalisedDraft({
      ...parsedInput.draft,
      name: template.name,
      language: template.language,
      parameterFormat: templateParameterFormat({ parameter_format: template.parameterFormat, components: template.components }),
    });
    if (rules.categoryLocked && draft.category !== template.category) {
      return { ok: false, problems: [{ field: "category", message: message("templates.actions.categoryLocked") }], refusal: null };
    }
    const problems = lintTemplateDraft(draft, { editing: true });
    if (problems.length > 0) return { ok: false, problems, refusal: null };

    const components = draftComponents(draft);
    const body: EditTemplateBody = { components: components as EditTemplateBody["components"], ...(draft.category !== template.category ? { category: draft.category } : {}) };
    try {
      await gateway().templates.editTemplate(template.id, body, { connectionId: waba.connectionId ?? scope.connectionId });
    } catch (error) {
      if (!isGatewayError(error)) throw error;
      return refusalResult(error, await requestTranslator());
    }
    const at = new Date();
    const row = await db.transaction(async (tx) => {
      const updated = await updateEditedTemplate(tx, template.id, { category: draft.category, components, status: "PENDING" }, at);
      await recordAudit(tx, {
        actor: actorOf(ctx.user),
        action: "template.updated",
        target: { type: "template", id: template.id },
        details: { wabaId: waba.id, name: template.name, language: template.language, previousStatus: template.status, category: draft.category },
      });
      await publishLiveEvents(tx, [{ kind: "template.updated", payload: { templateId: template.id, wabaId: waba.id, status: "PENDING" } }]);
      return updated;
    });
    if (!row) throw new ActionError(message("templates.actions.gone"), { code: "NOT_FOUND" });
    revalidatePath(TEMPLATES_PATH);
    return { ok: true, template: templateListItem(row) };
  });

/** Deletes a template name at Meta: every language of it. */
export const deleteTemplateAction = marketerActionClient
  .metadata({ actionName: "deleteTemplate" })
  .inputSchema(deleteTemplateInputSchema)
  .action(async ({ parsedInput, ctx }): Promise<TemplateDeleteResult> => {
    const db = await getDb();
    const { waba, scope } = await wabaInScopeOrThrow(db, ctx.user, parsedInput.wabaId);
    const named = await findTemplatesNamed(db, waba.id, parsedInput.name);
    if (named.length === 0) throw new ActionError(message("templates.actions.noSuchName", { name: parsedInput.name }), { code: "NOT_FOUND", field: "name" });
    await gateway().templates.deleteTemplate(waba.id, { name: parsedInput.name }, { connectionId: waba.connectionId ?? scope.connectionId });
    const removed = await db.transaction(async (tx) => {
      const rows = await deleteTemplatesNamed(tx, waba.id, parsedInput.name);
      await recordAudit(tx, {
        actor: actorOf(ctx.user),
        action: "template.deleted",
        target: { type: "template", id: parsedInput.name },
        details: { wabaId: waba.id, name: parsedInput.name, languages: rows.map((row) => row.language), templateIds: rows.map((row) => row.id) },
      });
      await publishLiveEvents(tx, rows.map((row) => ({ kind: "template.updated" as const, payload: { templateId: row.id, wabaId: waba.id, status: "DELETED" } })));
      return rows;
    });
    revalidatePath(TEMPLATES_PATH);
    return { name: parsedInput.name, languages: removed.map((row) => row.language).sort() };
  });

/** Re-lists the templates through the gateway now (the list's "Sync now"). Anyone may. */
export const syncTemplatesAction = authActionClient
  .metadata({ actionName: "syncTemplates" })
  .inputSchema(syncTemplatesInputSchema)
  .action(async ({ parsedInput, ctx }): Promise<TemplateSyncSummary> => {
    const db = await getDb();
    const scope = await templateScopeForUser(db, ctx.user);
    const waba = pickWaba(scope, parsedInput.wabaId);
    if (!waba) throw new ActionError(message("templates.actions.noAccount"), { code: "NOT_FOUND", field: "wabaId" });
    const result = await refreshTemplates(db, { wabaId: waba.id, connectionId: waba.connectionId ?? scope.connectionId }, { maxAgeMs: 0 });
    return { fetched: result?.fetched ?? 0, inserted: result?.inserted ?? 0, updated: result?.updated ?? 0, gone: result?.gone.length ?? 0 };
  });

const headerSampleInputSchema = z.instanceof(FormData).transform((form, context) => {
  const wabaId = z.string().min(1).max(64).safeParse(form.get("wabaId"));
  const format = z.enum(MEDIA_HEADER_FORMATS).safeParse(form.get("format"));
  const file = form.get("file");
  if (!wabaId.success) {
    context.addIssue({ code: "custom", message: encodeMessage(message("templates.sample.accountRequired")), path: ["wabaId"] });
    return z.NEVER;
  }
  if (!format.success) {
    context.addIssue({ code: "custom", message: encodeMessage(message("templates.sample.formatRequired")), path: ["format"] });
    return z.NEVER;
  }
  if (!(file instanceof Blob)) {
    context.addIssue({ code: "custom", message: encodeMessage(message("templates.sample.fileRequired")), path: ["file"] });
    return z.NEVER;
  }
  return { wabaId: wabaId.data, format: format.data, file };
});

/** Sizes written the way the request's reader writes them ("960 kB"), for the sample's refusals. */
async function requestSizeWriter(): Promise<SizeWriter> {
  const format = await requestFormatter();
  return (bytes) => formatFileSize(format, bytes);
}

/** "../My photo.PNG" → "My photo.PNG": what Meta is told the sample is called. */
function sampleFileName(file: Blob, format: (typeof MEDIA_HEADER_FORMATS)[number]): string {
  const raw = typeof File !== "undefined" && file instanceof File ? file.name : "";
  const name = raw.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f]/g, "").trim().slice(0, 200);
  return name || `sample.${format === "IMAGE" ? (file.type === "image/png" ? "png" : "jpg") : format === "VIDEO" ? "mp4" : "pdf"}`;
}

/**
 * Uploads a media header's sample (the file Meta reviews with the template) through Meta's Resumable
 * Upload API under the WABA's connection, and answers the handle for the draft's
 * `example.header_handle`. Type and size are checked before anything is sent: Meta's types and limits,
 * capped at the action's own limit (HEADER_SAMPLE_UPLOAD_LIMIT: Next.js takes action bodies up to 1 MB).
 */
export const uploadTemplateHeaderSampleAction = marketerActionClient
  .metadata({ actionName: "uploadTemplateHeaderSample" })
  .inputSchema(headerSampleInputSchema)
  .action(async ({ parsedInput, ctx }): Promise<HeaderSampleUpload> => {
    const { format, file } = parsedInput;
    const type = file.type.split(";")[0]!.trim().toLowerCase();
    const check = checkHeaderSample(format, { type, size: file.size }, await requestSizeWriter());
    if (!check.ok) throw new ActionError(check.reason, { code: "INVALID", field: "header.handle" });
    const content = await checkUploadContent(type, new Uint8Array(await file.slice(0, CONTENT_SAMPLE_BYTES).arrayBuffer()));
    if (!content.ok) throw new ActionError(content.message, { code: "INVALID", field: "header.handle" });
    const db = await getDb();
    const { waba, scope } = await wabaInScopeOrThrow(db, ctx.user, parsedInput.wabaId);
    const fileName = sampleFileName(file, format);
    let handle: string;
    try {
      handle = await gateway().uploads.uploadFile(
        { bytes: new Uint8Array(await file.arrayBuffer()), fileType: type, fileName },
        { connectionId: waba.connectionId ?? scope.connectionId },
      );
    } catch (error) {
      if (!isGatewayError(error)) throw error;
      throw ActionError.fromGatewayError(error, { lead: message("templates.sample.uploadFailed"), field: "header.handle" });
    }
    return { handle, format, fileName, size: file.size, type };
  });
