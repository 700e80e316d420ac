/**
 * The flags of `npm run token:create`: who the token is for, its name, and in how many days it
 * expires (none: it does not). Kept apart from the script so it can be checked without a database.
 */
import { parseArgs } from "node:util";

import { EXPIRY_MAX_DAYS, TOKEN_NAME_MAX } from "@/lib/api-tokens/rules";

export const TOKEN_CREATE_USAGE = `Usage: npm run -s token:create -- --email <user's email> --name <token name> [--expires-days <1-${EXPIRY_MAX_DAYS - 1}>]
Prints the new API token (only the token) on stdout; it is not shown again.`;

export type TokenCreateArgs =
  | { ok: true; help: true }
  | { ok: true; help: false; email: string; name: string; expiresDays: number | null }
  | { ok: false; error: string };

/** Reads the flags, or says plainly which one is wrong. */
export function parseTokenCreateArgs(argv: readonly string[]): TokenCreateArgs {
  let values: { email?: string; name?: string; "expires-days"?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        email: { type: "string" },
        name: { type: "string" },
        "expires-days": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { ok: true, help: true };

  const email = values.email?.trim() ?? "";
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) return { ok: false, error: "--email: give the email address of the user the token acts as." };
  const name = values.name?.trim() ?? "";
  if (name.length === 0) return { ok: false, error: '--name: give the token a name (what will use it, e.g. "CI script").' };
  if (name.length > TOKEN_NAME_MAX) return { ok: false, error: `--name: use at most ${TOKEN_NAME_MAX} characters.` };

  let expiresDays: number | null = null;
  const days = values["expires-days"];
  if (days !== undefined) {
    const maximum = EXPIRY_MAX_DAYS - 1;
    if (!/^\d+$/.test(days.trim()) || Number(days) < 1 || Number(days) > maximum) {
      return { ok: false, error: `--expires-days: a whole number of days from 1 to ${maximum} (leave it out for a token that does not expire).` };
    }
    expiresDays = Number(days);
  }
  return { ok: true, help: false, email, name, expiresDays };
}
