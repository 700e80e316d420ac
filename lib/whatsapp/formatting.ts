/**
 * WhatsApp's text formatting (*bold*, _italic_, ~strike~, ```mono```, `code`) and links, parsed into
 * a small tree the inbox renders as React elements. Nothing here produces HTML: every piece of a
 * customer's text ends up as a text node, so it can never become markup or script.
 */
export type FormattedNode =
  | { kind: "text"; text: string }
  | { kind: "link"; text: string; href: string }
  | { kind: "mono"; text: string }
  | { kind: "bold" | "italic" | "strike"; children: FormattedNode[] };

const STYLE: Record<string, "bold" | "italic" | "strike"> = { "*": "bold", _: "italic", "~": "strike" };

/** A marker opens after a start, space or punctuation and closes before an end, space or punctuation. */
const STYLED = /(^|[\s([{"'.,!?:;-])([*_~])(?![\s*_~])([^\n]*?[^\s])\2(?=$|[\s)\]}"'.,!?:;-])/u;
const MONO = /```([\s\S]+?)```|`([^`\n]+)`/;
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;

function linkify(text: string): FormattedNode[] {
  const nodes: FormattedNode[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    let url = match[0];
    // Sentence punctuation after a link is not part of it.
    const trailing = /[.,!?;:)\]'"]+$/.exec(url)?.[0] ?? "";
    url = url.slice(0, url.length - trailing.length);
    if (!url) continue;
    const start = match.index;
    if (start > last) nodes.push({ kind: "text", text: text.slice(last, start) });
    const href = url.startsWith("www.") ? `https://${url}` : url;
    nodes.push({ kind: "link", text: url, href });
    last = start + url.length;
  }
  if (last < text.length) nodes.push({ kind: "text", text: text.slice(last) });
  return nodes;
}

function parseStyles(text: string, depth: number): FormattedNode[] {
  if (!text) return [];
  const match = depth < 6 ? STYLED.exec(text) : null;
  if (!match) return linkify(text);
  const [, before = "", marker = "*", inner = ""] = match;
  const start = match.index + before.length;
  const end = match.index + match[0].length;
  return [
    ...linkify(text.slice(0, start)),
    { kind: STYLE[marker]!, children: parseStyles(inner, depth + 1) },
    ...parseStyles(text.slice(end), depth),
  ];
}

export function parseWhatsAppText(text: string): FormattedNode[] {
  const nodes: FormattedNode[] = [];
  let rest = text;
  for (let match = MONO.exec(rest); match; match = MONO.exec(rest)) {
    nodes.push(...parseStyles(rest.slice(0, match.index), 0));
    nodes.push({ kind: "mono", text: match[1] ?? match[2] ?? "" });
    rest = rest.slice(match.index + match[0].length);
  }
  nodes.push(...parseStyles(rest, 0));
  return nodes;
}

/** Characters as WhatsApp counts them (code points): an emoji is never split or counted twice as UTF-16. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}
