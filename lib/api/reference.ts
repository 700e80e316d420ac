/**
 * The API reference page: Scalar's viewer of the OpenAPI document, every asset served by the
 * dashboard itself (no CDN, no web fonts), its scripts carrying the page's CSP nonce.
 */
import "server-only";

import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";

import { ApiReference } from "@scalar/nextjs-api-reference";

/** Scalar's browser bundle, as its package ships it. */
const SCALAR_BUNDLE_PATH = path.join(process.cwd(), "node_modules", "@scalar", "api-reference", "dist", "browser", "standalone.js");

/** Where the page loads the bundle from; the version query makes a new bundle a new URL, so it can be cached for good. */
export const SCALAR_SCRIPT_PATH = "/docs/api/scalar.js";
export const OPENAPI_DOCUMENT_PATH = "/api/v1/openapi.json";

export interface ScalarBundle {
  bytes: Uint8Array<ArrayBuffer>;
  /** A digest of the bytes: the script's URL changes with them. */
  version: string;
}

const globalForReference = globalThis as unknown as { apiReferenceBundle?: Promise<ScalarBundle> };

/** The bundle, read once per process (about 3.5 MB). */
export function scalarBundle(): Promise<ScalarBundle> {
  globalForReference.apiReferenceBundle ??= readFile(SCALAR_BUNDLE_PATH)
    .then((file) => {
      // Copied once into a plain ArrayBuffer, which a Response takes as its body without another copy.
      const bytes = new Uint8Array(file.byteLength);
      bytes.set(file);
      return { bytes, version: createHash("sha256").update(bytes).digest("base64url").slice(0, 16) };
    })
    .catch((error: unknown) => {
      globalForReference.apiReferenceBundle = undefined;
      throw error;
    });
  return globalForReference.apiReferenceBundle;
}

/** A nonce as the proxy makes them (base64 of 16 bytes): anything else is not put into the page. */
const NONCE = /^[A-Za-z0-9+/]{22}==$/;

export function isNonce(value: string | null | undefined): value is string {
  return typeof value === "string" && NONCE.test(value);
}

/** The reference page's HTML: Scalar's document, with the nonce on each of its scripts. */
export async function referencePageHtml(options: { title: string; nonce: string }): Promise<string> {
  if (!isNonce(options.nonce)) throw new Error("not a nonce");
  const { version } = await scalarBundle();
  const render = ApiReference({
    url: OPENAPI_DOCUMENT_PATH,
    cdn: `${SCALAR_SCRIPT_PATH}?v=${version}`,
    pageTitle: options.title,
    // Nothing is fetched from elsewhere: system fonts, no telemetry, no hosted agent or proxy.
    withDefaultFonts: false,
    telemetry: false,
    agent: { disabled: true },
    showDeveloperTools: "never",
    documentDownloadType: "json",
    persistAuth: false,
    hideClientButton: false,
  });
  const html = await render().text();
  return html.replaceAll("<script", `<script nonce="${options.nonce}"`);
}
