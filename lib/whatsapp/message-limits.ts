/**
 * WhatsApp's limits on the messages the composer builds, in characters (code points). Kept apart
 * from the schemas so the browser's first load can count against them without a validation library.
 * Lengths are counted as WhatsApp counts them: characters (code points), so an emoji counts once.
 */
export const MESSAGE_LIMITS = {
  textBody: 4096,
  caption: 1024,
  interactiveBody: 1024,
  interactiveFooter: 60,
  interactiveHeaderText: 60,
  buttonsMin: 1,
  buttonsMax: 3,
  buttonTitle: 20,
  buttonId: 256,
  listButton: 20,
  listSections: 10,
  listRowsTotal: 10,
  listRowTitle: 24,
  listRowDescription: 72,
  listRowId: 200,
  listSectionTitle: 24,
  /** The label of a link button (interactive `cta_url`'s `display_text`). */
  ctaDisplayText: 20,
} as const;

/**
 * WhatsApp shows "typing…" for up to 25 seconds or until the reply: one indicator per 20 seconds of
 * typing keeps it on without a request per keystroke.
 */
export const TYPING_INDICATOR_INTERVAL_MS = 20_000;

/**
 * Whether to send the typing indicator now: only while the customer-service window is open (a
 * customer who never wrote has none), and at most once per interval. `lastSentAt` and `now` are
 * epoch milliseconds; `lastSentAt` is undefined when none was sent yet.
 */
export function shouldSendTyping(lastSentAt: number | undefined, now: number, windowOpen: boolean): boolean {
  if (!windowOpen) return false;
  // A clock that went back (lastSentAt in the future) must not silence the indicator for good.
  return lastSentAt === undefined || now - lastSentAt >= TYPING_INDICATOR_INTERVAL_MS || now < lastSentAt;
}
