/**
 * Conversation labels: the team's catalogue (kept by marketers and admins), and the labels a
 * conversation carries (anyone who works in the inbox, on the conversations they may see). Labels are
 * the conversations' own, apart from contact tags, though they share the tags' colours.
 */
import "server-only";

import type { Database } from "@/db";
import { recordAudit } from "@/db/queries/audit";
import {
  addLabelLinks,
  countConversationsWithLabel,
  deleteLabelRow,
  findLabelsByIds,
  insertLabel,
  labelNameTaken,
  labelsOfConversations,
  listLabelsWithCounts,
  lockConversations,
  removeLabelLinks,
  updateLabelRow,
  type ConversationLabelRow,
} from "@/db/queries/conversation-labels";
import { isUniqueViolation } from "@/db/queries/contacts";
import { publishLiveEvents } from "@/db/queries/live-events";
import { ActionError } from "@/lib/actions/errors";
import { assertConversationVisible, NotFoundError } from "@/lib/auth/connection-access";
import { can, type Capability } from "@/lib/auth/permissions";
import { AuthorizationError, type SessionUser } from "@/lib/auth/session";
import { TAG_COLOURS } from "@/lib/contacts/views";
import { message } from "@/lib/i18n/translatable";

import { LABEL_LIMITS, type ConversationLabel, type ConversationLabelView, type LabelColour } from "./label-views";

export type LabelActor = Pick<SessionUser, "id" | "email" | "role" | "connections">;

export function assertLabelCapability(actor: Pick<LabelActor, "role">, capability: Capability): void {
  if (!can(actor.role, capability)) throw new AuthorizationError(403, message("auth.authorization.roleNotAllowed", { role: actor.role }));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const labelColour = (colour: string): LabelColour => ((TAG_COLOURS as readonly string[]).includes(colour) ? (colour as LabelColour) : "gray");
export const labelOf = (row: ConversationLabelRow): ConversationLabel => ({ id: row.id, name: row.name, color: labelColour(row.color) });

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === "") throw new ActionError(message("labels.errors.nameRequired"), { code: "INVALID_INPUT", field: "name" });
  if (trimmed.length > LABEL_LIMITS.name) {
    throw new ActionError(message("labels.errors.nameTooLong", { maximum: LABEL_LIMITS.name }), { code: "INVALID_INPUT", field: "name" });
  }
  return trimmed;
}

function checkedColour(colour: string): LabelColour {
  if (!(TAG_COLOURS as readonly string[]).includes(colour)) throw new ActionError(message("labels.errors.colourInvalid"), { code: "INVALID_INPUT", field: "color" });
  return colour as LabelColour;
}

const nameTaken = (name: string) => new ActionError(message("labels.errors.nameTaken", { name }), { code: "CONFLICT", field: "name" });
const labelNotFound = (field?: string) => new NotFoundError(message("labels.errors.notFound"), field);

/** Every label with how many conversations carry it, by name (everyone who works in the inbox). */
export async function listConversationLabels(db: Database, actor: Pick<LabelActor, "role">): Promise<ConversationLabelView[]> {
  assertLabelCapability(actor, "inbox.use");
  return (await listLabelsWithCounts(db)).map((row) => ({ ...labelOf(row), conversationCount: row.conversationCount }));
}

/** A new label (labels.manage): a name no other label has, whatever its case, and one of the palette's colours. */
export async function createConversationLabel(db: Database, actor: LabelActor, input: { name: string; color: string }): Promise<ConversationLabelView> {
  assertLabelCapability(actor, "labels.manage");
  const name = checkedName(input.name);
  const color = checkedColour(input.color);
  return db.transaction(async (tx) => {
    const row = await insertLabel(tx, { name, color });
    if (!row) throw nameTaken(name);
    await recordAudit(tx, { actor, action: "conversation_label.created", target: { type: "conversation_label", id: row.id }, details: { name, color } });
    await publishLiveEvents(tx, [{ kind: "conversation_label.updated", payload: { labelId: row.id } }]);
    return { ...labelOf(row), conversationCount: 0 };
  });
}

/** Renames or recolours a label (labels.manage); every conversation carrying it shows the change. */
export async function updateConversationLabel(
  db: Database,
  actor: LabelActor,
  labelId: string,
  change: { name?: string; color?: string },
): Promise<ConversationLabelView> {
  assertLabelCapability(actor, "labels.manage");
  const name = change.name === undefined ? undefined : checkedName(change.name);
  const color = change.color === undefined ? undefined : checkedColour(change.color);
  if (!UUID.test(labelId)) throw labelNotFound("labelId");
  try {
    return await db.transaction(async (tx) => {
      const [current] = await findLabelsByIds(tx, [labelId]);
      if (!current) throw labelNotFound("labelId");
      if (name !== undefined && (await labelNameTaken(tx, name, labelId))) throw nameTaken(name);
      const updated = await updateLabelRow(tx, labelId, { ...(name !== undefined ? { name } : {}), ...(color !== undefined ? { color } : {}) });
      if (!updated) throw labelNotFound("labelId");
      await recordAudit(tx, {
        actor,
        action: "conversation_label.updated",
        target: { type: "conversation_label", id: labelId },
        details: { before: { name: current.name, color: current.color }, after: { name: updated.name, color: updated.color } },
      });
      await publishLiveEvents(tx, [{ kind: "conversation_label.updated", payload: { labelId } }]);
      return { ...labelOf(updated), conversationCount: await countConversationsWithLabel(tx, labelId) };
    });
  } catch (error) {
    // Another rename to the same name committed between the check and the update.
    if (name !== undefined && isUniqueViolation(error)) throw nameTaken(name);
    throw error;
  }
}

/** Deletes a label (labels.manage); the conversations carrying it simply lose it. How many did. */
export async function deleteConversationLabel(db: Database, actor: LabelActor, labelId: string): Promise<{ conversations: number }> {
  assertLabelCapability(actor, "labels.manage");
  if (!UUID.test(labelId)) throw labelNotFound("labelId");
  return db.transaction(async (tx) => {
    const [current] = await findLabelsByIds(tx, [labelId]);
    if (!current) throw labelNotFound("labelId");
    const { conversationIds } = await deleteLabelRow(tx, labelId);
    await recordAudit(tx, {
      actor,
      action: "conversation_label.deleted",
      target: { type: "conversation_label", id: labelId },
      details: { name: current.name, conversations: conversationIds.length },
    });
    await publishLiveEvents(tx, [{ kind: "conversation_label.updated", payload: { labelId } }]);
    return { conversations: conversationIds.length };
  });
}

/** Existing labels by id, every one of them, or a refusal naming the field. */
export async function existingLabels(db: Database, labelIds: readonly string[], field: string): Promise<ConversationLabelRow[]> {
  const unique = [...new Set(labelIds.map((id) => id.toLowerCase()))];
  if (unique.length > LABEL_LIMITS.perConversation) {
    throw new ActionError(message("labels.errors.tooManyInChange", { maximum: LABEL_LIMITS.perConversation }), { code: "INVALID_INPUT", field });
  }
  if (unique.some((id) => !UUID.test(id))) throw labelNotFound(field);
  const labels = await findLabelsByIds(db, unique);
  if (labels.length !== unique.length) throw labelNotFound(field);
  return labels;
}

export interface LabelChange {
  add?: readonly string[];
  remove?: readonly string[];
}

/**
 * Adds and removes labels on conversations already known visible, in the caller's transaction; a label
 * both added and removed is removed. Refuses (changing nothing) when a conversation would carry more
 * than the limit. Publishes `conversation.updated` for each conversation that changed.
 */
export async function applyLabelChange(
  tx: Database,
  conversationIds: readonly string[],
  change: LabelChange,
): Promise<{ changed: string[]; added: ConversationLabelRow[]; removed: ConversationLabelRow[] }> {
  const removeLabels = await existingLabels(tx, change.remove ?? [], "remove");
  const addLabels = (await existingLabels(tx, change.add ?? [], "add")).filter((label) => !removeLabels.some((removed) => removed.id === label.id));
  await lockConversations(tx, conversationIds);
  const removedPairs = await removeLabelLinks(
    tx,
    conversationIds,
    removeLabels.map((label) => label.id),
  );
  const addedPairs = await addLabelLinks(
    tx,
    conversationIds,
    addLabels.map((label) => label.id),
  );
  if (addedPairs.length > 0) {
    const after = await labelsOfConversations(tx, [...new Set(addedPairs.map((pair) => pair.conversationId))]);
    if ([...after.values()].some((labels) => labels.length > LABEL_LIMITS.perConversation)) {
      throw new ActionError(message("labels.errors.tooManyOnConversation", { maximum: LABEL_LIMITS.perConversation }), { code: "LIMIT", field: "add" });
    }
  }
  const changed = [...new Set([...addedPairs, ...removedPairs].map((pair) => pair.conversationId))];
  if (changed.length > 0) await publishLiveEvents(tx, changed.map((conversationId) => ({ kind: "conversation.updated" as const, payload: { conversationId } })));
  return {
    changed,
    added: addLabels.filter((label) => addedPairs.some((pair) => pair.labelId === label.id)),
    removed: removeLabels.filter((label) => removedPairs.some((pair) => pair.labelId === label.id)),
  };
}

/** A conversation's labels (a reader who may see it). */
export async function labelsOfConversation(db: Database, actor: Pick<LabelActor, "role" | "connections">, conversationId: string): Promise<ConversationLabel[]> {
  assertLabelCapability(actor, "inbox.use");
  await assertConversationVisible(db, actor.connections, conversationId);
  return ((await labelsOfConversations(db, [conversationId])).get(conversationId) ?? []).map(labelOf);
}

/**
 * Adds and removes labels on one conversation the actor may see (inbox.use); its labels after.
 * Audited when something changed.
 */
export async function changeConversationLabels(db: Database, actor: LabelActor, conversationId: string, change: LabelChange): Promise<ConversationLabel[]> {
  assertLabelCapability(actor, "inbox.use");
  await assertConversationVisible(db, actor.connections, conversationId);
  return db.transaction(async (tx) => {
    const { changed, added, removed } = await applyLabelChange(tx, [conversationId], change);
    if (changed.length > 0) {
      await recordAudit(tx, {
        actor,
        action: "conversation.labels_changed",
        target: { type: "conversation", id: conversationId },
        details: { added: added.map((label) => label.name), removed: removed.map((label) => label.name) },
      });
    }
    return ((await labelsOfConversations(tx, [conversationId])).get(conversationId) ?? []).map(labelOf);
  });
}

/** Sets a conversation's labels to exactly these (the API's PUT); its labels after. */
export async function replaceConversationLabels(db: Database, actor: LabelActor, conversationId: string, labelIds: readonly string[]): Promise<ConversationLabel[]> {
  assertLabelCapability(actor, "inbox.use");
  await assertConversationVisible(db, actor.connections, conversationId);
  const wanted = [...new Set(labelIds.map((id) => id.toLowerCase()))];
  if (wanted.length > LABEL_LIMITS.perConversation) {
    throw new ActionError(message("labels.errors.tooManyOnConversation", { maximum: LABEL_LIMITS.perConversation }), { code: "LIMIT", field: "labelIds" });
  }
  const current = ((await labelsOfConversations(db, [conversationId])).get(conversationId) ?? []).map((label) => label.id);
  return changeConversationLabels(db, actor, conversationId, {
    add: wanted.filter((id) => !current.includes(id)),
    remove: current.filter((id) => !wanted.includes(id)),
  });
}
