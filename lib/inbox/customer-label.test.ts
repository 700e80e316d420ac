import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";

import en from "@/messages/en.json";
import es from "@/messages/es.json";

import { customerHandles, customerInitial, customerLabel, isDeletedCustomer, type CustomerIdentity } from "./customer-label";

/** The common namespace's words, as a page's translator gives them. */
const common = createTranslator({ locale: "en", messages: en, namespace: "common" });

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
    expect(customerLabel(customer({ customerName: "Maya Thompson", customerUsername: "maya", customerPhone: "14155550123" }), common)).toBe("Maya Thompson");
  });

  it("falls back to @username, then +number, then the user id", () => {
    expect(customerLabel(customer({ customerUsername: "maya", customerPhone: "14155550123", customerUserId: "US.1" }), common)).toBe("@maya");
    expect(customerLabel(customer({ customerPhone: "14155550123", customerUserId: "US.1" }), common)).toBe("+14155550123");
    expect(customerLabel(customer({ customerUserId: "US.1" }), common)).toBe("US.1");
  });

  it("ignores a blank profile name", () => {
    expect(customerLabel(customer({ customerName: "  ", customerUsername: "maya" }), common)).toBe("@maya");
  });

  it("never prints the key as a number: a user-id key is shown as is", () => {
    expect(customerLabel(customer({}), common)).toBe("US.13491208655302741918");
  });

  it("does not double a username's @", () => {
    expect(customerLabel(customer({ customerUsername: "@maya" }), common)).toBe("@maya");
  });

  it("prefers the team's display name to the profile name, and ignores a blank one", () => {
    expect(customerLabel(customer({ customerDisplayName: "Maya (VIP)", customerName: "Maya Thompson" }), common)).toBe("Maya (VIP)");
    expect(customerLabel(customer({ customerDisplayName: " ", customerName: "Maya Thompson" }), common)).toBe("Maya Thompson");
  });

  it("calls a deleted contact \"Deleted contact\" in the reader's words, and never its key", () => {
    const deleted = customer({ waId: "deleted:5f0c8a8e-4b4e-4d8e-9a51-3c1f3f1f2b7a" });
    expect(isDeletedCustomer(deleted)).toBe(true);
    // A page's translator of the namespace passes as is.
    expect(customerLabel(deleted, common)).toBe("Deleted contact");
    expect(customerLabel(deleted, createTranslator({ locale: "es", messages: es as typeof en, namespace: "common" }))).toBe("Contacto eliminado");
    expect(customerInitial(deleted, common)).toBe("D");
  });
});

describe("customerInitial", () => {
  it("takes the first letter of the label, past @ or +", () => {
    expect(customerInitial(customer({ customerName: "maya" }), common)).toBe("M");
    expect(customerInitial(customer({ customerUsername: "lumen.roastery" }), common)).toBe("L");
    expect(customerInitial(customer({ customerPhone: "14155550123" }), common)).toBe("1");
  });

  it("keeps an emoji whole", () => {
    expect(customerInitial(customer({ customerName: "🌻 Sunny" }), common)).toBe("🌻");
  });
});

describe("customerHandles", () => {
  it("lists the username and the number, each when known", () => {
    expect(customerHandles(customer({ customerUsername: "maya", customerPhone: "14155550123" }))).toEqual(["@maya", "+14155550123"]);
    expect(customerHandles(customer({ customerPhone: "14155550123" }))).toEqual(["+14155550123"]);
    expect(customerHandles(customer({ customerUserId: "US.1" }))).toEqual([]);
  });
});
