import type { Database } from "./client";
import { replaceConnectionAccess } from "./queries/connection-access";
import { countUsers, insertUser } from "./queries/users";
import { connections, type User } from "./schema";

export const DEMO_PASSWORD = "demo-pass-1234";

/** bcrypt of DEMO_PASSWORD (cost 12), made once: a published password gains nothing from a fresh salt. */
export const DEMO_PASSWORD_HASH = "$2b$12$VIn4nF0xqDK/yyW/r0kmEemxj624incWII3BRCnUMy3be/BR6KRzG";

/**
 * The coffee roaster (Lumen Coffee Roasters) of the demo: the simulator always lists this connection
 * under this fixed id (simulator/seed.ts, SEED.connections.lumen), beside the dental clinic's.
 */
export const DEMO_COFFEE_ROASTER_CONNECTION_ID = "3f6c2a9e-1b4d-4c8a-9e2f-7a5b1c0d9e01";

export interface DemoUser {
  email: string;
  name: string;
  role: User["role"];
  /** Where they work in the demo: every connection, or only the listed ones. */
  demoAccess: "all" | { connectionIds: readonly string[] };
  /** The same in words, for the logins the demo prints. */
  demoAccessNote: string;
}

export const DEMO_USERS: ReadonlyArray<DemoUser> = [
  { email: "admin@demo.test", name: "Ada Admin", role: "admin", demoAccess: "all", demoAccessNote: "all connections" },
  { email: "marketer@demo.test", name: "Mia Marketer", role: "marketer", demoAccess: "all", demoAccessNote: "all connections" },
  {
    email: "agent@demo.test",
    name: "Sam Agent",
    role: "agent",
    demoAccess: { connectionIds: [DEMO_COFFEE_ROASTER_CONNECTION_ID] },
    demoAccessNote: "coffee roaster only",
  },
];

/**
 * Creates the three demo users; existing ones are left as they are. Every one works in all
 * connections, unless `demoAccess` (the demo itself): then the agent works only in the coffee
 * roaster's connection, to show access by connection.
 */
export async function seedDemoUsers(db: Database, options: { onlyIfEmpty?: boolean; demoAccess?: boolean } = {}): Promise<number> {
  if (options.onlyIfEmpty && (await countUsers(db)) > 0) return 0;
  let created = 0;
  for (const user of DEMO_USERS) {
    const listed = options.demoAccess && user.demoAccess !== "all" ? user.demoAccess.connectionIds : undefined;
    await db.transaction(async (tx) => {
      const inserted = await insertUser(tx, {
        email: user.email,
        name: user.name,
        role: user.role,
        passwordHash: DEMO_PASSWORD_HASH,
        allConnections: listed === undefined,
      });
      if (!inserted) return;
      created += 1;
      if (listed) {
        await ensureDemoConnections(tx, listed);
        await replaceConnectionAccess(tx, inserted.id, { all: false, connectionIds: listed });
      }
    });
  }
  return created;
}

/**
 * A grant needs its connection's row, and the seed runs before the first sync mirrors the
 * simulator's connections. The row written here is what that sync writes first for a listed ACTIVE
 * connection (its id and status); the sync then fills in the rest. A row already there is left alone.
 */
async function ensureDemoConnections(tx: Database, ids: readonly string[]): Promise<void> {
  await tx
    .insert(connections)
    .values(ids.map((id) => ({ id, status: "ACTIVE" })))
    .onConflictDoNothing({ target: connections.id });
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
