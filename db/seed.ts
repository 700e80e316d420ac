import type { Database } from "./client";
import { countUsers, insertUser } from "./queries/users";
import type { User } from "./schema";

export const DEMO_PASSWORD = "demo-pass-1234";

/** bcrypt of DEMO_PASSWORD (cost 12), made once: a published password gains nothing from a fresh salt. */
export const DEMO_PASSWORD_HASH = "$2b$12$VIn4nF0xqDK/yyW/r0kmEemxj624incWII3BRCnUMy3be/BR6KRzG";

export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; role: User["role"] }> = [
  { email: "admin@demo.test", name: "Ada Admin", role: "admin" },
  { email: "marketer@demo.test", name: "Mia Marketer", role: "marketer" },
  { email: "agent@demo.test", name: "Sam Agent", role: "agent" },
];

/** Creates the three demo users; existing ones are left as they are. */
export async function seedDemoUsers(db: Database, options: { onlyIfEmpty?: boolean } = {}): Promise<number> {
  if (options.onlyIfEmpty && (await countUsers(db)) > 0) return 0;
  let created = 0;
  for (const user of DEMO_USERS) {
    if (await insertUser(db, { ...user, passwordHash: DEMO_PASSWORD_HASH })) created += 1;
  }
  return created;
}

/**
 * Outside demo mode the first admin comes from ADMIN_EMAIL / ADMIN_PASSWORD on an empty database;
 * the caller hashes the password (the boot, in instrumentation.ts).
 */
export async function createInitialAdmin(db: Database, admin: { email: string; passwordHash: string }): Promise<boolean> {
  if ((await countUsers(db)) > 0) return false;
  const created = await insertUser(db, {
    email: admin.email,
    name: "Administrator",
    role: "admin",
    passwordHash: admin.passwordHash,
  });
  return created !== undefined;
}
