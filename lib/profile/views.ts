/** What the profile page shows: plain, serialisable, browser-safe views. */
import type { ProblemView } from "@/lib/accounts/views";

export type { ProblemView };

export interface BusinessProfileView {
  about: string;
  address: string;
  description: string;
  email: string;
  websites: string[];
  /** "" when Meta has none. */
  vertical: string;
  profilePictureUrl: string | null;
}

export type ProfileLoad = { ok: true; phoneNumberId: string; profile: BusinessProfileView } | { ok: false; phoneNumberId: string; problem: ProblemView };

export interface PhoneNumberRowView {
  id: string;
  wabaId: string;
  connectionId: string | null;
  connectionLabel: string | null;
  displayPhoneNumber: string | null;
  verifiedName: string | null;
  nameStatus: string | null;
  qualityRating: string | null;
  messagingLimitTier: string | null;
  throughputLevel: string | null;
  codeVerificationStatus: string | null;
  syncedAt: string | null;
}

export interface PhoneNumbersView {
  numbers: PhoneNumberRowView[];
  /** The user's number for the inbox, media and profile pages (null: none synced yet). */
  selectedId: string | null;
  /** When the gateway was last read (null: not in this process). */
  syncedAt: string | null;
  /** Set when the last refresh could not read the gateway. */
  problem: ProblemView | null;
}
