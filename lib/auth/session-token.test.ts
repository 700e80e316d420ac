import { afterEach, describe, expect, it, vi } from "vitest";

import { decodeSessionToken } from "./session-token";

const jwt = vi.hoisted(() => ({ decodes: 0 }));
vi.mock("next-auth/jwt", async (importOriginal) => {
  const original = await importOriginal<typeof import("next-auth/jwt")>();
  return {
    ...original,
    decode: async (...args: Parameters<typeof original.decode>) => {
      jwt.decodes += 1;
      return original.decode(...args);
    },
  };
});
const { encode } = await import("next-auth/jwt");

const secret = "the-secret-of-this-test-at-least-32-characters";
const salt = "authjs.session-token";
const claims = { sub: "user-1", sid: "session-1" };

describe("decoding session cookies", () => {
  afterEach(() => {
    vi.useRealTimers();
    jwt.decodes = 0;
  });

  it("answers what Auth.js's decode answers, decrypting a cookie only the first time", async () => {
    const token = await encode({ token: claims, secret, salt });
    const first = await decodeSessionToken({ token, secret, salt });
    expect(first).toMatchObject(claims);
    expect(await decodeSessionToken({ token, secret, salt })).toEqual(first);
    expect(jwt.decodes).toBe(1);
    // A copy each time: a caller changing its claims changes nobody else's.
    (first as Record<string, unknown>).sub = "someone-else";
    expect(await decodeSessionToken({ token, secret, salt })).toMatchObject(claims);
  });

  it("stops vouching for a cookie once it has expired, as decoding would", async () => {
    const token = await encode({ token: claims, secret, salt, maxAge: 60 });
    expect(await decodeSessionToken({ token, secret, salt })).toMatchObject(claims);
    vi.useFakeTimers({ now: Date.now() + 60_000 + 10_000, toFake: ["Date"] });
    // Within jose's 15 s tolerance: still valid.
    expect(await decodeSessionToken({ token, secret, salt })).toMatchObject(claims);
    vi.setSystemTime(Date.now() + 10_000);
    await expect(decodeSessionToken({ token, secret, salt })).rejects.toThrow();
  });

  it("does not take a cookie verified under one secret or salt for another", async () => {
    const token = await encode({ token: claims, secret, salt });
    expect(await decodeSessionToken({ token, secret, salt })).toMatchObject(claims);
    await expect(decodeSessionToken({ token, secret: "another-secret-of-at-least-32-characters", salt })).rejects.toThrow();
    await expect(decodeSessionToken({ token, secret, salt: `__Secure-${salt}` })).rejects.toThrow();
    await expect(decodeSessionToken({ token: `${token.slice(0, -2)}xx`, secret, salt })).rejects.toThrow();
    expect(await decodeSessionToken({ token: "", secret, salt })).toBeNull();
  });
});
