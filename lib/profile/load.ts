import "server-only";

import type { Database } from "@/db";
import type { ConnectionScope } from "@/db/queries/connection-access";
import type { PhoneNumber } from "@/db/schema";
import { problemInWords, problemOf } from "@/lib/accounts/gateway-failure";
import { listUsablePhoneNumbers, selectedPhoneNumber } from "@/lib/accounts/selected-phone-number";
import { lastSyncStatus, refreshAccounts } from "@/lib/accounts/sync";
import { connectionIdForPhoneNumber, usableConnections } from "@/lib/accounts/working-connection";
import type { ScopedUser } from "@/lib/auth/connection-access";
import { isGatewayError, type GatewayClient } from "@/lib/gateway";
import { gateway } from "@/lib/gateway/server";
import type { Translate } from "@/lib/i18n/translatable";
import type { BusinessProfile } from "@/lib/whatsapp/profile";

import type { BusinessProfileView, PhoneNumberRowView, PhoneNumbersView, ProfileLoad } from "./views";

export function profileView(profile: BusinessProfile): BusinessProfileView {
  return {
    about: profile.about ?? "",
    address: profile.address ?? "",
    description: profile.description ?? "",
    email: profile.email ?? "",
    websites: (profile.websites ?? []).filter((website) => website.trim() !== ""),
    vertical: profile.vertical ?? "",
    profilePictureUrl: profile.profile_picture_url || null,
  };
}

/** A usable number (of an ACTIVE, linked connection) within the scope, or undefined: one outside it is as unknown. */
export async function findUsablePhoneNumber(db: Database, scope: ConnectionScope, phoneNumberId: string): Promise<PhoneNumber | undefined> {
  return (await listUsablePhoneNumbers(db, scope)).find((number) => number.id === phoneNumberId);
}

/**
 * The business profile as customers see it, read from the gateway; a gateway failure comes back as a
 * problem. Not an access check: callers pass a number the user may see (`findUsablePhoneNumber`).
 */
export async function loadBusinessProfile(db: Database, phoneNumberId: string, client: GatewayClient = gateway()): Promise<ProfileLoad> {
  try {
    const connectionId = await connectionIdForPhoneNumber(db, phoneNumberId);
    const profile = await client.profile.getBusinessProfile(phoneNumberId, connectionId ? { connectionId } : {});
    return { ok: true, phoneNumberId, profile: profileView(profile) };
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    return { ok: false, phoneNumberId, problem: problemOf(error) };
  }
}

/** A load's problem in the reader's words (`t`: the door's translator); a profile itself is never translated. */
export function profileLoadInWords(t: Translate, load: ProfileLoad): ProfileLoad {
  return load.ok ? load : { ...load, problem: problemInWords(t, load.problem) };
}

/** The numbers' sync problem, if any, in the reader's words. */
export function phoneNumbersInWords(t: Translate, view: PhoneNumbersView): PhoneNumbersView {
  return view.problem ? { ...view, problem: problemInWords(t, view.problem) } : view;
}

function rowView(number: PhoneNumber, labels: Map<string, string | null>): PhoneNumberRowView {
  return {
    id: number.id,
    wabaId: number.wabaId,
    connectionId: number.connectionId,
    connectionLabel: number.connectionId ? (labels.get(number.connectionId) ?? null) : null,
    displayPhoneNumber: number.displayPhoneNumber,
    verifiedName: number.verifiedName,
    nameStatus: number.nameStatus,
    qualityRating: number.qualityRating,
    messagingLimitTier: number.messagingLimitTier,
    throughputLevel: number.throughputLevel,
    codeVerificationStatus: number.codeVerificationStatus,
    syncedAt: number.syncedAt?.toISOString() ?? null,
  };
}

/**
 * The numbers of the user's connections as the database mirrors them, with the user's chosen one.
 * `refresh` re-reads Maton first (0: now; otherwise only when the last sync is older than a minute).
 */
export async function loadPhoneNumbers(db: Database, user: ScopedUser, options: { refresh?: "now" | "if-stale" | false } = {}): Promise<PhoneNumbersView> {
  const status = options.refresh ? await refreshAccounts(db, { maxAgeMs: options.refresh === "now" ? 0 : undefined }) : lastSyncStatus();
  const [numbers, selected, connections] = await Promise.all([
    listUsablePhoneNumbers(db, user.connections),
    selectedPhoneNumber(db, user),
    usableConnections(db, user.connections),
  ]);
  const labels = new Map(connections.map((connection) => [connection.id, connection.label]));
  return {
    numbers: numbers.map((number) => rowView(number, labels)),
    selectedId: selected?.id ?? null,
    syncedAt: status.lastSuccessAt?.toISOString() ?? null,
    problem: status.error,
  };
}
