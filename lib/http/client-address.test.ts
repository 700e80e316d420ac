import { describe, expect, it } from "vitest";

import { clientAddressFrom, clientAddressOf, normaliseAddress, trustedProxyMatcher, UNKNOWN_CLIENT } from "./client-address";
import { headersFromSocket, SOCKET_ADDRESS_HEADER } from "./socket-address";

const NONE = trustedProxyMatcher([]);

describe("clientAddressFrom", () => {
  it("ignores X-Forwarded-For when no proxy is trusted: the connection's address counts", () => {
    expect(clientAddressFrom({ socketAddress: "203.0.113.5", forwardedFor: "10.9.9.9", isTrustedProxy: NONE })).toBe("203.0.113.5");
    expect(clientAddressFrom({ socketAddress: "::ffff:203.0.113.5", forwardedFor: null, isTrustedProxy: NONE })).toBe("203.0.113.5");
  });

  it("honours X-Forwarded-For from a trusted proxy, walking from the right past every trusted hop", () => {
    const trusted = trustedProxyMatcher(["10.0.0.0/8", "192.0.2.1"]);
    // The client forged the left part; the edge proxy 192.0.2.1 appended the real client, the inner proxy the edge.
    const forwardedFor = "1.1.1.1, 198.51.100.23, 192.0.2.1";
    expect(clientAddressFrom({ socketAddress: "10.1.2.3", forwardedFor, isTrustedProxy: trusted })).toBe("198.51.100.23");
    // A connection that is not one of our proxies: its header is the client's own word, not believed.
    expect(clientAddressFrom({ socketAddress: "198.51.100.99", forwardedFor, isTrustedProxy: trusted })).toBe("198.51.100.99");
  });

  it("stops at the proxy when its header is absent, and at 'unknown' when a trusted hop forwards garbage", () => {
    const trusted = trustedProxyMatcher(["127.0.0.1"]);
    expect(clientAddressFrom({ socketAddress: "127.0.0.1", forwardedFor: undefined, isTrustedProxy: trusted })).toBe("127.0.0.1");
    expect(clientAddressFrom({ socketAddress: "127.0.0.1", forwardedFor: "not-an-address", isTrustedProxy: trusted })).toBe(UNKNOWN_CLIENT);
  });

  it("counts a request whose connection address is unknown as 'unknown', whatever it claims", () => {
    const everything = trustedProxyMatcher(["0.0.0.0/0", "::/0"]);
    expect(clientAddressFrom({ socketAddress: undefined, forwardedFor: "198.51.100.23", isTrustedProxy: everything })).toBe(UNKNOWN_CLIENT);
  });

  it("matches IPv6 ranges and IPv4 written as IPv6", () => {
    const trusted = trustedProxyMatcher(["2001:db8::/32", "::ffff:172.16.0.0/108"]);
    expect(clientAddressFrom({ socketAddress: "2001:db8::7", forwardedFor: "2001:db8:ffff::1, 203.0.113.9", isTrustedProxy: trusted })).toBe("203.0.113.9");
    expect(clientAddressFrom({ socketAddress: "::ffff:172.16.4.4", forwardedFor: "203.0.113.10", isTrustedProxy: trusted })).toBe("203.0.113.10");
    expect(clientAddressFrom({ socketAddress: "172.32.0.1", forwardedFor: "203.0.113.10", isTrustedProxy: trusted })).toBe("172.32.0.1");
  });
});

describe("normaliseAddress", () => {
  it.each([
    ["203.0.113.5", "203.0.113.5"],
    [" ::FFFF:203.0.113.5 ", "203.0.113.5"],
    ["203.0.113.5:4431", "203.0.113.5"],
    ["[2001:DB8::1]:443", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["unknown", undefined],
    ["", undefined],
  ])("%j is %j", (raw, expected) => {
    expect(normaliseAddress(raw)).toBe(expected);
  });
});

describe("clientAddressOf", () => {
  it("believes only a genuine stamp of the connection's address, never a client-sent one or X-Real-IP", () => {
    const forged = new Headers({ [SOCKET_ADDRESS_HEADER]: "guess 10.0.0.1", "x-forwarded-for": "10.0.0.1", "x-real-ip": "10.0.0.1" });
    expect(clientAddressOf(forged, [])).toBe(UNKNOWN_CLIENT);
    expect(clientAddressOf(headersFromSocket("203.0.113.5", { "x-forwarded-for": "10.0.0.1" }), [])).toBe("203.0.113.5");
    expect(clientAddressOf(headersFromSocket("203.0.113.5", { "x-forwarded-for": "10.0.0.1" }), ["203.0.113.0/24"])).toBe("10.0.0.1");
  });
});
