import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { clientAddressOf } from "./client-address";
import { SOCKET_ADDRESS_HEADER, stampSocketAddresses } from "./socket-address";

/** Node's headers as a route handler gets them (Next builds its Request from `req.headers`). */
function webHeaders(headers: IncomingHttpHeaders): Headers {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) result.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return result;
}

/**
 * A plain HTTP server with the start-up hook, its listener doing what `next start` does before a
 * route runs (filling X-Forwarded-For only when absent) and answering what the route would count.
 */
describe("stampSocketAddresses on a plain HTTP server", () => {
  let url: string;
  let trustedProxies: string[] = [];
  const server = createServer((request, response) => {
    request.headers["x-forwarded-for"] ??= request.socket.remoteAddress;
    response.end(JSON.stringify({ client: clientAddressOf(webHeaders(request.headers), trustedProxies) }));
  });

  beforeAll(async () => {
    stampSocketAddresses();
    stampSocketAddresses(); // a second call adds no second stamp
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function clientSeen(headers: Record<string, string>): Promise<string> {
    const response = await fetch(url, { headers });
    return ((await response.json()) as { client: string }).client;
  }

  it("counts the connection's address, whatever X-Forwarded-For or a forged stamp says", async () => {
    trustedProxies = [];
    expect(await clientSeen({})).toBe("127.0.0.1");
    expect(await clientSeen({ "X-Forwarded-For": "203.0.113.77", "X-Real-IP": "203.0.113.78" })).toBe("127.0.0.1");
    expect(await clientSeen({ [SOCKET_ADDRESS_HEADER]: "secret 203.0.113.79" })).toBe("127.0.0.1");
  });

  it("honours X-Forwarded-For when the connection comes from a trusted proxy", async () => {
    trustedProxies = ["127.0.0.1"];
    expect(await clientSeen({ "X-Forwarded-For": "198.51.100.1, 203.0.113.77" })).toBe("203.0.113.77");
    expect(await clientSeen({})).toBe("127.0.0.1");
  });

  it("replaces a client's header of the stamp's name even when sent twice", async () => {
    trustedProxies = [];
    const body = await new Promise<string>((resolve, reject) => {
      const outgoing = httpRequest(url, { headers: { [SOCKET_ADDRESS_HEADER]: ["a 203.0.113.1", "b 203.0.113.2"] } }, (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => resolve(text));
      });
      outgoing.on("error", reject);
      outgoing.end();
    });
    expect(JSON.parse(body)).toEqual({ client: "127.0.0.1" });
  });
});
