import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { proxy } from "./proxy";

const SECRET = "a-test-secret-that-is-long-enough-for-auth-js";
const settings = vi.hoisted(() => ({ appUrl: "http://127.0.0.1:3000" }));
vi.mock("@/lib/env", () => ({
  env: () => ({ appUrl: settings.appUrl, authSecret: SECRET, matonGatewayUrl: "http://127.0.0.1:4010" }),
}));

/** A session cookie as Auth.js writes it over http. */
async function sessionCookie(claims: { sub: string; sid?: string }): Promise<string> {
  const salt = "authjs.session-token";
  return `${salt}=${await encode({ token: claims, secret: SECRET, salt })}`;
}

function request(path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  return new NextRequest(new URL(path, "http://127.0.0.1:3000"), {
    method: init.method ?? "GET",
    headers: { host: "127.0.0.1:3000", ...init.headers },
  });
}

/** What the proxy passed on to the page or route: the request headers it set. */
function forwarded(response: Response, name: string): string | null {
  return response.headers.get(`x-middleware-request-${name}`);
}

const passedOn = (response: Response) => response.headers.get("x-middleware-next") === "1";

describe("the proxy", () => {
  let signedIn: string;
  beforeEach(async () => {
    settings.appUrl = "http://127.0.0.1:3000";
    signedIn = await sessionCookie({ sub: "user-1", sid: "session-1" });
  });

  it("passes a signed-in page request on with a fresh nonce, in the request's policy and the response's", async () => {
    const response = await proxy(request("/inbox", { headers: { cookie: signedIn } }));
    expect(passedOn(response)).toBe(true);
    const nonce = forwarded(response, "x-nonce");
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    const policy = response.headers.get("content-security-policy");
    expect(policy).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(policy).toContain("frame-ancestors 'none'");
    // Next reads the nonce from the request's policy to put it on its scripts.
    expect(forwarded(response, "content-security-policy")).toBe(policy);
    const next = await proxy(request("/inbox", { headers: { cookie: signedIn } }));
    expect(forwarded(next, "x-nonce")).not.toBe(nonce);
  });

  it("gives every request an id of its own, replacing one the client sent, and echoes it", async () => {
    const response = await proxy(request("/inbox", { headers: { cookie: signedIn, "x-request-id": "chosen-by-client" } }));
    const id = forwarded(response, "x-request-id");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(response.headers.get("x-request-id")).toBe(id);
    const refused = await proxy(request("/api/templates"));
    expect(refused.status).toBe(401);
    expect(refused.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sends a visitor without a session cookie to sign in, and back afterwards", async () => {
    const response = await proxy(request("/templates?tab=mine"));
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location")!);
    expect(location.pathname).toBe("/login");
    expect(location.searchParams.get("callbackUrl")).toBe("/templates?tab=mine");
  });

  it("treats a cookie without a session id (from before sessions were recorded) as signed out", async () => {
    const oldCookie = await sessionCookie({ sub: "user-1" });
    const page = await proxy(request("/inbox", { headers: { cookie: oldCookie } }));
    expect(page.status).toBe(307);
    expect(new URL(page.headers.get("location")!).pathname).toBe("/login");
    const api = await proxy(request("/api/templates", { headers: { cookie: oldCookie } }));
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  });

  it("leaves API answers' own policy alone", async () => {
    const response = await proxy(request("/api/templates", { headers: { cookie: signedIn } }));
    expect(passedOn(response)).toBe(true);
    expect(response.headers.get("content-security-policy")).toBeNull();
  });

  it("refuses a mutating API call from another site, signed in or not", async () => {
    for (const cookie of [signedIn, ""]) {
      const response = await proxy(
        request("/api/inbox/conversations/1", { method: "POST", headers: { cookie, origin: "https://evil.example" } }),
      );
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: { message: "This request came from another site and was refused.", code: "CROSS_ORIGIN" } });
    }
  });

  it("lets the dashboard's own mutating calls through, and leaves Auth.js its own CSRF check", async () => {
    const own = await proxy(
      request("/api/inbox/conversations/1", { method: "POST", headers: { cookie: signedIn, origin: "http://127.0.0.1:3000" } }),
    );
    expect(passedOn(own)).toBe(true);
    const authJs = await proxy(request("/api/auth/signout", { method: "POST", headers: { origin: "https://evil.example" } }));
    expect(passedOn(authJs)).toBe(true);
  });

  it("passes public API calls on without a session or an Origin: the route checks their Bearer token", async () => {
    const script = await proxy(
      request("/api/v1/conversations/5f0c8a8e-4b4e-4d8e-9a51-3c1f3f1f2b7a/messages", {
        method: "POST",
        headers: { authorization: "Bearer wbd_x", "content-type": "application/json" },
      }),
    );
    expect(passedOn(script)).toBe(true);
    expect(forwarded(script, "x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(passedOn(await proxy(request("/api/v1/templates")))).toBe(true);
    // No cookie is read there, so a page of another site gains nothing: it is not refused as a cross-site call.
    const fromOtherSite = await proxy(request("/api/v1/messages", { method: "POST", headers: { origin: "https://other.example" } }));
    expect(passedOn(fromOtherSite)).toBe(true);
    // Only that prefix: a route merely starting with the same letters still needs a session.
    expect((await proxy(request("/api/v1x/templates"))).status).toBe(401);
  });

  it("serves the API reference without a session, under the pages' nonce policy", async () => {
    for (const path of ["/docs/api", "/docs/api/scalar.js"]) {
      const response = await proxy(request(path));
      expect(passedOn(response)).toBe(true);
      const nonce = forwarded(response, "x-nonce");
      expect(response.headers.get("content-security-policy")).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    }
    expect((await proxy(request("/docs/other"))).status).toBe(307);
  });

  it("sends HSTS and upgrades http references only when the dashboard's URL is https", async () => {
    const plain = await proxy(request("/login"));
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    expect(plain.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
    settings.appUrl = "https://dashboard.example.com";
    const secure = await proxy(request("/login"));
    expect(secure.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(secure.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });
});
