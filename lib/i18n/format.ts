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

/** "1.5 MB", "1,5 MB", "1.5 ميغابايت": binary steps, one decimal, the locale's own unit words. */
export function formatFileSize(format: Formatter, bytes: number): string {
  for (const [unit, size] of UNITS) {
    if (bytes >= size) return format.number(bytes / size, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 });
  }
  // Under a kilobyte still in kilobytes ("0.5 kB"): the locales' words for a byte read oddly in a size ("512 byte").
  return format.number(bytes / 1024, { style: "unit", unit: "kilobyte", unitDisplay: "short", maximumSignificantDigits: 2 });
}

/** An amount of money in its currency, in the reader's locale ("US$1.50", "1,50 US$"). */
export function formatMoney(format: Formatter, amount: number, currency: string): string {
  return format.number(amount, { style: "currency", currency });
}
