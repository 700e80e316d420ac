import "server-only";

import type { Database } from "@/db";
import { lastTemplateSync, listMirroredTemplates } from "@/db/queries/templates";
import type { ScopedUser } from "@/lib/auth/connection-access";
import { describeGatewayFailure, isGatewayError } from "@/lib/gateway";

import { pickWaba, templateScopeForUser } from "./accounts";
import { refreshTemplates } from "./sync";
import { templateListItem, type TemplateListView } from "./views";

/**
 * The template list of a user's WABA from the mirror: a WABA of their working connection (one asked
 * for outside it is not shown; the first of theirs is). `sync: "if-stale"` re-lists through the gateway
 * first when this process has not for a few seconds; `"if-empty"` only when the mirror has never been
 * filled (the page's first render stays instant otherwise). A gateway failure is reported, not thrown:
 * the mirror is still shown.
 */
export async function loadTemplateList(
  db: Database,
  user: ScopedUser,
  requestedWabaId: string | null | undefined,
  options: { sync: "if-stale" | "if-empty" | "never" },
): Promise<TemplateListView> {
  const scope = await templateScopeForUser(db, user);
  const waba = pickWaba(scope, requestedWabaId);
  const accounts = scope.wabas.map((entry) => ({ wabaId: entry.id, name: entry.name }));
  if (!waba) return { accounts, wabaId: null, templates: [], syncedAt: null, syncProblem: null };

  let syncProblem: TemplateListView["syncProblem"] = null;
  const shouldSync = options.sync === "if-stale" || (options.sync === "if-empty" && (await lastTemplateSync(db, waba.id)) === undefined);
  if (shouldSync) {
    try {
      await refreshTemplates(db, { wabaId: waba.id, connectionId: waba.connectionId ?? scope.connectionId });
    } catch (error) {
      if (!isGatewayError(error)) throw error;
      const { explanationKey, title, explanation, action } = describeGatewayFailure(error);
      syncProblem = { explanationKey, title, explanation, action };
    }
  }
  const [rows, syncedAt] = await Promise.all([listMirroredTemplates(db, [waba.id]), lastTemplateSync(db, waba.id)]);
  return {
    accounts,
    wabaId: waba.id,
    templates: rows.map(templateListItem),
    syncedAt: syncedAt?.toISOString() ?? null,
    syncProblem,
  };
}
