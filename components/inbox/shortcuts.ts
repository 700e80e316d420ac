/** The inbox's keyboard shortcuts: what the help lists, and which key a press means. */

/** The keys are written as on the keyboard (the same in every language); what they do comes from the catalog. */
export const SHORTCUTS = [
  { keys: ["j"], does: "next" },
  { keys: ["k"], does: "previous" },
  { keys: ["r"], does: "reply" },
  { keys: ["/"], does: "search" },
  { keys: ["e"], does: "resolve" },
  { keys: ["z"], does: "snooze" },
  { keys: ["Esc"], does: "leave" },
  { keys: ["Enter"], does: "send" },
  { keys: ["Shift", "Enter"], does: "newLine" },
  { keys: ["?"], does: "help" },
] as const;

/** Physical keys of the shortcuts, for layouts whose letters are not Latin (Arabic, Russian…): the key where j is on a US keyboard is still j. */
const SHORTCUT_CODES: Record<string, { plain: string; shifted?: string }> = {
  KeyJ: { plain: "j" },
  KeyK: { plain: "k" },
  KeyR: { plain: "r" },
  KeyE: { plain: "e" },
  KeyZ: { plain: "z" },
  Slash: { plain: "/", shifted: "?" },
};

/** The shortcut a key press means: the character typed, or on a non-Latin layout the key's place on the keyboard. */
export function shortcutKey(event: Pick<KeyboardEvent, "key" | "code" | "shiftKey">): string {
  if (event.key.length !== 1 || event.key.charCodeAt(0) < 128) return event.key;
  const physical = SHORTCUT_CODES[event.code];
  if (!physical) return event.key;
  return event.shiftKey ? (physical.shifted ?? event.key) : physical.plain;
}

/** Whether a key press goes into something being typed in (a field, an editable area, a combobox), where shortcuts stay out of the way. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.getAttribute("role") === "combobox";
}
