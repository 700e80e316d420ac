import "server-only";

import type { Database } from "@/db";
import { listUsablePhoneNumbers, setSelectedPhoneNumberId, findSelectedPhoneNumberId } from "@/db/queries/phone-numbers";
import type { PhoneNumber } from "@/db/schema";

import { workingConnection } from "./working-connection";

/**
 * The business number a user works with on the inbox, media and profile pages: the one they chose
 * last while it still belongs to a usable connection, else the first number of their working
 * connection, else the first usable number. Undefined when no number is synced yet.
 */
export async function selectedPhoneNumber(db: Database, userId: string): Promise<PhoneNumber | undefined> {
  const numbers = await listUsablePhoneNumbers(db);
  const chosen = await findSelectedPhoneNumberId(db, userId);
  const remembered = numbers.find((number) => number.id === chosen);
  if (remembered) return remembered;
  const connection = await workingConnection(db, userId);
  return numbers.find((number) => number.connectionId === connection?.id) ?? numbers[0];
}

/** Remembers the user's choice; refuses a number that is not usable (unknown or unlinked). */
export async function selectPhoneNumber(db: Database, userId: string, phoneNumberId: string): Promise<PhoneNumber | undefined> {
  const number = (await listUsablePhoneNumbers(db)).find((candidate) => candidate.id === phoneNumberId);
  if (!number) return undefined;
  await setSelectedPhoneNumberId(db, userId, number.id);
  return number;
}

export { listUsablePhoneNumbers };
