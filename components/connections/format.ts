/** Small display helpers for the connection manager. Browser-safe. */

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

export function formatRelative(iso: string, now = new Date()): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(Math.round(seconds / 60), "minute");
}

const TIER_LABELS: Record<string, string> = {
  TIER_250: "250 / day",
  TIER_1K: "1K / day",
  TIER_10K: "10K / day",
  TIER_100K: "100K / day",
  TIER_UNLIMITED: "Unlimited",
};

export function tierLabel(tier: string | null): string | null {
  return tier ? (TIER_LABELS[tier] ?? tier) : null;
}

/** The name a connection goes by: its WABA's name once known. */
export function connectionName(connection: { label: string | null; status: string; id: string }): string {
  if (connection.label) return connection.label;
  if (connection.status === "PENDING") return "New WhatsApp Business account";
  return `Connection ${connection.id.slice(0, 8)}`;
}
