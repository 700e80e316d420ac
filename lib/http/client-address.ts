import "server-only";

import { BlockList, isIP } from "node:net";

import { env } from "@/lib/env";

import { socketAddressOf } from "./socket-address";

/** What a request's source is counted as when the connection's own address could not be learned. */
export const UNKNOWN_CLIENT = "unknown";

/**
 * An address as one spelling: without brackets, zone or port, and an IPv4 address carried in IPv6
 * (`::ffff:10.0.0.1`, how a dual-stack socket reports IPv4 peers) as plain IPv4. Undefined when it
 * is no IP address at all.
 */
export function normaliseAddress(raw: string): string | undefined {
  let address = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  address = address.replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) address = mapped[1]!;
  const family = isIP(address);
  if (family === 0) return undefined;
  return family === 6 ? address.toLowerCase() : address;
}

/** A test of "is this one of our reverse proxies", from TRUSTED_PROXIES' addresses and CIDR ranges. */
export type ProxyTrust = (address: string) => boolean;

export function trustedProxyMatcher(entries: readonly string[]): ProxyTrust {
  if (entries.length === 0) return () => false;
  const list = new BlockList();
  for (const entry of entries) {
    const [rawAddress = "", prefix] = entry.split("/");
    const address = normaliseAddress(rawAddress);
    if (!address) continue; // lib/env.ts refuses such an entry at start-up
    const type = isIP(address) === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(address, type);
    // An IPv4-mapped range (`::ffff:10.0.0.0/104`) was normalised to IPv4: its prefix loses the 96 mapped bits.
    else list.addSubnet(address, Math.max(0, Number(prefix) - (type === "ipv4" && rawAddress.includes(":") ? 96 : 0)), type);
  }
  return (address) => list.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address from what the connection says and what forwarding proxies added. The socket
 * address is the start: while it (then each hop) is one of our proxies, the next address to the left in
 * X-Forwarded-For is believed instead, since only a trusted proxy appended it. Anything a client wrote
 * further left is never reached. Without a socket address nothing is believed: "unknown".
 */
export function clientAddressFrom(input: {
  socketAddress: string | undefined;
  forwardedFor: string | null | undefined;
  isTrustedProxy: ProxyTrust;
}): string {
  let address = input.socketAddress === undefined ? undefined : normaliseAddress(input.socketAddress);
  if (!address) return UNKNOWN_CLIENT;
  const hops = (input.forwardedFor ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter((hop) => hop !== "");
  for (let index = hops.length - 1; index >= 0 && input.isTrustedProxy(address); index -= 1) {
    const next = normaliseAddress(hops[index]!);
    // A trusted proxy forwarding something that is no address: nothing to the left can be believed.
    if (!next) return UNKNOWN_CLIENT;
    address = next;
  }
  return address;
}

const matchers = new WeakMap<readonly string[], ProxyTrust>();

/**
 * The address a request came from, as the sign-in throttle, the audit log and rate limits count it:
 * the connection's own address (stamped by `stampSocketAddresses`), or what TRUSTED_PROXIES forwarded.
 * A client-sent X-Forwarded-For or X-Real-IP alone changes nothing.
 */
export function clientAddressOf(headers: Headers, trustedProxies: readonly string[] = env().trustedProxies): string {
  let isTrustedProxy = matchers.get(trustedProxies);
  if (!isTrustedProxy) {
    isTrustedProxy = trustedProxyMatcher(trustedProxies);
    matchers.set(trustedProxies, isTrustedProxy);
  }
  return clientAddressFrom({ socketAddress: socketAddressOf(headers), forwardedFor: headers.get("x-forwarded-for"), isTrustedProxy });
}
