import "server-only";

import { randomBytes, timingSafeEqual } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";

/**
 * Route handlers only see a request's headers, never its connection, and `next start` fills
 * X-Forwarded-For with the connection's address only when the client sent none. So every incoming
 * request is stamped, before Next sees it, with the connection's address in a header of our own.
 * The header carries a secret made per process: a client may send the header, and a request that
 * reached the server before stamping began (start-up) keeps it, but it cannot carry the secret.
 */
export const SOCKET_ADDRESS_HEADER = "x-dashboard-socket-address";

const globalForStamp = globalThis as unknown as { dashboardSocketStamp?: { secret: string; subscribed: boolean } };

function stampState() {
  globalForStamp.dashboardSocketStamp ??= { secret: randomBytes(24).toString("base64url"), subscribed: false };
  return globalForStamp.dashboardSocketStamp;
}

/** Replaces whatever the client sent under the header's name with the connection's address. */
export function stampSocketAddress(headers: IncomingHttpHeaders, socketAddress: string | undefined): void {
  delete headers[SOCKET_ADDRESS_HEADER];
  if (socketAddress) headers[SOCKET_ADDRESS_HEADER] = `${stampState().secret} ${socketAddress}`;
}

/**
 * Stamps every request any HTTP server of this process receives (Next's included), from Node's
 * `http.server.request.start` diagnostics channel, published for each request before the server's
 * "request" listeners run. Call once, as early as possible at start-up; later calls do nothing.
 */
export function stampSocketAddresses(): void {
  const state = stampState();
  if (state.subscribed) return;
  state.subscribed = true;
  subscribe("http.server.request.start", (message) => {
    const { request } = message as { request: IncomingMessage };
    stampSocketAddress(request.headers, request.socket.remoteAddress);
  });
}

/** The connection's address stamped on these headers, or undefined when there is no genuine stamp. */
export function socketAddressOf(headers: Headers): string | undefined {
  const value = headers.get(SOCKET_ADDRESS_HEADER);
  if (!value) return undefined;
  const space = value.indexOf(" ");
  if (space < 0) return undefined;
  const expected = Buffer.from(stampState().secret);
  const received = Buffer.from(value.slice(0, space));
  if (expected.length !== received.length || !timingSafeEqual(expected, received)) return undefined;
  return value.slice(space + 1);
}

/** Headers as they reach a route from a connection at `socketAddress` (for tests of the routes). */
export function headersFromSocket(socketAddress: string, init?: HeadersInit): Headers {
  const headers = new Headers(init);
  headers.set(SOCKET_ADDRESS_HEADER, `${stampState().secret} ${socketAddress}`);
  return headers;
}
