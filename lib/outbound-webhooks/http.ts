import "server-only";

import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";

import type { PinnedAddress } from "./address-guard";

export const USER_AGENT = "WhatsApp-Business-Dashboard-Webhooks/1";
/** The whole attempt: connecting, sending, the answer's head and the part of its body that is read. */
export const REQUEST_TIMEOUT_MS = 10_000;
/** Of an answer's body, only this much is read (kept, cut shorter, with a failure). */
export const MAX_RESPONSE_BYTES = 64 * 1024;

/** What one POST got: an answer (any status), or why none came. */
export type PostOutcome =
  | { answered: true; status: number; ms: number; body: string }
  | { answered: false; ms: number; error: string };

/**
 * Kept-alive connections per process: a burst of deliveries to one endpoint reuses them. A pooled
 * connection goes to an address checked when it was opened, so reusing it never reaches an
 * unchecked one.
 */
const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 16 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 16 }),
};

/** A DNS look-up that answers the address already checked: the connection cannot be steered elsewhere by a second answer. */
function pinnedLookup(pinned: PinnedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
}

/**
 * POSTs a body to the URL, connecting to the pinned address (TLS still checks the certificate for
 * the URL's host name). Redirects are not followed: a 3xx is an answer like any other non-2xx.
 */
export function postWebhook(
  url: URL,
  pinned: PinnedAddress,
  request: { headers: Record<string, string>; body: string },
  options: { timeoutMs?: number; startedAt?: number } = {},
): Promise<PostOutcome> {
  const startedAt = options.startedAt ?? performance.now();
  const elapsed = () => Math.round(performance.now() - startedAt);
  const timeoutMs = Math.max(0, (options.timeoutMs ?? REQUEST_TIMEOUT_MS) - (performance.now() - startedAt));
  const secure = url.protocol === "https:";
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const outgoing = (secure ? https : http).request(
      url,
      {
        method: "POST",
        agent: secure ? agents.https : agents.http,
        lookup: pinnedLookup(pinned),
        headers: {
          ...request.headers,
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(request.body)),
          "user-agent": USER_AGENT,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        const done = () => finish({ answered: true, status: response.statusCode ?? 0, ms: elapsed(), body: Buffer.concat(chunks).toString("utf8") });
        response.on("data", (chunk: Buffer) => {
          if (kept >= MAX_RESPONSE_BYTES) return;
          const part = chunk.subarray(0, MAX_RESPONSE_BYTES - kept);
          chunks.push(part);
          kept += part.length;
          // Enough read: the rest is not waited for (nor is the connection kept).
          if (kept >= MAX_RESPONSE_BYTES) {
            done();
            response.destroy();
          }
        });
        response.on("end", done);
        response.on("error", done);
        response.on("close", done);
      },
    );
    const timer = setTimeout(() => {
      finish({ answered: false, ms: elapsed(), error: `no answer within ${(options.timeoutMs ?? REQUEST_TIMEOUT_MS) / 1000} s` });
      outgoing.destroy();
    }, timeoutMs);
    outgoing.on("error", (error: NodeJS.ErrnoException) => finish({ answered: false, ms: elapsed(), error: connectionError(error) }));
    outgoing.end(request.body);
  });
}

/** A failure to connect or to be answered, as short as the code that names it (ECONNREFUSED…) allows. */
function connectionError(error: NodeJS.ErrnoException): string {
  return error.code ? `${error.code}: ${error.message}` : error.message;
}
