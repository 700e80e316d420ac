/**
 * `npm run -s token:create -- --email admin@demo.test --name "CI script" [--expires-days 90]`
 * Creates an API token for a user and prints it on stdout, alone, so `$(npm run -s token:create -- …)`
 * captures it; what was done goes to stderr. Exit codes: 0 created, 1 refused (unknown or disabled
 * user, a name already in use, the database busy or unreachable), 2 bad flags.
 */
import { createTranslator } from "use-intl/core";

import { openDatabase } from "@/db/client";
import { databaseConfig } from "@/db/index";
import { findUserByEmail } from "@/db/queries/users";
import { daysAfter } from "@/lib/api-tokens/rules";
import { ApiTokenRefusal, createApiToken } from "@/lib/api-tokens/service";
import { translateMessage, type Translate } from "@/lib/i18n/translatable";
import en from "@/messages/en.json";

import { parseTokenCreateArgs, TOKEN_CREATE_USAGE } from "./token-create-args";

const args = parseTokenCreateArgs(process.argv.slice(2));
if (!args.ok) {
  console.error(`${args.error}\n\n${TOKEN_CREATE_USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.error(TOKEN_CREATE_USAGE);
  process.exit(0);
}

// The service's refusals in English. next-intl's own translator loads React's client hooks, which
// this script (run with the react-server condition, as server code is) cannot import.
const inEnglish = createTranslator({ locale: "en", messages: en }) as unknown as Translate;

/** A refusal the person can act on: said on stderr, exit code 1. */
class Refused extends Error {}

async function main(email: string, name: string, expiresDays: number | null): Promise<void> {
  // PGlite allows one process per data folder: while the dashboard holds it, opening is refused with an explanation.
  const handle = await openDatabase(databaseConfig()).catch((error: unknown) => {
    throw new Refused(`Could not open the database: ${error instanceof Error ? error.message : String(error)}`);
  });
  try {
    await handle.migrate();
    const user = await findUserByEmail(handle.db, email);
    if (!user) throw new Refused(`No user has the email ${email}.`);
    if (user.disabled) throw new Refused(`${user.email} is disabled: a token of theirs would be refused. Enable them on Settings › Users first.`);
    const now = new Date();
    const expiresAt = expiresDays === null ? null : daysAfter(now, expiresDays);
    const { token, record } = await createApiToken(handle.db, { id: user.id, email: user.email }, { name, expiresAt }, now).catch(
      (error: unknown) => {
        throw error instanceof ApiTokenRefusal ? new Refused(translateMessage(inEnglish, error.said)) : error;
      },
    );
    process.stdout.write(`${token}\n`);
    const until = record.expiresAt ? `expires ${record.expiresAt.toISOString()}` : "does not expire";
    console.error(`Created API token "${record.name}" (${record.prefix}…) for ${user.email} (${user.role}); it ${until}. It is not shown again.`);
  } finally {
    await handle.close();
  }
}

try {
  await main(args.email, args.name, args.expiresDays);
} catch (error) {
  if (!(error instanceof Refused)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
