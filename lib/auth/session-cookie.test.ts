import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";

import { env } from "@/lib/env";

import { sessionFromCookie } from "./session-cookie";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));

const COOKIE = "authjs.session-token";
const SECURE_COOKIE = "__Secure-authjs.session-token";
const claims = { sub: "4b8f0c52-0a4e-4d57-9a43-5b1b0b6a1c11", sid: "session-row-id", signedInAt: 1_700_000_000_000 };

/** A cookie as Auth.js signs it at sign-in: encrypted with a key derived from the secret and the cookie's name. */
const signed = (name: string, options: { secret?: string; maxAge?: number; token?: Record<string, unknown> } = {}) =>
  encode({ token: options.token ?? claims, secret: options.secret ?? env().authSecret, salt: name, maxAge: options.maxAge });

const sending = (headers: Record<string, string>) => {
  request.headers = new Headers(headers);
};

describe("the session a request's cookie names", () => {
  afterEach(() => {
    request.headers = new Headers();
  });

  it("reads the user and the session from the cookie Auth.js signed", async () => {
    sending({ cookie: `theme=dark; ${COOKIE}=${await signed(COOKIE)}`, "x-forwarded-proto": "http" });
    const session = await sessionFromCookie();
    expect(session).toMatchObject({ user: { id: claims.sub }, sessionId: claims.sid, signedInAt: claims.signedInAt });
    expect(Date.parse(session!.expires)).toBeGreaterThan(Date.now());
  });

  it("is null without a cookie, and for one without a user", async () => {
    sending({ "x-forwarded-proto": "http" });
    expect(await sessionFromCookie()).toBeNull();
    sending({ cookie: `${COOKIE}=${await signed(COOKIE, { token: { sid: claims.sid } })}`, "x-forwarded-proto": "http" });
    expect(await sessionFromCookie()).toBeNull();
  });

  it("refuses a cookie signed with another secret, an expired one, and a tampered one", async () => {
    sending({ cookie: `${COOKIE}=${await signed(COOKIE, { secret: "a-different-secret-of-at-least-32-characters" })}`, "x-forwarded-proto": "http" });
    expect(await sessionFromCookie()).toBeNull();
    sending({ cookie: `${COOKIE}=${await signed(COOKIE, { maxAge: -60 })}`, "x-forwarded-proto": "http" });
    expect(await sessionFromCookie()).toBeNull();
    const token = await signed(COOKIE);
    sending({ cookie: `${COOKIE}=${token.slice(0, -4)}AAAA`, "x-forwarded-proto": "http" });
    expect(await sessionFromCookie()).toBeNull();
  });

  it("reads the __Secure- cookie over https (and when the protocol is not said), the plain one over http", async () => {
    const plain = `${COOKIE}=${await signed(COOKIE)}`;
    const secure = `${SECURE_COOKIE}=${await signed(SECURE_COOKIE)}`;
    sending({ cookie: plain, "x-forwarded-proto": "https" });
    expect(await sessionFromCookie()).toBeNull();
    sending({ cookie: secure, "x-forwarded-proto": "https" });
    expect((await sessionFromCookie())?.sessionId).toBe(claims.sid);
    sending({ cookie: secure });
    expect((await sessionFromCookie())?.sessionId).toBe(claims.sid);
    sending({ cookie: secure, "x-forwarded-proto": "http" });
    expect(await sessionFromCookie()).toBeNull();
  });

  it("takes no token from an Authorization header in place of the cookie", async () => {
    sending({ authorization: `Bearer ${await signed(COOKIE)}`, "x-forwarded-proto": "http" });
    expect(await sessionFromCookie()).toBeNull();
  });
});
