/**
 * What the composer's "/" picker reads in the message box, and how it ranks responses: pure, so the
 * picker's rules are tested without a browser.
 */

/** The "/query" being typed: "/" at the start of the message or of a line (spaces before it allowed), up to the caret, no spaces inside. */
export interface SlashQuery {
  /** Where the "/" is in the text. */
  start: number;
  /** Where the query ends (the caret). */
  end: number;
  query: string;
}

export function slashQueryAt(text: string, caret: number): SlashQuery | null {
  const before = text.slice(0, caret);
  const match = /(?:^|\n)[ \t]*\/([^\s/]*)$/.exec(before);
  if (!match) return null;
  const query = match[1]!;
  return { start: caret - query.length - 1, end: caret, query };
}

export interface CannedFilterable {
  shortcut: string;
  body: string;
}

/**
 * The responses matching a query, best first: shortcuts that start with it, then shortcuts that
 * contain it, then texts that contain it; the library's order (by shortcut) within each. Case and
 * accents are ignored.
 */
export function filterCannedResponses<T extends CannedFilterable>(responses: readonly T[], query: string): T[] {
  const wanted = fold(query.trim());
  if (wanted === "") return [...responses];
  const ranked: Array<{ response: T; rank: number; index: number }> = [];
  responses.forEach((response, index) => {
    const shortcut = fold(response.shortcut);
    const rank = shortcut.startsWith(wanted) ? 0 : shortcut.includes(wanted) ? 1 : fold(response.body).includes(wanted) ? 2 : -1;
    if (rank >= 0) ranked.push({ response, rank, index });
  });
  return ranked.sort((a, b) => a.rank - b.rank || a.index - b.index).map((entry) => entry.response);
}

/** The first line of a text with something on it, for a one-line option. */
export function firstLine(text: string): string {
  return text.split("\n").find((line) => line.trim() !== "")?.trim() ?? "";
}

/** The message with the "/query" replaced by the chosen text, and where the caret goes (after it). */
export function insertCannedText(text: string, slash: Pick<SlashQuery, "start" | "end">, inserted: string): { text: string; caret: number } {
  const next = text.slice(0, slash.start) + inserted + text.slice(slash.end);
  return { text: next, caret: slash.start + inserted.length };
}

function fold(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase();
}
