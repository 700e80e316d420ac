import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { newNonce } from "@/lib/http/security-headers";
import es from "@/messages/es.json";

import { GET } from "./route";
import { GET as getScript } from "./scalar.js/route";

/** A nonce as the proxy forwards it. */
const NONCE = newNonce();

const page = (headers: Record<string, string> = {}) => GET(new Request("http://127.0.0.1:3000/docs/api", { headers }));

/** Every `<script …>` tag's attributes. */
function scriptTags(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1]!);
}

describe("the API reference page", () => {
  it("answers HTML naming the API, showing this server's OpenAPI document", async () => {
    const response = await page({ "x-nonce": NONCE });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toContain("<title>WhatsApp Business dashboard API reference</title>");
    expect(html).toContain('"url": "/api/v1/openapi.json"');
    // Nothing is fetched from elsewhere: no CDN, no web fonts, no telemetry.
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('"withDefaultFonts": false');
    expect(html).toContain('"telemetry": false');
  });

  it("runs its scripts under the dashboard's policy: each carries the request's nonce, the bundle comes from this server", async () => {
    const response = await page({ "x-nonce": NONCE });
    const html = await response.text();
    const tags = scriptTags(html);
    expect(tags.length).toBe(2);
    for (const tag of tags) expect(tag).toContain(`nonce="${NONCE}"`);
    const sources = tags.flatMap((tag) => [...tag.matchAll(/src="([^"]+)"/g)].map((match) => match[1]!));
    expect(sources).toHaveLength(1);
    expect(sources[0]).toMatch(/^\/docs\/api\/scalar\.js\?v=[\w-]+$/);
    const policy = response.headers.get("content-security-policy")!;
    expect(policy).toContain(`script-src 'self' 'nonce-${NONCE}' 'strict-dynamic'`);
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("font-src 'self'");
    expect(response.headers.get("cache-control")).toBe("no-store");

    // The script the page names is served here, the bundle Scalar ships, cached for good under its versioned URL.
    const script = await getScript(new Request(`http://127.0.0.1:3000${sources[0]}`));
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(script.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const shipped = readFileSync(path.join(process.cwd(), "node_modules/@scalar/api-reference/dist/browser/standalone.js"));
    expect(Buffer.from(await script.arrayBuffer()).equals(shipped)).toBe(true);
    const cached = await getScript(new Request(`http://127.0.0.1:3000${sources[0]}`, { headers: { "if-none-match": script.headers.get("etag")! } }));
    expect(cached.status).toBe(304);
  });

  it("makes a nonce of its own when the proxy gave none, and never takes one that is not a nonce", async () => {
    const response = await page({ "x-nonce": '"><script>alert(1)</script>' });
    const html = await response.text();
    expect(html).not.toContain("alert(1)");
    const nonce = /nonce="([^"]+)"/.exec(html)![1]!;
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(response.headers.get("content-security-policy")).toContain(`'nonce-${nonce}'`);
  });

  it("titles the page in the reader's language", async () => {
    const html = await (await page({ "accept-language": "es-ES,es;q=0.9" })).text();
    expect(html).toContain(`<title>${es.api.reference.pageTitle}</title>`);
  });
});
