import { beforeEach, describe, expect, it, vi } from "vitest";

import { requestPreferences } from "./preferences";

const request = vi.hoisted(() => ({
  acceptLanguage: null as string | null,
  timeZoneCookie: undefined as string | undefined,
  user: null as { locale: string | null; timeZone: string | null } | null,
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(request.acceptLanguage ? { "accept-language": request.acceptLanguage } : {}),
  cookies: async () => ({ get: (name: string) => (name === "tz" && request.timeZoneCookie ? { value: request.timeZoneCookie } : undefined) }),
}));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => request.user }));

describe("the language and time zone of a request", () => {
  beforeEach(() => {
    request.acceptLanguage = null;
    request.timeZoneCookie = undefined;
    request.user = null;
  });

  it("follows the browser until the user has settings, the same answer each time it is asked", async () => {
    request.acceptLanguage = "pt-PT,pt;q=0.9,en;q=0.8";
    request.timeZoneCookie = "America/Sao_Paulo";
    for (let time = 0; time < 3; time += 1) {
      expect(await requestPreferences()).toEqual({ locale: "pt-BR", timeZone: "America/Sao_Paulo" });
    }
    request.user = { locale: "ar", timeZone: "Asia/Dubai" };
    expect(await requestPreferences()).toEqual({ locale: "ar", timeZone: "Asia/Dubai" });
  });

  it("answers English and UTC for what it does not know, however often it is sent", async () => {
    request.acceptLanguage = "xx-YY";
    request.timeZoneCookie = "Mars/Olympus_Mons";
    for (let time = 0; time < 3; time += 1) {
      expect(await requestPreferences()).toEqual({ locale: "en", timeZone: "UTC" });
    }
    request.user = { locale: null, timeZone: "Not/A_Zone" };
    request.timeZoneCookie = "Europe/Lisbon";
    expect(await requestPreferences()).toEqual({ locale: "en", timeZone: "Europe/Lisbon" });
  });
});
