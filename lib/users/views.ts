/** What the users screen shows of a person, built in one place for the page and the actions' answers. Browser-safe. */
import type { UserSummary } from "@/db/queries/users";

/** A user as the users screen shows it: never the password hash; times as ISO strings. */
export function managedUserView(user: UserSummary) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    disabled: user.disabled,
    mustChangePassword: user.mustChangePassword,
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

export type ManagedUser = ReturnType<typeof managedUserView>;
