/**
 * CSV cells a spreadsheet would run as formulas (`=`, `+`, `-`, `@`, tab, carriage return first) are kept
 * as text with a leading apostrophe. Pure and browser-safe: server exports and the browser's own exports
 * share it. A phone number written `+15551234567` stays as it is.
 */
export function neutralisedRow(row: readonly string[]): string[] {
  return row.map(neutralisedCell);
}

export function neutralisedCell(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) && !/^\+\d+$/.test(cell) ? `'${cell}` : cell;
}
