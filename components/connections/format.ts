/** Small display helpers for the connection manager, in the reader's words. Browser-safe. */
import type { useTranslations } from "next-intl";

export type ConnectionsTranslator = ReturnType<typeof useTranslations<"connections">>;

const TIER_KEYS = {
  TIER_250: "tier250",
  TIER_1K: "tier1k",
  TIER_10K: "tier10k",
  TIER_100K: "tier100k",
  TIER_UNLIMITED: "unlimited",
} as const;

/** Meta's messaging limit tier in words ("250 / day"); an undocumented tier as Meta names it. */
export function tierLabel(t: ConnectionsTranslator, tier: string | null): string | null {
  if (!tier) return null;
  const key = TIER_KEYS[tier as keyof typeof TIER_KEYS];
  return key ? t(`tiers.${key}`) : tier;
}

/**
 * The words a connection without a name goes by. Both the connections screen (`connections.name`) and
 * the users screen (`users.connectionName`) carry them, so each page hands out only its own namespace.
 */
export type ConnectionNameWords = (key: "pending" | "unnamed", values?: { id: string }) => string;

/** The name a connection goes by: its WABA's name once known. */
export function connectionName(connection: { label: string | null; status: string; id: string }, words: ConnectionNameWords): string {
  if (connection.label) return connection.label;
  if (connection.status === "PENDING") return words("pending");
  return words("unnamed", { id: connection.id.slice(0, 8) });
}
