import { describe, expect, it } from "vitest";

import { customerHandles, customerInitial, customerLabel, type CustomerIdentity } from "./customer-label";

const customer = (identity: Partial<CustomerIdentity>): CustomerIdentity => ({
  waId: "US.13491208655302741918",
  customerName: null,
  customerPhone: null,
  customerUserId: null,
  customerUsername: null,
  ...identity,
});

describe("customerLabel", () => {
  it("names a customer by their profile name first", () => {
    expect(customerLabel(customer({ customerName: "Maya Thompson", customerUsername: "maya", customerPhone: "14155550123" }))).toBe("Maya Thompson");
  });

  it("falls back to @username, then +number, then the user id", () => {
    expect(customerLabel(customer({ customerUsername: "maya", customerPhone: "14155550123", customerUserId: "US.1" }))).toBe("@maya");
    expect(customerLabel(customer({ customerPhone: "14155550123", customerUserId: "US.1" }))).toBe("+14155550123");
    expect(customerLabel(customer({ customerUserId: "US.1" }))).toBe("US.1");
  });

  it("ignores a blank profile name", () => {
    expect(customerLabel(customer({ customerName: "  ", customerUsername: "maya" }))).toBe("@maya");
  });

  it("never prints the key as a number: a user-id key is shown as is", () => {
    expect(customerLabel(customer({}))).toBe("US.13491208655302741918");
  });

  it("does not double a username's @", () => {
    expect(customerLabel(customer({ customerUsername: "@maya" }))).toBe("@maya");
  });
});

describe("customerInitial", () => {
  it("takes the first letter of the label, past @ or +", () => {
    expect(customerInitial(customer({ customerName: "maya" }))).toBe("M");
    expect(customerInitial(customer({ customerUsername: "lumen.roastery" }))).toBe("L");
    expect(customerInitial(customer({ customerPhone: "14155550123" }))).toBe("1");
  });

  it("keeps an emoji whole", () => {
    expect(customerInitial(customer({ customerName: "🌻 Sunny" }))).toBe("🌻");
  });
});

describe("customerHandles", () => {
  it("lists the username and the number, each when known", () => {
    expect(customerHandles(customer({ customerUsername: "maya", customerPhone: "14155550123" }))).toEqual(["@maya", "+14155550123"]);
    expect(customerHandles(customer({ customerPhone: "14155550123" }))).toEqual(["+14155550123"]);
    expect(customerHandles(customer({ customerUserId: "US.1" }))).toEqual([]);
  });
});
