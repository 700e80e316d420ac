/** Where outbound webhooks may go: public unicast addresses only, unless private destinations are allowed. */
import { describe, expect, it } from "vitest";

import { checkDestination, refusedRangeOf } from "./address-guard";

describe("refusedRangeOf", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["192.168.1.20", "private"],
    ["169.254.169.254", "linkLocal"],
    ["100.64.0.1", "carrierGradeNat"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "multicast"],
    ["0.0.0.0", "unspecified"],
    ["192.0.2.10", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fc00::1", "uniqueLocal"],
    ["fd12:3456::1", "uniqueLocal"],
    ["fe80::1", "linkLocal"],
    ["ff02::1", "multicast"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:127.0.0.1", "loopback"],
    ["64:ff9b::a00:1", "reserved"],
    ["2001:db8::1", "reserved"],
    ["not an address", "reserved"],
  ])("refuses %s (%s)", (address, range) => {
    expect(refusedRangeOf(address)).toBe(range);
  });

  it.each(["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:93.184.215.14"])("lets the public address %s through", (address) => {
    expect(refusedRangeOf(address)).toBeUndefined();
  });
});

describe("checkDestination", () => {
  const refused = { allowPrivate: false };

  it("refuses an address literal of a refused range, naming the rule", async () => {
    await expect(checkDestination(new URL("https://[::1]:8443/hooks"), refused)).resolves.toEqual({
      ok: false,
      reason: "refused",
      host: "::1",
      address: "::1",
      range: "loopback",
    });
    await expect(checkDestination(new URL("https://169.254.169.254/latest/meta-data"), refused)).resolves.toMatchObject({ ok: false, range: "linkLocal" });
    // The URL parser reads 2130706433 as 127.0.0.1: no shorthand slips past.
    await expect(checkDestination(new URL("https://2130706433/"), refused)).resolves.toMatchObject({ ok: false, address: "127.0.0.1", range: "loopback" });
  });

  it("refuses a name that resolves to loopback (localhost, through the system's resolver)", async () => {
    await expect(checkDestination(new URL("https://localhost/hooks"), refused)).resolves.toMatchObject({ ok: false, reason: "refused", host: "localhost", range: "loopback" });
  });

  it("refuses a name when any of its addresses is refused, and pins the first address otherwise", async () => {
    const mixed = async () => [
      { address: "93.184.215.14", family: 4 },
      { address: "10.0.0.7", family: 4 },
    ];
    await expect(checkDestination(new URL("https://crm.example.com/"), { allowPrivate: false, resolve: mixed })).resolves.toMatchObject({
      ok: false,
      address: "10.0.0.7",
      range: "private",
    });
    const publicOnly = async () => [
      { address: "2606:4700:4700::1111", family: 6 },
      { address: "93.184.215.14", family: 4 },
    ];
    await expect(checkDestination(new URL("https://crm.example.com/"), { allowPrivate: false, resolve: publicOnly })).resolves.toEqual({
      ok: true,
      pinned: { address: "2606:4700:4700::1111", family: 6 },
    });
  });

  it("says when a name does not resolve", async () => {
    const nothing = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND nowhere.invalid"), { code: "ENOTFOUND" });
    };
    await expect(checkDestination(new URL("https://nowhere.invalid/"), { allowPrivate: false, resolve: nothing })).resolves.toMatchObject({
      ok: false,
      reason: "unresolvable",
      host: "nowhere.invalid",
    });
  });

  it("lets private and loopback destinations through when they are allowed", async () => {
    await expect(checkDestination(new URL("http://127.0.0.1:4000/"), { allowPrivate: true })).resolves.toEqual({ ok: true, pinned: { address: "127.0.0.1", family: 4 } });
    await expect(checkDestination(new URL("https://[fc00::5]/"), { allowPrivate: true })).resolves.toMatchObject({ ok: true });
  });
});
