/**
 * The opt-out keywords an installation matches (a customer writing one of them opts out of
 * marketing): kept in app settings, read once per webhook batch, changed by admins.
 */
import "server-only";

import type { Database } from "@/db";
import { readSetting, writeSetting } from "@/db/queries/app-settings";
import { recordAudit } from "@/db/queries/audit";
import { ActionError } from "@/lib/actions/errors";
import { can } from "@/lib/auth/permissions";
import { message } from "@/lib/i18n/translatable";
import { logger } from "@/lib/log";

import type { ContactActor } from "./access";
import { checkOptOutKeywords, DEFAULT_OPT_OUT_KEYWORDS, type OptOutKeywords } from "./keyword-rules";

export { DEFAULT_OPT_OUT_KEYWORDS, KEYWORD_LIMITS, matchOptOutKeyword, optOutKeywordMatcher, type OptOutKeywords } from "./keyword-rules";

const log = logger("contacts");

/** The app setting holding the keywords as JSON; absent until an admin saves a list. */
export const OPT_OUT_KEYWORDS_SETTING = "contacts.opt_out_keywords";

/** Whether a stored value has the shape of a keyword list (it was checked when saved). */
function isKeywordList(value: unknown): value is OptOutKeywords {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((list) => Array.isArray(list) && list.every((keyword) => typeof keyword === "string"))
  );
}

/**
 * The keywords in force: the saved list, else the defaults. One read of app settings by its key: it
 * runs once per webhook batch. A stored value that cannot be read falls back to the defaults (a
 * customer's STOP still counts) and is logged.
 */
export async function readOptOutKeywords(db: Database): Promise<OptOutKeywords> {
  const stored = await readSetting(db, OPT_OUT_KEYWORDS_SETTING);
  if (stored === undefined) return DEFAULT_OPT_OUT_KEYWORDS;
  try {
    const parsed: unknown = JSON.parse(stored);
    if (isKeywordList(parsed)) return parsed;
  } catch {
    // Reported below.
  }
  log.error({ setting: OPT_OUT_KEYWORDS_SETTING }, "stored opt-out keywords are unreadable: the defaults apply");
  return DEFAULT_OPT_OUT_KEYWORDS;
}

/**
 * Replaces the keywords (admins: `contacts.settings`), audited with the lists before and after.
 * Refused with the field of the first problem: `keywords`, `keywords.<language>` or
 * `keywords.<language>.<index>`. Answers the list as saved (each keyword trimmed).
 */
export async function saveOptOutKeywords(db: Database, actor: ContactActor, keywords: OptOutKeywords): Promise<OptOutKeywords> {
  // The same refusal as the action client's role check (an AuthorizationError would load the session,
  // and with it next-auth, into the webhook ingest that reads the keywords).
  if (!can(actor.role, "contacts.settings")) {
    throw new ActionError(message("auth.authorization.roleNotAllowed", { role: actor.role }), { code: "FORBIDDEN" });
  }
  const checked = checkOptOutKeywords(keywords);
  if (!checked.ok) throw new ActionError(checked.problem.message, { code: "INVALID_INPUT", field: checked.problem.field });
  return db.transaction(async (tx) => {
    const before = await readOptOutKeywords(tx);
    await writeSetting(tx, OPT_OUT_KEYWORDS_SETTING, JSON.stringify(checked.keywords));
    await recordAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: "contacts.opt_out_keywords_changed",
      details: { from: before, to: checked.keywords },
    });
    return checked.keywords;
  });
}
