import { GraphError } from "../errors";
import type { JsonRecord, Reply } from "../http";
import { json } from "../http";
import { ID_BASE } from "../seed";
import type { Template, TemplateStatus, Waba } from "../state";
import { templatesOf } from "../state";
import type { GraphRequest } from "./context";
import { readGraphBody, selectFields } from "./context";
import { scheduleReview } from "./template-review";
import { templateRuleError, validateCategory, validateLanguage, validateParameterFormat, validateTemplateComponents, validateTemplateName } from "./template-rules";

const EDITABLE: readonly TemplateStatus[] = ["APPROVED", "REJECTED", "PAUSED"];

export function templateJson(template: Template): JsonRecord {
  const body: JsonRecord = {
    id: template.id, name: template.name, language: template.language, status: template.status,
    category: template.category, components: template.components, parameter_format: template.parameterFormat,
    quality_score: { score: template.qualityScore },
  };
  if (template.rejectedReason) body.rejected_reason = template.rejectedReason;
  if (template.previousCategory) body.previous_category = template.previousCategory;
  return body;
}

const encodeCursor = (id: string) => Buffer.from(`template:${id}`).toString("base64url");
const decodeCursor = (cursor: string) => Buffer.from(cursor, "base64url").toString("utf8").replace(/^template:/, "");

/** `GET /{waba_id}/message_templates`: newest first, filtered, paged with before/after cursors. */
export function listTemplates(request: GraphRequest, waba: Waba): Reply {
  const query = request.query;
  const list = (key: string) => query.get(key)?.split(",").map((value) => value.trim().toUpperCase()).filter(Boolean);
  const statuses = list("status");
  const categories = list("category");
  const name = query.get("name")?.toLowerCase();
  const language = query.get("language");
  const limit = Math.min(Math.max(Number(query.get("limit") ?? 25) || 25, 1), 1000);
  const all = templatesOf(request.sim.state, waba.id)
    .filter((template) => !statuses || statuses.includes(template.status))
    .filter((template) => !categories || categories.includes(template.category))
    .filter((template) => !name || template.name.toLowerCase().includes(name))
    .filter((template) => !language || template.language === language)
    .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
  let start = 0;
  let end = Math.min(all.length, limit);
  const after = query.get("after");
  const before = query.get("before");
  if (after) {
    start = all.findIndex((template) => template.id === decodeCursor(after)) + 1;
    end = Math.min(all.length, start + limit);
  } else if (before) {
    end = Math.max(0, all.findIndex((template) => template.id === decodeCursor(before)));
    start = Math.max(0, end - limit);
  }
  const page = all.slice(start, end);
  const data = page.map((template) => selectFields(templateJson(template), query.get("fields")));
  const first = page[0];
  const last = page[page.length - 1];
  if (!first || !last) return json({ data, paging: { cursors: {} } });
  const paging: JsonRecord = { cursors: { before: encodeCursor(first.id), after: encodeCursor(last.id) } };
  const link = (key: "after" | "before", cursor: string) => {
    const params = new URLSearchParams(query);
    params.delete("after");
    params.delete("before");
    params.set("limit", String(limit));
    params.set(key, cursor);
    return `${request.gatewayBase}/${waba.id}/message_templates?${params}`;
  };
  if (end < all.length) paging.next = link("after", encodeCursor(last.id));
  if (start > 0) paging.previous = link("before", encodeCursor(first.id));
  return json({ data, paging });
}

/** `POST /{waba_id}/message_templates`: Meta's rules, then PENDING until the simulated review decides. */
export async function createTemplate(request: GraphRequest, waba: Waba): Promise<Reply> {
  const { sim } = request;
  const body = await readGraphBody(request);
  const name = validateTemplateName(body.name);
  const language = validateLanguage(body.language);
  const category = validateCategory(body.category);
  const parameterFormat = validateParameterFormat(body.parameter_format);
  const components = validateTemplateComponents(body.components, category, parameterFormat);
  if (templatesOf(sim.state, waba.id).some((template) => template.name === name && template.language === language)) {
    throw templateRuleError("Content in This Language Already Exists", `There is already ${language} content for this template. You can create a new template and try again.`, 2388024);
  }
  const template: Template = {
    id: sim.ids.numeric("template", ID_BASE.template), wabaId: waba.id, name, language, status: "PENDING", category,
    components: structuredClone(components), parameterFormat, qualityScore: "UNKNOWN", rejectedReason: null, previousCategory: null,
    allowCategoryChange: body.allow_category_change === true || body.allow_category_change === "true", createdAt: sim.clock.now(), revision: 0,
  };
  sim.state.templates.set(template.id, template);
  scheduleReview(sim, template);
  return json({ id: template.id, status: template.status, category: template.category });
}

/** `POST /{template_id}`: edits components or category; the template goes back to review. */
export async function editTemplate(request: GraphRequest, template: Template): Promise<Reply> {
  const body = await readGraphBody(request);
  if (!EDITABLE.includes(template.status)) {
    throw templateRuleError("Template can't be edited", `Only APPROVED, REJECTED or PAUSED templates can be edited; this one is ${template.status}.`);
  }
  if (body.components === undefined && body.category === undefined && body.parameter_format === undefined) {
    throw templateRuleError("Nothing to edit", "Send components or category to edit the template.");
  }
  const parameterFormat = validateParameterFormat(body.parameter_format, template.parameterFormat);
  const category = body.category === undefined ? template.category : validateCategory(body.category);
  if (category !== template.category && template.status === "APPROVED") {
    throw templateRuleError("Category can't be changed", "The category of an approved template can't be edited.");
  }
  const revalidate = body.components !== undefined || parameterFormat !== template.parameterFormat;
  const components = revalidate ? validateTemplateComponents(body.components ?? template.components, category, parameterFormat) : template.components;
  Object.assign(template, { category, parameterFormat, components: structuredClone(components), status: "PENDING", rejectedReason: null, revision: template.revision + 1 });
  scheduleReview(request.sim, template);
  return json({ success: true });
}

/** `DELETE /{waba_id}/message_templates?name=…[&hsm_id=…]`: every language of the name, or the one id. */
export function deleteTemplates(request: GraphRequest, waba: Waba): Reply {
  const name = request.query.get("name");
  const hsmId = request.query.get("hsm_id");
  if (!name && !hsmId) throw new GraphError(100, { message: "(#100) The parameter name is required." });
  const doomed = templatesOf(request.sim.state, waba.id)
    .filter((template) => (hsmId ? template.id === hsmId : true) && (name ? template.name === name : true));
  if (doomed.length === 0) {
    throw templateRuleError("Message template not found", `No template ${name ? `named ${name}` : `with id ${hsmId}`} exists in this account.`, 2593002);
  }
  for (const template of doomed) request.sim.state.templates.delete(template.id);
  return json({ success: true });
}
