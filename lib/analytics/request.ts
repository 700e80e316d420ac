/**
 * The door of every analytics report: who asks (session, role, connections), in which time zone, for
 * which period and filters. A search that names something wrong is refused before anything is counted,
 * naming the field at fault.
 */
import "server-only";

import type { Database } from "@/db";
import { getDb } from "@/db";
import { findCampaignDetail } from "@/db/queries/campaigns";
import type { ConnectionScope } from "@/db/queries/connection-access";
import { findLabelsByIds } from "@/db/queries/conversation-labels";
import { findPhoneNumber } from "@/db/queries/phone-numbers";
import { findUserById } from "@/db/queries/users";
import { DEFAULT_TIME_ZONE, isTimeZone } from "@/i18n/locales";
import { isPhoneNumberVisible } from "@/lib/auth/connection-access";
import { can, type Capability } from "@/lib/auth/permissions";
import { AuthorizationError, requireCapability, type SessionUser } from "@/lib/auth/session";
import { message, type Translatable } from "@/lib/i18n/translatable";

import { analyticsSearchOf, resolveRange, type RangeField, type RangeProblem } from "./range";
import type { AnalyticsRequest } from "./types";
import { MAX_RANGE_DAYS, type AnalyticsSearch } from "./views";

/** The reports, as their routes under /api/analytics name them. */
export type AnalyticsSection = "options" | "conversations" | "windows" | "templates" | "templates-meta" | "campaigns" | "costs";

/** Agents read the conversation reports (their own figures); templates, campaigns and costs are the account's. */
const SECTION_CAPABILITY: Record<AnalyticsSection, Capability> = {
  options: "analytics.viewOwn",
  conversations: "analytics.viewOwn",
  windows: "analytics.viewOwn",
  templates: "analytics.viewAll",
  "templates-meta": "analytics.viewAll",
  campaigns: "analytics.viewAll",
  costs: "analytics.viewAll",
};

/** Why a report is not answered: the status, a code to branch on, what the reader is told, the field at fault. */
export interface AnalyticsRefusal {
  status: 400 | 401 | 403;
  code: string;
  said: Translatable;
  field?: keyof AnalyticsSearch;
}

/** Who reads analytics, as the door checked them. */
export interface AnalyticsReader {
  db: Database;
  user: SessionUser;
  scope: ConnectionScope;
  /** The user's saved zone, else the browser's (`tz`), else UTC. */
  timeZone: string;
  viewAll: boolean;
}

export type Refusable<T> = ({ ok: true } & T) | { ok: false; refusal: AnalyticsRefusal };

/** Longer than any preset, date or id: refused without being looked up. */
const VALUE_MAX = 128;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The zone the days are counted in: the user's saved one wins over the browser's; UTC when neither is a zone. */
export function analyticsTimeZone(saved: string | null | undefined, asked: string | null | undefined): string {
  if (isTimeZone(saved)) return saved;
  if (isTimeZone(asked)) return asked;
  return DEFAULT_TIME_ZONE;
}

const RANGE_MESSAGES: Record<RangeProblem, (field: RangeField) => Translatable> = {
  unknownPreset: () => message("analytics.errors.unknownPreset"),
  badDate: (field) => message(field === "from" ? "analytics.errors.badFrom" : "analytics.errors.badTo"),
  fromAfterTo: () => message("analytics.errors.fromAfterTo"),
  tooLong: () => message("analytics.errors.tooLong", { maximum: MAX_RANGE_DAYS }),
};

const invalid = (field: keyof AnalyticsSearch, said: Translatable): { ok: false; refusal: AnalyticsRefusal } => ({
  ok: false,
  refusal: { status: 400, code: "INVALID_INPUT", said, field },
});

/** The session's reader, when they may open the section. */
export async function analyticsReader(request: Request, section: AnalyticsSection): Promise<Refusable<{ reader: AnalyticsReader }>> {
  let user: SessionUser;
  try {
    user = await requireCapability(SECTION_CAPABILITY[section]);
  } catch (error) {
    if (!(error instanceof AuthorizationError)) throw error;
    return { ok: false, refusal: { status: error.status, code: error.code, said: error.said } };
  }
  const timeZone = analyticsTimeZone(user.timeZone, new URL(request.url).searchParams.get("tz"));
  return {
    ok: true,
    reader: { db: await getDb(), user, scope: user.connections, timeZone, viewAll: can(user.role, "analytics.viewAll") },
  };
}

/** A business number that is stored and on one of the reader's connections. */
async function numberIsTheirs(db: Database, scope: ConnectionScope, phoneNumberId: string): Promise<boolean> {
  if (phoneNumberId.length > VALUE_MAX || !(await findPhoneNumber(db, phoneNumberId))) return false;
  return isPhoneNumberVisible(db, scope, phoneNumberId);
}

/**
 * A report's request from the URL (`preset`, `from`, `to`, `number`, `agent`, `label`, `campaign`,
 * `tz`) and the session. Agents always get their own figures: `agent` is theirs whatever they asked.
 */
export async function analyticsRequest(
  request: Request,
  section: Exclude<AnalyticsSection, "options">,
  now: Date = new Date(),
): Promise<Refusable<{ reader: AnalyticsReader; analytics: AnalyticsRequest }>> {
  const asked = await analyticsReader(request, section);
  if (!asked.ok) return asked;
  const { reader } = asked;
  const { db, scope, user, viewAll } = reader;
  const search = analyticsSearchOf(new URL(request.url).searchParams);

  const resolved = resolveRange(search, reader.timeZone, now);
  if (!resolved.ok) return invalid(resolved.field, RANGE_MESSAGES[resolved.problem](resolved.field));

  if (search.number !== undefined && !(await numberIsTheirs(db, scope, search.number))) {
    return invalid("number", message("analytics.errors.unknownNumber"));
  }
  let agentId: string | null = viewAll ? null : user.id;
  if (viewAll && search.agent !== undefined) {
    if (!UUID.test(search.agent) || !(await findUserById(db, search.agent))) return invalid("agent", message("analytics.errors.unknownAgent"));
    agentId = search.agent;
  }
  if (search.label !== undefined && (!UUID.test(search.label) || (await findLabelsByIds(db, [search.label])).length === 0)) {
    return invalid("label", message("analytics.errors.unknownLabel"));
  }
  if (search.campaign !== undefined) {
    const campaign = UUID.test(search.campaign) ? await findCampaignDetail(db, search.campaign) : undefined;
    // A campaign on a number outside the reader's connections is answered as one that does not exist.
    if (!campaign || !(await isPhoneNumberVisible(db, scope, campaign.campaign.phoneNumberId))) {
      return invalid("campaign", message("analytics.errors.unknownCampaign"));
    }
  }

  const { range } = resolved;
  return {
    ok: true,
    reader,
    analytics: {
      query: {
        start: new Date(range.start),
        end: new Date(range.end),
        timeZone: range.timeZone,
        scope,
        phoneNumberId: search.number ?? null,
        agentId,
        labelId: search.label ?? null,
        campaignId: search.campaign ?? null,
      },
      range,
      viewAll,
      userId: user.id,
      now,
    },
  };
}
