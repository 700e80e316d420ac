import "server-only";

import type { Database } from "@/db";
import { findPresence, updatePresence } from "@/db/queries/users";
import { publishLiveEvents } from "@/db/queries/live-events";
import type { USER_AVAILABILITIES } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { message } from "@/lib/i18n/translatable";

export type Availability = (typeof USER_AVAILABILITIES)[number];

/** What the header and the account page show of the signed-in user. */
export interface Presence {
  /** Who is signed in: live events name users by id (an assignee, a notification's reader). */
  userId: string;
  availability: Availability;
  desktopNotifications: boolean;
}

const signedOut = () => new ActionError(message("auth.authorization.signedOut"), { code: "UNAUTHENTICATED" });

export async function presenceOf(db: Database, userId: string): Promise<Presence> {
  const presence = await findPresence(db, userId);
  if (!presence) throw signedOut();
  return { userId, ...presence };
}

/**
 * Sets the user's own availability (auto-assignment never picks someone away). A change is announced
 * (`user.availability`) so pickers and the user's other tabs follow; setting the same value changes nothing.
 */
export async function setOwnAvailability(db: Database, userId: string, availability: Availability): Promise<Presence> {
  return db.transaction(async (tx) => {
    const before = await updatePresence(tx, userId, { availability });
    if (!before) throw signedOut();
    if (before.availability !== availability) {
      await publishLiveEvents(tx, [{ kind: "user.availability", payload: { availabilityOf: userId } }]);
    }
    return { userId, desktopNotifications: before.desktopNotifications, availability };
  });
}
