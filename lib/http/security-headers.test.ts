import { describe, expect, it } from "vitest";

import { contentSecurityPolicy, newNonce, originOf, strictTransportSecurity } from "./security-headers";

/** The policy as a map of directive to its sources. */
function parse(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((directive) => {
      const [name, ...sources] = directive.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe("the pages' Content-Security-Policy", () => {
  const production = parse(contentSecurityPolicy({ nonce: "abc123==", development: false, imageOrigins: ["https://pps.whatsapp.net"] }));

  it("lets only scripts carrying this response's nonce run, and what they load", () => {
    expect(production.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect([...production.values()].flat()).not.toContain("'unsafe-eval'");
    expect(production.get("script-src")).not.toContain("'unsafe-inline'");
  });

  it("allows eval only in development, where React needs it", () => {
    const development = parse(contentSecurityPolicy({ nonce: "n", development: true }));
    expect(development.get("script-src")).toEqual(["'self'", "'nonce-n'", "'strict-dynamic'", "'unsafe-eval'"]);
  });

  it("forbids framing, plugins, base rewriting, and forms or fetches to other sites", () => {
    expect(production.get("frame-ancestors")).toEqual(["'none'"]);
    expect(production.get("object-src")).toEqual(["'none'"]);
    expect(production.get("base-uri")).toEqual(["'none'"]);
    expect(production.get("form-action")).toEqual(["'self'"]);
    expect(production.get("connect-src")).toEqual(["'self'"]);
    expect(production.get("default-src")).toEqual(["'self'"]);
  });

  it("keeps inline styles (Tailwind, radix), local and blob media, and the listed image origins", () => {
    expect(production.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(production.get("img-src")).toEqual(["'self'", "data:", "blob:", "https://pps.whatsapp.net"]);
    expect(production.get("media-src")).toEqual(["'self'", "blob:"]);
  });

  it("upgrades http references only when asked (the dashboard is served over https)", () => {
    expect(production.has("upgrade-insecure-requests")).toBe(false);
    const https = parse(contentSecurityPolicy({ nonce: "n", development: false, upgradeInsecureRequests: true }));
    expect(https.get("upgrade-insecure-requests")).toEqual([]);
  });

  it("is one header line: no line breaks, directives separated by semicolons", () => {
    const policy = contentSecurityPolicy({ nonce: "n", development: false });
    expect(policy).not.toMatch(/[\r\n]/);
    expect(policy.split("; ")).toHaveLength(11);
  });
});

describe("nonces", () => {
  it("are fresh, unguessable base64 values", () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("HSTS", () => {
  it("is sent only when the dashboard's URL is https", () => {
    expect(strictTransportSecurity("https://dashboard.example.com")).toBe("max-age=63072000; includeSubDomains");
    expect(strictTransportSecurity("http://127.0.0.1:3000")).toBeUndefined();
  });
});

describe("origins of configured URLs", () => {
  it("keeps the scheme, host and port of http(s) URLs only", () => {
    expect(originOf("http://127.0.0.1:4010/whatsapp-business/v21.0")).toBe("http://127.0.0.1:4010");
    expect(originOf("https://gateway.maton.ai")).toBe("https://gateway.maton.ai");
    expect(originOf("ftp://files.example")).toBeUndefined();
    expect(originOf("nonsense")).toBeUndefined();
  });
});
