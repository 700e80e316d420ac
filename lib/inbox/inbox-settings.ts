/**
 * Settings › Inbox for one business number: its business hours, its automatic messages and its
 * auto-assignment. Read and saved here for every door; each save is audited and announced live
 * (`inbox_settings.updated`) in the commit that makes it.
 */
import "server-only";

import type { Database } from "@/db";
import { recordAudit } from "@/db/queries/audit";
import {
  findAutoAssignment,
  findBusinessHours,
  findTeammates,
  listTeammates,
  saveAutoAssignment,
  saveAutomaticMessages,
  saveSchedule,
  type AgentCandidate,
  type AutomaticMessages,
  type WeeklyHours,
} from "@/db/queries/inbox-settings";
import { listUsablePhoneNumbers } from "@/lib/accounts/selected-phone-number";
import { ActionError } from "@/lib/actions/errors";
import { connectionScopeOf, isPhoneNumberVisible } from "@/lib/auth/connection-access";
import type { SessionUser } from "@/lib/auth/session";
import { message } from "@/lib/i18n/translatable";
import { scheduleProblems, WEEKDAYS, type BusinessSchedule } from "@/lib/whatsapp/business-hours";

/** The most agents one number's turn goes round. */
export const MAX_CHOSEN_AGENTS = 100;
/** WhatsApp's limit of a text message. */
export const AUTOMATIC_TEXT_MAX = 4096;

type Actor = Pick<SessionUser, "id" | "email" | "connections">;

/** A teammate as the auto-assignment card shows them. */
export interface TeammateView {
  id: string;
  name: string;
  availability: "available" | "away";
  disabled: boolean;
  /** Whether they may work on this number (their connections include it). */
  mayWork: boolean;
}

/** Everything Settings › Inbox shows for a number. */
export interface InboxSettingsView {
  phoneNumberId: string;
  /** Null until business hours are saved: the number then counts as always open. */
  schedule: BusinessSchedule | null;
  messages: AutomaticMessages;
  assignment: { enabled: boolean; agentIds: string[] };
  teammates: TeammateView[];
}

const numberGone = () => new ActionError(message("inboxSettings.errors.numberGone"), { code: "NOT_FOUND", field: "phoneNumberId" });

/** A number the actor may work on that is stored and usable; anything else is refused as unknown. */
async function assertUsableNumber(db: Database, actor: Actor, phoneNumberId: string): Promise<void> {
  const numbers = await listUsablePhoneNumbers(db, actor.connections);
  if (!numbers.some((number) => number.id === phoneNumberId)) throw numberGone();
}

async function mayWorkOn(db: Database, user: AgentCandidate, phoneNumberId: string): Promise<boolean> {
  if (user.disabled) return false;
  return isPhoneNumberVisible(db, await connectionScopeOf(db, user), phoneNumberId);
}

/** The teammates who may work on the number, plus any already chosen who no longer may (shown so they can be removed). */
async function teammatesFor(db: Database, phoneNumberId: string, chosen: ReadonlySet<string>): Promise<TeammateView[]> {
  const views: TeammateView[] = [];
  for (const user of await listTeammates(db)) {
    const mayWork = await mayWorkOn(db, user, phoneNumberId);
    if (!mayWork && !chosen.has(user.id)) continue;
    views.push({ id: user.id, name: user.name, availability: user.availability, disabled: user.disabled, mayWork });
  }
  return views;
}

export async function loadInboxSettings(db: Database, actor: Actor, phoneNumberId: string): Promise<InboxSettingsView> {
  await assertUsableNumber(db, actor, phoneNumberId);
  const [hours, assignment] = await Promise.all([findBusinessHours(db, phoneNumberId), findAutoAssignment(db, phoneNumberId)]);
  return {
    phoneNumberId,
    schedule: hours ? { timeZone: hours.timeZone, weekly: hours.weekly, holidays: hours.holidays } : null,
    messages: {
      awayEnabled: hours?.awayEnabled ?? false,
      awayText: hours?.awayText ?? "",
      welcomeEnabled: hours?.welcomeEnabled ?? false,
      welcomeText: hours?.welcomeText ?? "",
    },
    assignment: { enabled: assignment.enabled, agentIds: assignment.agentIds },
    teammates: await teammatesFor(db, phoneNumberId, new Set(assignment.agentIds)),
  };
}

/** Saves the weekly schedule, time zone and holidays; the first problem is refused at its field. */
export async function saveBusinessHours(db: Database, actor: Actor, phoneNumberId: string, input: BusinessSchedule): Promise<void> {
  await assertUsableNumber(db, actor, phoneNumberId);
  const weekly = Object.fromEntries(WEEKDAYS.map((day) => [day, (input.weekly[day] ?? []).map(({ from, to }) => ({ from, to }))])) as WeeklyHours;
  const schedule = { timeZone: input.timeZone, weekly, holidays: [...input.holidays].sort() };
  const problem = scheduleProblems({ ...schedule, holidays: input.holidays })[0];
  if (problem) throw new ActionError(problem.message, { code: "INVALID_INPUT", field: problem.field });
  await db.transaction(async (tx) => {
    await saveSchedule(tx, phoneNumberId, schedule, actor.id);
    await recordAudit(tx, {
      actor,
      action: "inbox_settings.hours_updated",
      target: { type: "phone_number", id: phoneNumberId },
      details: { timeZone: schedule.timeZone, holidays: schedule.holidays.length },
    });
  });
}

/** Saves the away and welcome messages; a message switched on needs its text, and the number its hours. */
export async function saveAutomaticMessagesFor(db: Database, actor: Actor, phoneNumberId: string, input: AutomaticMessages): Promise<void> {
  await assertUsableNumber(db, actor, phoneNumberId);
  const texts = { ...input, awayText: input.awayText.trim(), welcomeText: input.welcomeText.trim() };
  for (const [enabled, text, field] of [
    [texts.awayEnabled, texts.awayText, "awayText"],
    [texts.welcomeEnabled, texts.welcomeText, "welcomeText"],
  ] as const) {
    if (text.length > AUTOMATIC_TEXT_MAX) throw new ActionError(message("inboxSettings.errors.textTooLong", { maximum: AUTOMATIC_TEXT_MAX }), { code: "INVALID_INPUT", field });
    if (enabled && text.length === 0) throw new ActionError(message("inboxSettings.errors.textRequired"), { code: "INVALID_INPUT", field });
  }
  await db.transaction(async (tx) => {
    const saved = await saveAutomaticMessages(tx, phoneNumberId, texts, actor.id);
    // The messages live with the hours: an away message needs them to know when the number is closed.
    if (!saved) throw new ActionError(message("inboxSettings.errors.hoursFirst"), { code: "INVALID_INPUT", field: "awayEnabled" });
    await recordAudit(tx, {
      actor,
      action: "inbox_settings.messages_updated",
      target: { type: "phone_number", id: phoneNumberId },
      details: { awayEnabled: texts.awayEnabled, welcomeEnabled: texts.welcomeEnabled },
    });
  });
}

/** Switches auto-assignment and chooses its agents: each an enabled teammate who may work on the number. */
export async function saveAutoAssignmentFor(db: Database, actor: Actor, phoneNumberId: string, input: { enabled: boolean; agentIds: string[] }): Promise<void> {
  await assertUsableNumber(db, actor, phoneNumberId);
  const agentIds = [...new Set(input.agentIds)];
  if (agentIds.length > MAX_CHOSEN_AGENTS) throw new ActionError(message("inboxSettings.errors.tooManyAgents", { maximum: MAX_CHOSEN_AGENTS }), { code: "INVALID_INPUT", field: "agentIds" });
  const found = await findTeammates(db, agentIds);
  if (found.length !== agentIds.length) throw new ActionError(message("inboxSettings.errors.agentUnknown"), { code: "INVALID_INPUT", field: "agentIds" });
  for (const agent of found) {
    if (!(await mayWorkOn(db, agent, phoneNumberId))) {
      throw new ActionError(message("inboxSettings.errors.agentNotAllowed", { name: agent.name }), { code: "INVALID_INPUT", field: "agentIds" });
    }
  }
  await db.transaction(async (tx) => {
    await saveAutoAssignment(tx, phoneNumberId, input.enabled, agentIds, actor.id);
    await recordAudit(tx, {
      actor,
      action: "inbox_settings.assignment_updated",
      target: { type: "phone_number", id: phoneNumberId },
      details: { enabled: input.enabled, agents: agentIds.length },
    });
  });
}
