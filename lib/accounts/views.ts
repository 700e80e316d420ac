/** What the connection manager shows: plain, serialisable, browser-safe views of connections and health. */
import type { ExplanationKey } from "@/lib/whatsapp/errors";

export interface PhoneNumberView {
  id: string;
  wabaId: string;
  displayPhoneNumber: string | null;
  verifiedName: string | null;
  qualityRating: string | null;
  messagingLimitTier: string | null;
  throughputLevel: string | null;
  codeVerificationStatus: string | null;
  nameStatus: string | null;
}

export interface ConnectionView {
  id: string;
  /** ACTIVE, PENDING, FAILED, or whatever else Maton says (shown as it is). */
  status: string;
  /** The first WABA's (or business's) name once synced. */
  label: string | null;
  connectUrl: string | null;
  isDefault: boolean;
  /** Set once unlinked (by an admin here, or no longer listed by Maton); its data is kept. */
  unlinkedAt: string | null;
  createdAt: string;
  updatedAt: string;
  wabas: { id: string; name: string | null; businessId: string | null }[];
  phoneNumbers: PhoneNumberView[];
}

/** A gateway failure in plain words (title, what it means, what to do). */
export interface ProblemView {
  /** "key": Maton refused the key (401); "unreachable": network or timeout; "other". */
  kind: "key" | "unreachable" | "other";
  code: string | null;
  /** Where its words are in the catalogs (gateway.*): the page says it in its reader's language. */
  explanationKey?: ExplanationKey;
  title: string;
  explanation: string;
  action: string;
}

export interface HealthView {
  checkedAt: string;
  /** Where the dashboard sends its calls: Maton's hosts and the Graph API version (settings, shown for support). */
  target: { gatewayUrl: string; ctrlUrl: string; graphVersion: string };
  /** Whether the Maton control plane accepts the key. */
  key: { ok: true } | { ok: false; problem: ProblemView };
  /** A gateway call through the working connection (null: no usable connection, or the key failed). */
  workingConnection: { id: string; label: string | null; ok: boolean; problem: ProblemView | null } | null;
}

export interface ConnectionsOverview {
  connections: ConnectionView[];
  /** When Maton was last mirrored (null: never in this process). */
  syncedAt: string | null;
  /** Set when the last sync could not list the connections. */
  syncProblem: ProblemView | null;
}
