import { describe, expect, it } from "vitest";

import { crossOriginRefusal, isSameOrigin, needsSameOrigin } from "./same-origin";

const APP_URL = "https://dashboard.example.com";

describe("which requests must come from the dashboard's own pages", () => {
  it.each(["POST", "PUT", "PATCH", "DELETE", "post"])("%s to an API route", (method) => {
    expect(needsSameOrigin(method, "/api/media/upload")).toBe(true);
    expect(needsSameOrigin(method, "/api/inbox/conversations/7")).toBe(true);
  });

  it.each(["GET", "HEAD", "OPTIONS"])("not %s, which changes nothing", (method) => {
    expect(needsSameOrigin(method, "/api/media/upload")).toBe(false);
  });

  it("not Meta's webhook deliveries, Auth.js (its own CSRF token) or pages (Next checks server actions)", () => {
    expect(needsSameOrigin("POST", "/api/webhooks/whatsapp")).toBe(false);
    expect(needsSameOrigin("POST", "/api/webhooks/whatsapp/some-token")).toBe(false);
    expect(needsSameOrigin("POST", "/api/auth/callback/credentials")).toBe(false);
    expect(needsSameOrigin("POST", "/api/auth")).toBe(false);
    expect(needsSameOrigin("POST", "/inbox")).toBe(false);
    // Only those exact prefixes: a route merely starting with the same letters is checked.
    expect(needsSameOrigin("POST", "/api/authors")).toBe(true);
    expect(needsSameOrigin("POST", "/api/webhooks-settings")).toBe(true);
  });
});

describe("whether an Origin is the dashboard's own", () => {
  const check = (origin: string | null, headers: Record<string, string> = {}, url = "http://10.0.0.5:3000/api/x") =>
    isSameOrigin(new Headers({ ...headers, ...(origin === null ? {} : { origin }) }), url, APP_URL);

  it("accepts a request without an Origin (scripts, servers, older browsers on same-origin GETs)", () => {
    expect(check(null)).toBe(true);
  });

  it("accepts APP_URL's origin, whatever host the request reached", () => {
    expect(check("https://dashboard.example.com", { host: "10.0.0.5:3000" })).toBe(true);
  });

  it("accepts the host the request was sent to, directly or through a proxy", () => {
    expect(check("http://127.0.0.1:3000", { host: "127.0.0.1:3000" })).toBe(true);
    expect(check("https://other-name.example.com", { host: "10.0.0.5:3000", "x-forwarded-host": "other-name.example.com" })).toBe(true);
    expect(check("https://example.org", { host: "example.org:443" })).toBe(true);
    // No Host header at all: the request's URL says where it went.
    expect(check("http://10.0.0.5:3000")).toBe(true);
  });

  it("refuses another site, another port, a look-alike and the opaque origin", () => {
    expect(check("https://evil.example", { host: "dashboard.example.com" })).toBe(false);
    expect(check("https://dashboard.example.com:8443", { host: "dashboard.example.com" })).toBe(false);
    expect(check("https://dashboard.example.com.evil.example", { host: "dashboard.example.com" })).toBe(false);
    expect(check("http://127.0.0.1:3001", { host: "127.0.0.1:3000" })).toBe(false);
    expect(check("null", { host: "dashboard.example.com" })).toBe(false);
    expect(check("not a url", { host: "dashboard.example.com" })).toBe(false);
  });
});

describe("refusing a cross-site call in a route handler", () => {
  const upload = (headers: Record<string, string>, method = "POST") =>
    new Request("http://127.0.0.1:3000/api/media/upload?phoneNumberId=1", { method, headers });

  it("answers 403 CROSS_ORIGIN as JSON to a mutating call from another site", async () => {
    const refused = crossOriginRefusal(upload({ origin: "https://evil.example", host: "127.0.0.1:3000" }), APP_URL);
    expect(refused?.status).toBe(403);
    expect(await refused?.json()).toEqual({ error: { message: "This request came from another site and was refused.", code: "CROSS_ORIGIN" } });
  });

  it("lets the dashboard's own calls, calls without an Origin, and reads through", () => {
    expect(crossOriginRefusal(upload({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }), APP_URL)).toBeUndefined();
    expect(crossOriginRefusal(upload({ host: "127.0.0.1:3000" }), APP_URL)).toBeUndefined();
    expect(crossOriginRefusal(upload({ origin: "https://evil.example" }, "GET"), APP_URL)).toBeUndefined();
  });
});
