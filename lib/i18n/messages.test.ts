import { describe, expect, it } from "vitest";

import en from "@/messages/en.json";

import { pickMessages } from "./messages";

describe("pickMessages", () => {
  it("hands out whole namespaces and single parts of one, never the rest", () => {
    const picked = pickMessages(en, ["common", "contacts.panel", "contacts.record"]) as Record<string, Record<string, unknown>>;
    expect(Object.keys(picked).sort()).toEqual(["common", "contacts"]);
    expect(picked.common).toBe(en.common);
    expect(Object.keys(picked.contacts!).sort()).toEqual(["panel", "record"]);
    expect(picked.contacts!.record).toBe(en.contacts.record);
  });

  it("gives a namespace whole when it is asked for whole as well, without writing to the catalog", () => {
    const before = Object.keys(en.contacts).length;
    const picked = pickMessages(en, ["contacts.panel", "contacts"]) as Record<string, unknown>;
    expect(picked.contacts).toBe(en.contacts);
    expect(Object.keys(en.contacts)).toHaveLength(before);
  });
});
