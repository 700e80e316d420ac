import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";

import type { Database } from "../client";
import { autoAssignment, autoAssignmentAgents, businessHours, conversations, messages, users, type OpeningInterval } from "../schema";
import { publishLiveEvents } from "./live-events";

export type WeeklyHours = Record<"1" | "2" | "3" | "4" | "5" | "6" | "7", OpeningInterval[]>;
export type BusinessHoursRow = typeof businessHours.$inferSelect;

/** The number's hours and automatic messages, or undefined when none were ever saved. */
export async function findBusinessHours(db: Database, phoneNumberId: string): Promise<BusinessHoursRow | undefined> {
  const [row] = await db.select().from(businessHours).where(eq(businessHours.phoneNumberId, phoneNumberId));
  return row;
}

const announce = (db: Database, phoneNumberId: string) => publishLiveEvents(db, [{ kind: "inbox_settings.updated", payload: { settingsOf: phoneNumberId } }]);

/** Saves the weekly schedule, its time zone and holidays (the automatic messages are kept as they are). */
export async function saveSchedule(
  db: Database,
  phoneNumberId: string,
  schedule: { timeZone: string; weekly: WeeklyHours; holidays: string[] },
  byUserId: string | null,
): Promise<BusinessHoursRow> {
  const [row] = await db
    .insert(businessHours)
    .values({ phoneNumberId, ...schedule, updatedById: byUserId })
    .onConflictDoUpdate({ target: businessHours.phoneNumberId, set: { ...schedule, updatedById: byUserId, updatedAt: new Date() } })
    .returning();
  await announce(db, phoneNumberId);
  return row!;
}

export interface AutomaticMessages {
  awayEnabled: boolean;
  awayText: string;
  welcomeEnabled: boolean;
  welcomeText: string;
}

/** Saves the automatic messages of a number whose hours exist; undefined when they do not. */
export async function saveAutomaticMessages(db: Database, phoneNumberId: string, texts: AutomaticMessages, byUserId: string | null): Promise<BusinessHoursRow | undefined> {
  const [row] = await db
    .update(businessHours)
    .set({ ...texts, updatedById: byUserId, updatedAt: new Date() })
    .where(eq(businessHours.phoneNumberId, phoneNumberId))
    .returning();
  if (row) await announce(db, phoneNumberId);
  return row;
}

export interface AutoAssignmentSettings {
  enabled: boolean;
  lastAssignedUserId: string | null;
  /** The chosen agents, in turn order (by name). */
  agentIds: string[];
}

/** The number's auto-assignment (off with nobody chosen when never saved). */
export async function findAutoAssignment(db: Database, phoneNumberId: string): Promise<AutoAssignmentSettings> {
  const [row] = await db.select().from(autoAssignment).where(eq(autoAssignment.phoneNumberId, phoneNumberId));
  const agents = await chosenAgents(db, phoneNumberId);
  return { enabled: row?.enabled ?? false, lastAssignedUserId: row?.lastAssignedUserId ?? null, agentIds: agents.map((agent) => agent.id) };
}

/** Switches auto-assignment and replaces the chosen agents; the turn stays where it was. */
export async function saveAutoAssignment(db: Database, phoneNumberId: string, enabled: boolean, agentIds: string[], byUserId: string | null): Promise<void> {
  await db
    .insert(autoAssignment)
    .values({ phoneNumberId, enabled, updatedById: byUserId })
    .onConflictDoUpdate({ target: autoAssignment.phoneNumberId, set: { enabled, updatedById: byUserId, updatedAt: new Date() } });
  await db.delete(autoAssignmentAgents).where(eq(autoAssignmentAgents.phoneNumberId, phoneNumberId));
  if (agentIds.length > 0) await db.insert(autoAssignmentAgents).values(agentIds.map((userId) => ({ phoneNumberId, userId })));
  await announce(db, phoneNumberId);
}

/** A teammate as auto-assignment weighs them. */
export interface AgentCandidate {
  id: string;
  name: string;
  email: string;
  role: "admin" | "marketer" | "agent";
  availability: "available" | "away";
  disabled: boolean;
}

const candidateColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  availability: users.availability,
  disabled: users.disabled,
};

/** The chosen agents of a number, in turn order: by name, then id (stable). */
export async function chosenAgents(db: Database, phoneNumberId: string): Promise<AgentCandidate[]> {
  return db
    .select(candidateColumns)
    .from(autoAssignmentAgents)
    .innerJoin(users, eq(users.id, autoAssignmentAgents.userId))
    .where(eq(autoAssignmentAgents.phoneNumberId, phoneNumberId))
    .orderBy(asc(users.name), asc(users.id));
}

/** Every teammate, with availability: who may be chosen is the service's to decide (their access to the number). */
export async function listTeammates(db: Database): Promise<AgentCandidate[]> {
  return db.select(candidateColumns).from(users).orderBy(asc(users.name), asc(users.id));
}

/** Teammates by id (the ones that exist). */
export async function findTeammates(db: Database, ids: string[]): Promise<AgentCandidate[]> {
  if (ids.length === 0) return [];
  return db.select(candidateColumns).from(users).where(inArray(users.id, ids));
}

/**
 * Locks the number's auto-assignment row for the rest of the transaction (one turn at a time across
 * instances) and answers it; undefined when the number has none.
 */
export async function lockAutoAssignment(db: Database, phoneNumberId: string): Promise<{ enabled: boolean; lastAssignedUserId: string | null } | undefined> {
  const [row] = await db
    .select({ enabled: autoAssignment.enabled, lastAssignedUserId: autoAssignment.lastAssignedUserId })
    .from(autoAssignment)
    .where(eq(autoAssignment.phoneNumberId, phoneNumberId))
    .for("update");
  return row;
}

/** Moves the turn to the agent just assigned. */
export async function recordTurn(db: Database, phoneNumberId: string, userId: string): Promise<void> {
  await db.update(autoAssignment).set({ lastAssignedUserId: userId }).where(eq(autoAssignment.phoneNumberId, phoneNumberId));
}

/** The conversation's state as auto-assignment reads it, locked until the transaction ends. */
export async function lockConversationForAssignment(db: Database, conversationId: string) {
  const [row] = await db
    .select({ id: conversations.id, phoneNumberId: conversations.phoneNumberId, assigneeId: conversations.assigneeId, status: conversations.status })
    .from(conversations)
    .where(eq(conversations.id, conversationId))
    .for("update");
  return row;
}

/** A customer's message with its conversation, as the automation after ingest reads them. */
export async function findInboundTrigger(db: Database, messageId: string) {
  const [row] = await db
    .select({
      messageId: messages.id,
      seq: messages.seq,
      sentAt: messages.sentAt,
      direction: messages.direction,
      conversationId: conversations.id,
      phoneNumberId: conversations.phoneNumberId,
      lastInboundAt: conversations.lastInboundAt,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(eq(messages.id, messageId));
  return row;
}

/** Whether the customer wrote in the conversation before this message (by arrival order). */
export async function hasEarlierInbound(db: Database, conversationId: string, seq: number): Promise<boolean> {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, "inbound"), lt(messages.seq, seq)))
    .limit(1);
  return row !== undefined;
}

/** The stored inbound messages of these wamids: id, conversation and arrival order. */
export async function inboundMessagesByWamid(db: Database, wamids: string[]): Promise<Array<{ id: string; conversationId: string; seq: number }>> {
  if (wamids.length === 0) return [];
  // Only numbers with something switched on have anything to do: the others queue no job at all.
  const automated = sql`(
    exists (select 1 from ${autoAssignment} where ${autoAssignment.phoneNumberId} = ${conversations.phoneNumberId} and ${autoAssignment.enabled})
    or exists (select 1 from ${businessHours} where ${businessHours.phoneNumberId} = ${conversations.phoneNumberId} and (${businessHours.awayEnabled} or ${businessHours.welcomeEnabled}))
  )`;
  return db
    .select({ id: messages.id, conversationId: messages.conversationId, seq: messages.seq })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(inArray(messages.wamid, wamids), eq(messages.direction, "inbound"), automated))
    .orderBy(asc(messages.seq));
}

/** Marks a message as sent by the dashboard itself ("away_message", "welcome_message"). */
export async function markMessageOrigin(db: Database, messageId: string, origin: string): Promise<void> {
  await db.update(messages).set({ origin }).where(and(eq(messages.id, messageId), sql`${messages.origin} is null`));
}
