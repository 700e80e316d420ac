import type { Database } from "@/db";
import { findUserByIdForUpdate } from "@/db/queries/users";
import type { User } from "@/db/schema";

/**
 * A team change refused for a reason the admin can act on: the message is written for them, the code
 * is for callers to branch on, the field places it in a form. Server actions show it as it is.
 */
export class TeamRefusal extends Error {
  override name = "TeamRefusal";
  constructor(
    message: string,
    readonly code: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The user's row, locked until the transaction ends; refused when no user has that id (any more). */
export async function findUserForUpdateOrThrow(tx: Database, userId: string): Promise<User> {
  const user = await findUserByIdForUpdate(tx, userId);
  if (!user) throw new TeamRefusal("That user no longer exists. Reload the page.", "NOT_FOUND", "userId");
  return user;
}
