import type { Database } from "@/db";
import { findUserByIdForUpdate } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { message, type Translatable } from "@/lib/i18n/translatable";

/**
 * A team change refused for a reason the admin can act on: `said` is written for them (put into
 * their language by the door it leaves by), the code is for callers to branch on, the field places it
 * in a form.
 */
export class TeamRefusal extends Error {
  override name = "TeamRefusal";
  constructor(
    readonly said: Translatable,
    readonly code: string,
    readonly field?: string,
  ) {
    super(said.key);
  }
}

/** The user's row, locked until the transaction ends; refused when no user has that id (any more). */
export async function findUserForUpdateOrThrow(tx: Database, userId: string): Promise<User> {
  const user = await findUserByIdForUpdate(tx, userId);
  if (!user) throw new TeamRefusal(message("users.refusals.userGone"), "NOT_FOUND", "userId");
  return user;
}
