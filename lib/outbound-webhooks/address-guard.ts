import "server-only";

import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";

import ipaddr from "ipaddr.js";

/**
 * Where outbound webhooks may go (SSRF): an endpoint's URL is the admin's to choose, so without a
 * guard the dashboard could be made to POST into its own network (a database's HTTP port, a cloud
 * metadata service at 169.254.169.254). Only public unicast addresses pass, unless
 * OUTBOUND_WEBHOOKS_ALLOW_PRIVATE is set (the demo and tests, with receivers on this machine).
 */

/** Why an address is refused: the rule it falls under (each has its own explanation in the catalogs). */
export type RefusedRange = "private" | "loopback" | "linkLocal" | "uniqueLocal" | "carrierGradeNat" | "multicast" | "unspecified" | "reserved";

const NAMED_RANGES: Record<string, RefusedRange> = {
  private: "private",
  loopback: "loopback",
  linkLocal: "linkLocal",
  uniqueLocal: "uniqueLocal",
  carrierGradeNat: "carrierGradeNat",
  multicast: "multicast",
  broadcast: "multicast",
  unspecified: "unspecified",
};

/** The rule an address breaks, or undefined for a public unicast address. Anything unparseable is refused. */
export function refusedRangeOf(address: string): RefusedRange | undefined {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return "reserved";
  }
  // ::ffff:10.0.0.1 reaches 10.0.0.1: judged as the IPv4 address it carries.
  if (parsed instanceof ipaddr.IPv6 && parsed.isIPv4MappedAddress()) parsed = parsed.toIPv4Address();
  const range = parsed.range();
  if (range === "unicast") return undefined;
  // Documentation, benchmarking, 6to4, Teredo, NAT64…: nothing a webhook receiver should live on.
  return NAMED_RANGES[range] ?? "reserved";
}

/** The host of a URL as DNS and `isIP` know it (IPv6 literals without their brackets). */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/** A checked address to connect to, pinned: the request never looks the host up again. */
export interface PinnedAddress {
  address: string;
  family: 4 | 6;
}

export type AddressCheck =
  | { ok: true; pinned: PinnedAddress }
  | { ok: false; reason: "refused"; host: string; address: string; range: RefusedRange }
  | { ok: false; reason: "unresolvable"; host: string; detail: string };

/** Resolves a host name to all its addresses (tests put a fake resolver in its place). */
export type Resolve = (host: string) => Promise<Array<{ address: string; family: number }>>;

const systemResolve: Resolve = (host) => dnsLookup(host, { all: true, verbatim: true });

/**
 * Resolves the URL's host and checks every address it has: one refused address refuses the URL (a
 * name with a public and a private address could otherwise be steered to the private one). The
 * first address is the one to connect to.
 */
export async function checkDestination(url: URL, options: { allowPrivate: boolean; resolve?: Resolve }): Promise<AddressCheck> {
  const host = hostOf(url);
  let addresses: Array<{ address: string; family: number }>;
  if (isIP(host) !== 0) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await (options.resolve ?? systemResolve)(host);
    } catch (error) {
      return { ok: false, reason: "unresolvable", host, detail: error instanceof Error ? error.message : String(error) };
    }
    if (addresses.length === 0) return { ok: false, reason: "unresolvable", host, detail: "no address" };
  }
  if (!options.allowPrivate) {
    for (const { address } of addresses) {
      const range = refusedRangeOf(address);
      if (range) return { ok: false, reason: "refused", host, address, range };
    }
  }
  const [first] = addresses;
  return { ok: true, pinned: { address: first!.address, family: first!.family === 6 ? 6 : 4 } };
}
