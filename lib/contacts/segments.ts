/**
 * Segments: saved contact filters, named once (case-insensitively) for the whole team; campaigns'
 * audiences. Anyone reads them; only contacts.manage creates, changes and deletes them, audited.
 */
import "server-only";

import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { deleteSegmentRow, findSegmentRow, insertSegment, listSegmentRows, segmentNamed, updateSegmentRow, type SegmentRow } from "@/db/queries/segments";
import { ActionError } from "@/lib/actions/errors";
import { isPhoneNumberVisible, NOT_FOUND_MESSAGES, NotFoundError } from "@/lib/auth/connection-access";
import { can } from "@/lib/auth/permissions";
import { AuthorizationError } from "@/lib/auth/session";
import { message } from "@/lib/i18n/translatable";

import type { ContactActor } from "./access";
import { contactFilterSchema, type ContactFilter } from "./filter";
import { resolveFilter } from "./list";
import { SEGMENT_NAME_MAX } from "./segment-rules";
import type { SegmentView } from "./views";

export { SEGMENT_NAME_MAX };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEGMENT_NOT_FOUND = message("contacts.segmentsApi.notFound");

function viewOf(row: SegmentRow): SegmentView {
  const parsed = contactFilterSchema.safeParse(row.definition);
  return {
    id: row.id,
    name: row.name,
    // A definition no longer readable (never written so by this code) shows as the empty filter it can no longer narrow.
    filter: parsed.success ? parsed.data : {},
    createdBy: row.createdById ? { id: row.createdById, name: row.createdByName ?? "" } : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function requireManage(actor: ContactActor): void {
  if (!can(actor.role, "contacts.manage")) {
    throw new AuthorizationError(403, message("auth.authorization.roleNotAllowed", { role: actor.role }));
  }
}

/** The name as stored (trimmed), or a refusal naming the field and the limit. */
function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw new ActionError(message("contacts.segmentsApi.nameRequired"), { code: "INVALID_INPUT", field: "name" });
  if ([...trimmed].length > SEGMENT_NAME_MAX) {
    throw new ActionError(message("contacts.segmentsApi.nameTooLong", { maximum: SEGMENT_NAME_MAX }), { code: "INVALID_INPUT", field: "name" });
  }
  return trimmed;
}

const nameTaken = (name: string) => new ActionError(message("contacts.segmentsApi.nameTaken", { name }), { code: "CONFLICT", field: "name" });

/**
 * The filter as stored: checked by its schema, against the attributes' definitions (fields
 * `filter.…`), and its business number one the actor may work with ("not found" otherwise).
 */
async function checkedFilter(db: Database, actor: ContactActor, filter: ContactFilter): Promise<ContactFilter> {
  const parsed = contactFilterSchema.safeParse(filter);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ActionError(issue.message, { code: "INVALID_INPUT", field: ["filter", ...issue.path.map(String)].join(".") });
  }
  await resolveFilter(db, parsed.data);
  if (parsed.data.phoneNumberId !== undefined && !(await isPhoneNumberVisible(db, actor.connections, parsed.data.phoneNumberId))) {
    throw new NotFoundError(NOT_FOUND_MESSAGES.phoneNumber, "filter.phoneNumberId");
  }
  return parsed.data;
}

/** A unique violation (PostgreSQL 23505), however the driver wraps it. */
function isUniqueViolation(error: unknown): boolean {
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if ((cause as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/** Every segment, by name. */
export async function listSegments(db: Database): Promise<SegmentView[]> {
  return (await listSegmentRows(db)).map(viewOf);
}

/** One segment, or NotFoundError. */
export async function getSegment(db: Database, id: string): Promise<SegmentView> {
  const row = UUID.test(id) ? await findSegmentRow(db, id) : undefined;
  if (!row) throw new NotFoundError(SEGMENT_NOT_FOUND, "segmentId");
  return viewOf(row);
}

export async function createSegment(db: Database, actor: ContactActor, input: { name: string; filter: ContactFilter }): Promise<SegmentView> {
  requireManage(actor);
  const name = checkedName(input.name);
  const filter = await checkedFilter(db, actor, input.filter);
  return db.transaction(async (tx) => {
    if (await segmentNamed(tx, name)) throw nameTaken(name);
    const id = await insertSegment(tx, { name, definition: filter, createdById: actor.id });
    // Taken between the check and the insert by another request: the unique index said no.
    if (!id) throw nameTaken(name);
    await recordAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: "segment.created",
      target: { type: "segment", id },
      details: { name, filter },
    });
    return viewOf((await findSegmentRow(tx, id))!);
  });
}

export async function updateSegment(db: Database, actor: ContactActor, id: string, patch: { name?: string; filter?: ContactFilter }): Promise<SegmentView> {
  requireManage(actor);
  const name = patch.name === undefined ? undefined : checkedName(patch.name);
  const filter = patch.filter === undefined ? undefined : await checkedFilter(db, actor, patch.filter);
  if (!UUID.test(id)) throw new NotFoundError(SEGMENT_NOT_FOUND, "segmentId");
  try {
    return await db.transaction(async (tx) => {
      const before = await findSegmentRow(tx, id, { lock: true });
      if (!before) throw new NotFoundError(SEGMENT_NOT_FOUND, "segmentId");
      if (name !== undefined && (await segmentNamed(tx, name, id))) throw nameTaken(name);
      await updateSegmentRow(tx, id, { name, definition: filter });
      await recordAudit(tx, {
        actor: { id: actor.id, email: actor.email },
        action: "segment.updated",
        target: { type: "segment", id },
        details: {
          ...(name !== undefined && name !== before.name ? { name: { before: before.name, after: name } } : {}),
          ...(filter !== undefined ? { filter: { before: before.definition, after: filter } } : {}),
        },
      });
      return viewOf((await findSegmentRow(tx, id))!);
    });
  } catch (error) {
    if (name !== undefined && isUniqueViolation(error)) throw nameTaken(name);
    throw error;
  }
}

export async function deleteSegment(db: Database, actor: ContactActor, id: string): Promise<void> {
  requireManage(actor);
  if (!UUID.test(id)) throw new NotFoundError(SEGMENT_NOT_FOUND, "segmentId");
  await db.transaction(async (tx) => {
    const before = await findSegmentRow(tx, id, { lock: true });
    if (!before) throw new NotFoundError(SEGMENT_NOT_FOUND, "segmentId");
    await deleteSegmentRow(tx, id);
    await recordAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: "segment.deleted",
      target: { type: "segment", id },
      details: { name: before.name, filter: before.definition },
    });
  });
}
