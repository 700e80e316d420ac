/**
 * Formatting the catalogs cannot do alone, on next-intl's formatter (`useFormatter()` in a client
 * component, `getFormatter()` on the server): the reader's locale and time zone come with it.
 * Browser-safe.
 */
import type { createFormatter } from "next-intl";

export type Formatter = ReturnType<typeof createFormatter>;

const UNITS = [
  ["gigabyte", 1024 ** 3],
  ["megabyte", 1024 ** 2],
  ["kilobyte", 1024],
] as const;

/** "1.5 MB", "1,5 MB", "1.5 ميغابايت": binary steps, one decimal above a kilobyte, the locale's own unit words. */
export function formatFileSize(format: Formatter, bytes: number): string {
  for (const [unit, size] of UNITS) {
    if (bytes >= size) return format.number(bytes / size, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 });
  }
  return format.number(bytes, { style: "unit", unit: "byte", unitDisplay: "short" });
}

/** An amount of money in its currency, in the reader's locale ("US$1.50", "1,50 US$"). */
export function formatMoney(format: Formatter, amount: number, currency: string): string {
  return format.number(amount, { style: "currency", currency });
}
