import { sql } from "drizzle-orm";

import type { Database } from "./client";
import { users, userSessions } from "./schema";

/**
 * For tests that mock `@/auth`: the session id a signed-in user's cookie names (`auth()` answers
 * `{ user: { id }, sessionId: testSessionId(id) }`), and the rows the session check then finds.
 */
export const testSessionId = (userId: string) => `test-session-${userId}`;

/** An active session for every user that has none yet; call it after creating the users a test signs in as. */
export async function openTestSessions(db: Database): Promise<void> {
  await db.execute(sql`
    insert into ${userSessions} (id, user_id, expires_at)
    select 'test-session-' || ${users.id}, ${users.id}, now() + interval '1 day' from ${users}
    on conflict (id) do nothing`);
}
