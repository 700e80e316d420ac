import "server-only";

import type { Database } from "@/db";
import type { ConnectionScope } from "@/db/queries/connection-access";
import { findSelectedPhoneNumberId, listUsablePhoneNumbers as listAllUsablePhoneNumbers, setSelectedPhoneNumberId } from "@/db/queries/phone-numbers";
import type { PhoneNumber } from "@/db/schema";
import type { ScopedUser } from "@/lib/auth/connection-access";

import { workingConnection } from "./working-connection";

/** Numbers of ACTIVE, linked connections within the scope, by display number: the ones a user can work with. */
export async function listUsablePhoneNumbers(db: Database, scope: ConnectionScope): Promise<PhoneNumber[]> {
  return listAllUsablePhoneNumbers(db, scope);
}

/**
 * The business number a user works with on the inbox, media and profile pages: the one they chose
 * last while it is still usable and theirs, else the first number of their working connection, else
 * their first usable number. Undefined when none of theirs is synced yet.
 */
export async function selectedPhoneNumber(db: Database, user: ScopedUser): Promise<PhoneNumber | undefined> {
  const numbers = await listUsablePhoneNumbers(db, user.connections);
  const chosen = await findSelectedPhoneNumberId(db, user.id);
  const remembered = numbers.find((number) => number.id === chosen);
  if (remembered) return remembered;
  const connection = await workingConnection(db, user);
  return numbers.find((number) => number.connectionId === connection?.id) ?? numbers[0];
}

/** Remembers the user's choice; refuses (undefined) a number that is not usable or not theirs, as if unknown. */
export async function selectPhoneNumber(db: Database, user: ScopedUser, phoneNumberId: string): Promise<PhoneNumber | undefined> {
  const number = (await listUsablePhoneNumbers(db, user.connections)).find((candidate) => candidate.id === phoneNumberId);
  if (!number) return undefined;
  await setSelectedPhoneNumberId(db, user.id, number.id);
  return number;
}
