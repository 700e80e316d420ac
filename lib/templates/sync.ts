import "server-only";

import { sql } from "drizzle-orm";

import type { Database } from "@/db";
import { publishLiveEvents } from "@/db/queries/live-events";
import { applyTemplateListing, type TemplateFromGraph, type TemplateSyncChanges } from "@/db/queries/templates";
import type { GatewayClient } from "@/lib/gateway";
import { gateway as processGateway } from "@/lib/gateway/server";
import type { Template } from "@/lib/whatsapp/templates";

/** Graph's template in the mirror's columns. */
export function templateFromGraph(template: Template): TemplateFromGraph {
  return {
    id: template.id,
    name: template.name,
    language: template.language,
    category: template.category,
    status: template.status,
    components: template.components,
    qualityScore: template.quality_score?.score ?? null,
    rejectedReason: template.rejected_reason && template.rejected_reason !== "NONE" ? template.rejected_reason : null,
    previousCategory: template.previous_category ?? null,
    parameterFormat: template.parameter_format ?? null,
  };
}

export interface TemplateSyncResult extends TemplateSyncChanges {
  wabaId: string;
  fetched: number;
  finishedAt: Date;
}

/**
 * Lists every template of the WABA through the gateway (all pages), then in one transaction makes the
 * mirror match and publishes a `template.updated` live event for each status that changed, so a
 * change found by polling shows live like a webhook. Gateway failures are thrown; nothing is written then.
 */
export async function syncTemplates(
  db: Database,
  target: { wabaId: string; connectionId?: string },
  client: Pick<GatewayClient, "templates"> = processGateway(),
): Promise<TemplateSyncResult> {
  const listed = await client.templates.listAllTemplates(target.wabaId, { pageSize: 100 }, target.connectionId ? { connectionId: target.connectionId } : {});
  const at = new Date();
  const changes = await db.transaction(async (tx) => {
    // Two instances syncing one WABA at once would race on the (waba, name, language) key.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`templates:${target.wabaId}`}))`);
    const applied = await applyTemplateListing(tx, target.wabaId, listed.map(templateFromGraph), at);
    await publishLiveEvents(
      tx,
      applied.statusChanges.map((change) => ({ kind: "template.updated" as const, payload: { templateId: change.templateId, wabaId: target.wabaId, status: change.status } })),
    );
    return applied;
  });
  return { ...changes, wabaId: target.wabaId, fetched: listed.length, finishedAt: at };
}

interface WabaSyncState {
  lastSuccessAt: number;
  lastError: unknown;
  running?: Promise<TemplateSyncResult>;
}

const globalForTemplates = globalThis as unknown as { templateSyncs?: Map<string, WabaSyncState> };

function stateOf(wabaId: string): WabaSyncState {
  globalForTemplates.templateSyncs ??= new Map();
  let state = globalForTemplates.templateSyncs.get(wabaId);
  if (!state) {
    state = { lastSuccessAt: 0, lastError: undefined };
    globalForTemplates.templateSyncs.set(wabaId, state);
  }
  return state;
}

/** Templates are re-listed at most this often per WABA and process (the list polls, webhooks may never come). */
export const TEMPLATES_STALE_AFTER_MS = 10_000;

/**
 * `syncTemplates` unless this process synced the WABA within `maxAgeMs`, sharing a sync already
 * running. Throws the gateway failure (the caller shows it beside the mirror's data).
 */
export async function refreshTemplates(
  db: Database,
  target: { wabaId: string; connectionId?: string },
  options: { maxAgeMs?: number; client?: Pick<GatewayClient, "templates"> } = {},
): Promise<TemplateSyncResult | undefined> {
  const state = stateOf(target.wabaId);
  const maxAgeMs = options.maxAgeMs ?? TEMPLATES_STALE_AFTER_MS;
  if (Date.now() - state.lastSuccessAt < maxAgeMs && !state.running) return undefined;
  state.running ??= syncTemplates(db, target, options.client)
    .then((result) => {
      state.lastSuccessAt = Date.now();
      state.lastError = undefined;
      return result;
    })
    .catch((error: unknown) => {
      state.lastError = error;
      throw error;
    })
    .finally(() => {
      state.running = undefined;
    });
  return state.running;
}

/** When this process last synced the WABA successfully (undefined: not yet). */
export function lastTemplateSyncAt(wabaId: string): Date | undefined {
  const at = stateOf(wabaId).lastSuccessAt;
  return at > 0 ? new Date(at) : undefined;
}
