/**
 * A duration as people say it: "45 s", "4 min", "1 h 20 min", "2 d 3 h" — two units at most, the smaller
 * one left out when it is zero. Pure: the words come from the catalog (`analytics.duration`), so the
 * caller passes its translator for that namespace.
 */
export type DurationKey = "seconds" | "minutes" | "hours" | "hoursMinutes" | "days" | "daysHours";

export type DurationTranslate = (key: DurationKey, values: Record<string, number>) => string;

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function formatDuration(t: DurationTranslate, seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < MINUTE) return t("seconds", { seconds: whole });
  const minutes = Math.round(whole / MINUTE);
  if (minutes < 60) return t("minutes", { minutes });
  if (minutes < DAY / MINUTE) {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    return rest === 0 ? t("hours", { hours }) : t("hoursMinutes", { hours, minutes: rest });
  }
  const hours = Math.round(whole / HOUR);
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest === 0 ? t("days", { days }) : t("daysHours", { days, hours: rest });
}
