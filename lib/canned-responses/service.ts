/**
 * Canned responses: the team's library (marketers and admins keep it, everyone uses it) and each
 * user's own (theirs alone: anyone else is told "not found"). A shortcut is unique within its library
 * whatever its case. Changes to the team's library are audited; every change is published live
 * (`canned_response.updated`, only to the owner for a personal one).
 */
import "server-only";

import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import {
  cannedShortcutHolder,
  deleteCannedResponseRow,
  findCannedContactValues,
  findCannedResponseRow,
  insertCannedResponse,
  listCannedResponseRows,
  updateCannedResponseRow,
  type CannedResponseRow,
} from "@/db/queries/canned-responses";
import { publishLiveEvents } from "@/db/queries/live-events";
import { findLibraryMedia } from "@/db/queries/media";
import { ActionError } from "@/lib/actions/errors";
import { assertConversationVisible, NotFoundError } from "@/lib/auth/connection-access";
import { can } from "@/lib/auth/permissions";
import { AuthorizationError, type SessionUser } from "@/lib/auth/session";
import { message } from "@/lib/i18n/translatable";
import { fillCannedVariables } from "@/lib/whatsapp/canned-variables";

import { CANNED_BODY_MAX, CANNED_SHORTCUT_MAX, CANNED_SHORTCUT_PATTERN, type CannedLibrary } from "./rules";
import type { CannedPickerOption, CannedResponseView } from "./views";

/** Who uses canned responses: the signed-in user (or an API token's user). */
export type CannedActor = Pick<SessionUser, "id" | "name" | "email" | "role" | "connections">;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOT_FOUND = message("cannedResponses.errors.notFound");

export interface CannedResponseInput {
  shortcut: string;
  body: string;
  /** A file of the media library; null or absent: none. */
  mediaId?: string | null;
}

function libraryOf(row: Pick<CannedResponseRow, "ownerId">): CannedLibrary {
  return row.ownerId === null ? "team" : "personal";
}

function mayEdit(actor: CannedActor, row: Pick<CannedResponseRow, "ownerId">): boolean {
  return row.ownerId === null ? can(actor.role, "canned.manageTeam") : row.ownerId === actor.id;
}

function viewOf(actor: CannedActor, row: CannedResponseRow): CannedResponseView {
  return {
    id: row.id,
    library: libraryOf(row),
    shortcut: row.shortcut,
    body: row.body,
    media: row.media ? { ...row.media, expiresAt: row.media.expiresAt.toISOString() } : null,
    mediaMissing: row.mediaId !== null && row.media === null,
    createdBy: row.createdById ? { id: row.createdById, name: row.createdByName ?? "" } : null,
    updatedAt: row.updatedAt.toISOString(),
    editable: mayEdit(actor, row),
  };
}

function requireTeamManager(actor: CannedActor): void {
  if (!can(actor.role, "canned.manageTeam")) {
    throw new AuthorizationError(403, message("cannedResponses.errors.teamNotAllowed"));
  }
}

/** The shortcut as stored (trimmed, a leading "/" dropped), or a refusal naming the field and the rule. */
function checkedShortcut(shortcut: string): string {
  const value = shortcut.trim().replace(/^\//, "");
  const field = "shortcut";
  if (value.length === 0) throw new ActionError(message("cannedResponses.errors.shortcutRequired"), { code: "INVALID_INPUT", field });
  if ([...value].length > CANNED_SHORTCUT_MAX) {
    throw new ActionError(message("cannedResponses.errors.shortcutTooLong", { maximum: CANNED_SHORTCUT_MAX }), { code: "INVALID_INPUT", field });
  }
  if (!CANNED_SHORTCUT_PATTERN.test(value)) throw new ActionError(message("cannedResponses.errors.shortcutInvalid"), { code: "INVALID_INPUT", field });
  return value;
}

/** The text as stored; surrounding blank lines kept out, the rest as written. */
function checkedBody(body: string): string {
  const field = "body";
  if (body.trim().length === 0) throw new ActionError(message("cannedResponses.errors.bodyRequired"), { code: "INVALID_INPUT", field });
  if ([...body].length > CANNED_BODY_MAX) {
    throw new ActionError(message("cannedResponses.errors.bodyTooLong", { maximum: CANNED_BODY_MAX }), { code: "INVALID_INPUT", field });
  }
  return body;
}

/** A file of the library on a number the actor may use; anything else is "not in the library". */
async function checkedMedia(db: Database, actor: CannedActor, mediaId: string | null | undefined): Promise<string | null> {
  if (mediaId === null || mediaId === undefined || mediaId === "") return null;
  if (!(await findLibraryMedia(db, actor.connections, mediaId))) {
    throw new NotFoundError(message("cannedResponses.errors.mediaNotFound"), "mediaId");
  }
  return mediaId;
}

const shortcutTaken = (library: CannedLibrary, shortcut: string) =>
  new ActionError(message(library === "team" ? "cannedResponses.errors.shortcutTakenTeam" : "cannedResponses.errors.shortcutTakenMine", { shortcut }), {
    code: "CONFLICT",
    field: "shortcut",
  });

/** A unique violation (PostgreSQL 23505), however the driver wraps it. */
function isUniqueViolation(error: unknown): boolean {
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if ((cause as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

function changeEvent(row: { id: string; ownerId: string | null }) {
  return { kind: "canned_response.updated" as const, payload: { cannedResponseId: row.id, ...(row.ownerId ? { forUserId: row.ownerId } : {}) } };
}

/** A response the actor may see (the team's, or their own), locked when asked; else "not found". */
async function visibleRow(db: Database, actor: CannedActor, id: string, options: { lock?: boolean } = {}): Promise<CannedResponseRow> {
  const row = UUID.test(id) ? await findCannedResponseRow(db, actor.connections, id, options) : undefined;
  if (!row || (row.ownerId !== null && row.ownerId !== actor.id)) throw new NotFoundError(NOT_FOUND, "cannedResponseId");
  return row;
}

/** The team's responses and the actor's own (or one library), optionally matching a search in shortcut or text. */
export async function listCannedResponses(
  db: Database,
  actor: CannedActor,
  options: { library?: CannedLibrary; q?: string; limit?: number } = {},
): Promise<CannedResponseView[]> {
  return (await listCannedResponseRows(db, actor, options)).map((row) => viewOf(actor, row));
}

export async function getCannedResponse(db: Database, actor: CannedActor, id: string): Promise<CannedResponseView> {
  return viewOf(actor, await visibleRow(db, actor, id));
}

export async function createCannedResponse(db: Database, actor: CannedActor, input: CannedResponseInput & { library: CannedLibrary }): Promise<CannedResponseView> {
  if (input.library === "team") requireTeamManager(actor);
  const shortcut = checkedShortcut(input.shortcut);
  const body = checkedBody(input.body);
  const mediaId = await checkedMedia(db, actor, input.mediaId);
  const ownerId = input.library === "team" ? null : actor.id;
  return db.transaction(async (tx) => {
    if (await cannedShortcutHolder(tx, ownerId, shortcut)) throw shortcutTaken(input.library, shortcut);
    const id = await insertCannedResponse(tx, { ownerId, shortcut, body, mediaId, createdById: actor.id });
    // Taken between the check and the insert by another request: the unique index said no.
    if (!id) throw shortcutTaken(input.library, shortcut);
    if (ownerId === null) {
      await recordAudit(tx, {
        actor: { id: actor.id, email: actor.email },
        action: "canned_response.created",
        target: { type: "canned_response", id },
        details: { shortcut, mediaId },
      });
    }
    await publishLiveEvents(tx, [changeEvent({ id, ownerId })]);
    return viewOf(actor, (await findCannedResponseRow(tx, actor.connections, id))!);
  });
}

export async function updateCannedResponse(db: Database, actor: CannedActor, id: string, patch: Partial<CannedResponseInput>): Promise<CannedResponseView> {
  const shortcut = patch.shortcut === undefined ? undefined : checkedShortcut(patch.shortcut);
  const body = patch.body === undefined ? undefined : checkedBody(patch.body);
  try {
    return await db.transaction(async (tx) => {
      const before = await visibleRow(tx, actor, id, { lock: true });
      if (!mayEdit(actor, before)) requireTeamManager(actor);
      const library = libraryOf(before);
      // An unchanged file is kept even if it has since left the actor's view; a new one must be usable.
      const mediaId = patch.mediaId === undefined || patch.mediaId === before.mediaId ? undefined : await checkedMedia(tx, actor, patch.mediaId);
      if (shortcut !== undefined && (await cannedShortcutHolder(tx, before.ownerId, shortcut, before.id))) throw shortcutTaken(library, shortcut);
      await updateCannedResponseRow(tx, before.id, { shortcut, body, mediaId });
      if (library === "team") {
        await recordAudit(tx, {
          actor: { id: actor.id, email: actor.email },
          action: "canned_response.updated",
          target: { type: "canned_response", id: before.id },
          details: {
            ...(shortcut !== undefined && shortcut !== before.shortcut ? { shortcut: { before: before.shortcut, after: shortcut } } : {}),
            ...(body !== undefined && body !== before.body ? { body: { changed: true } } : {}),
            ...(mediaId !== undefined ? { mediaId: { before: before.mediaId, after: mediaId } } : {}),
          },
        });
      }
      await publishLiveEvents(tx, [changeEvent(before)]);
      return viewOf(actor, (await findCannedResponseRow(tx, actor.connections, before.id))!);
    });
  } catch (error) {
    if (shortcut !== undefined && isUniqueViolation(error)) {
      const row = UUID.test(id) ? await findCannedResponseRow(db, actor.connections, id) : undefined;
      throw shortcutTaken(row ? libraryOf(row) : "personal", shortcut);
    }
    throw error;
  }
}

export async function deleteCannedResponse(db: Database, actor: CannedActor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await visibleRow(tx, actor, id, { lock: true });
    if (!mayEdit(actor, before)) requireTeamManager(actor);
    await deleteCannedResponseRow(tx, before.id);
    if (before.ownerId === null) {
      await recordAudit(tx, {
        actor: { id: actor.id, email: actor.email },
        action: "canned_response.deleted",
        target: { type: "canned_response", id: before.id },
        details: { shortcut: before.shortcut },
      });
    }
    await publishLiveEvents(tx, [changeEvent(before)]);
  });
}

/**
 * The responses for the composer's picker in one conversation the actor may see ("not found"
 * otherwise): each with its text filled from that customer and the actor, and whether its file can
 * go with it (a file belongs to one business number and expires at WhatsApp).
 */
export async function cannedResponsesForConversation(
  db: Database,
  actor: CannedActor,
  conversationId: string,
  options: { q?: string; now?: Date } = {},
): Promise<CannedPickerOption[]> {
  if (!UUID.test(conversationId)) throw new NotFoundError(message("common.notFound.conversation"), "conversationId");
  const conversation = await assertConversationVisible(db, actor.connections, conversationId);
  const [rows, contact] = await Promise.all([listCannedResponseRows(db, actor, { q: options.q }), findCannedContactValues(db, conversation.waId)]);
  const now = options.now ?? new Date();
  const sources = {
    // A deleted customer's anonymised record names no one.
    contact: conversation.customerDeletedAt
      ? {}
      : { name: contact?.displayName, profileName: contact?.profileName, phone: contact?.phoneNumber, attributes: contact?.attributes },
    agent: { name: actor.name },
  };
  return rows.map((row) => ({
    ...viewOf(actor, row),
    filled: fillCannedVariables(row.body, sources),
    mediaUsable: row.media !== null && row.media.phoneNumberId === conversation.phoneNumber.id && row.media.expiresAt > now,
  }));
}
