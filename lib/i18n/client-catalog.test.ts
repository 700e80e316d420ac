import { describe, expect, it } from "vitest";

import en from "@/messages/en.json";
import es from "@/messages/es.json";

import { clientCatalog, MAX_CLIENT_NAMESPACES, parseNamespaceList } from "./client-catalog";
import { pickMessages } from "./messages";

describe("clientCatalog", () => {
  it("holds exactly the namespaces asked for, at a URL that names them and their version", async () => {
    const catalog = await clientCatalog("en", ["common", "inbox.title", "contacts.record"]);
    expect(catalog.messages).toEqual(pickMessages(en, ["common", "inbox.title", "contacts.record"]));
    expect(catalog.version).toMatch(/^[\w-]{16}$/);
    expect(catalog.href).toBe(`/api/i18n/en?ns=common,inbox.title,contacts.record&v=${catalog.version}`);
  });

  it("is computed once per language and list, and versioned by the messages themselves", async () => {
    const first = clientCatalog("es", ["common", "validation"]);
    expect(clientCatalog("es", ["common", "validation"])).toBe(first);
    const spanish = await first;
    expect(spanish.messages).toEqual(pickMessages(es, ["common", "validation"]));
    const english = await clientCatalog("en", ["common", "validation"]);
    expect(english.version).not.toBe(spanish.version);
    expect((await clientCatalog("en", ["common"])).version).not.toBe(english.version);
    expect(english.href).toMatch(/^\/api\/i18n\/en\?ns=common,validation&v=/);
    expect((await clientCatalog("pt-BR", ["common"])).href).toMatch(/^\/api\/i18n\/pt-BR\?ns=common&v=/);
  });
});

describe("parseNamespaceList", () => {
  it("accepts top-level namespaces, groups one level down and single messages one level down", () => {
    expect(parseNamespaceList("common,contacts.record,inbox.title", en)).toEqual({ namespaces: ["common", "contacts.record", "inbox.title"] });
  });

  it("refuses a missing or empty list", () => {
    expect(parseNamespaceList(null, en)).toEqual({ problem: { kind: "missing" } });
    expect(parseNamespaceList("", en)).toEqual({ problem: { kind: "missing" } });
  });

  it("names the first part the catalog does not have", () => {
    expect(parseNamespaceList("common,nowhere", en)).toEqual({ problem: { kind: "unknown", namespace: "nowhere" } });
    expect(parseNamespaceList("common.nowhere", en)).toEqual({ problem: { kind: "unknown", namespace: "common.nowhere" } });
    expect(parseNamespaceList("common,", en)).toEqual({ problem: { kind: "unknown", namespace: "" } });
    expect(parseNamespaceList("common.cancel.more", en)).toEqual({ problem: { kind: "unknown", namespace: "common.cancel.more" } });
    // A top-level message is not a namespace, and nothing of an object's prototype is a part of the catalog.
    for (const name of ["__proto__", "constructor", "common.toString", "common.__proto__", "hasOwnProperty"]) {
      expect(parseNamespaceList(name, en)).toEqual({ problem: { kind: "unknown", namespace: name } });
    }
  });

  it(`refuses more than ${MAX_CLIENT_NAMESPACES} names at once`, () => {
    const names = Array.from({ length: MAX_CLIENT_NAMESPACES + 1 }, () => "common").join(",");
    expect(parseNamespaceList(names, en)).toEqual({ problem: { kind: "tooMany", max: MAX_CLIENT_NAMESPACES } });
    expect(parseNamespaceList(names.slice("common,".length), en)).toEqual({ namespaces: expect.any(Array) });
  });
});
