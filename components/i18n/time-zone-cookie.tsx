"use client";

import { useEffect } from "react";

import { TIME_ZONE_COOKIE } from "@/i18n/locales";

/**
 * Tells the server the browser's time zone (a cookie), so that dates rendered on the server are in
 * the reader's zone before they pick one on their account page. It takes effect from the next request:
 * the page is not rendered again for it, which would reset a form someone is already typing in (a
 * browser's first page is the sign-in page, which shows no dates).
 */
export function TimeZoneCookie() {
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) return;
    const current = document.cookie
      .split("; ")
      .find((entry) => entry.startsWith(`${TIME_ZONE_COOKIE}=`))
      ?.slice(TIME_ZONE_COOKIE.length + 1);
    if (current && decodeURIComponent(current) === zone) return;
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
  }, []);
  return null;
}
