/**
 * The 24-hour customer-service window, pure: each inbound message opens (or restarts) it, and it
 * closes 24 hours later. Exactly 24 hours after the last inbound message it is closed.
 * Browser-safe, so the header's countdown and the server's refusal use the same arithmetic.
 */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Under this much time left the window is "closing soon" (shown in the warning colour). */
export const CLOSING_SOON_MS = 2 * 60 * 60 * 1000;

export type ServiceWindow =
  | { state: "open"; closesAt: Date; remainingMs: number }
  | { state: "closing_soon"; closesAt: Date; remainingMs: number }
  | { state: "closed"; closedAt: Date }
  /** The customer has never written: only templates can start the conversation. */
  | { state: "never_opened" };

function toDate(value: Date | string | number | null | undefined): Date | undefined {
  if (value === null || value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function serviceWindow(lastInboundAt: Date | string | number | null | undefined, now: Date | number = Date.now()): ServiceWindow {
  const last = toDate(lastInboundAt);
  if (!last) return { state: "never_opened" };
  const closesAt = new Date(last.getTime() + SERVICE_WINDOW_MS);
  const remainingMs = closesAt.getTime() - (now instanceof Date ? now.getTime() : now);
  if (remainingMs <= 0) return { state: "closed", closedAt: closesAt };
  if (remainingMs < CLOSING_SOON_MS) return { state: "closing_soon", closesAt, remainingMs };
  return { state: "open", closesAt, remainingMs };
}

/** Free-form messages (text, media, interactive…) are allowed only while the window is open. */
export function isServiceWindowOpen(window: ServiceWindow): boolean {
  return window.state === "open" || window.state === "closing_soon";
}

/** The time left, as the countdown shows it: hours and minutes, or minutes and seconds under an hour. */
export type RemainingTime = { unit: "hours"; hours: number; minutes: number } | { unit: "minutes"; minutes: number; seconds: number };

/** "23 h 59 min", "1 h 05 min", "4 min 09 s" in numbers: to the second when under an hour. Words come from the catalog. */
export function remainingTime(ms: number): RemainingTime {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  if (hours > 0) return { unit: "hours", hours, minutes };
  return { unit: "minutes", minutes, seconds: totalSeconds % 60 };
}

export interface WindowSpan {
  openedAt: Date;
  closesAt: Date;
}

/** The windows a customer opened, newest first: each message restarts the 24 hours, overlapping ones merge. */
export function serviceWindowHistory(inboundAt: Array<Date | string>): WindowSpan[] {
  const times = inboundAt.map((value) => new Date(value).getTime()).filter(Number.isFinite).sort((a, b) => a - b);
  const spans: WindowSpan[] = [];
  for (const time of times) {
    const last = spans.at(-1);
    if (last && time < last.closesAt.getTime()) last.closesAt = new Date(time + SERVICE_WINDOW_MS);
    else spans.push({ openedAt: new Date(time), closesAt: new Date(time + SERVICE_WINDOW_MS) });
  }
  return spans.reverse();
}
