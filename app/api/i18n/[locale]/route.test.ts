import { describe, expect, it, vi } from "vitest";

import { clientCatalog } from "@/lib/i18n/client-catalog";
import { translatorFor } from "@/lib/i18n/translators";

import { GET } from "./route";

// The refusals speak the reader's language; here a Spanish reader's.
vi.mock("@/lib/i18n/server", () => ({ requestTranslator: () => translatorFor("es") }));

const get = (locale: string, query: string) =>
  GET(new Request(`http://127.0.0.1:3000/api/i18n/${locale}?${query}`), { params: Promise.resolve({ locale }) });

describe("GET /api/i18n/[locale]", () => {
  it("answers the namespaces asked for, to be kept for good when asked for with their version", async () => {
    const catalog = await clientCatalog("es", ["common", "inbox.title"]);
    const response = await get("es", `ns=common,inbox.title&v=${catalog.version}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const body = (await response.json()) as { common: { cancel: string }; inbox: Record<string, unknown> };
    expect(body).toEqual(catalog.messages);
    expect(body.common.cancel).toBe("Cancelar");
    expect(Object.keys(body.inbox)).toEqual(["title"]);
  });

  it("answers today's messages for another version (a page older than this deployment), not to be kept", async () => {
    const response = await get("en", "ns=common&v=an-older-version");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(await response.json()).toEqual((await clientCatalog("en", ["common"])).messages);
  });

  it("refuses a part the catalog does not have, naming it and the field", async () => {
    const response = await get("en", "ns=common,nowhere&v=x");
    expect(response.status).toBe(400);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      error: { code: "INVALID_INPUT", field: "ns", message: "El catálogo no tiene la parte «nowhere»: revisa los nombres en «ns»." },
    });
  });

  it("refuses a missing list and a list too long", async () => {
    const missing = await get("en", "v=x");
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { field: string; message: string } }).error).toMatchObject({ field: "ns", message: expect.stringContaining("«ns»") });
    const long = await get("en", `ns=${Array.from({ length: 41 }, () => "common").join(",")}`);
    expect(long.status).toBe(400);
    expect(((await long.json()) as { error: { message: string } }).error.message).toContain("40");
  });

  it("answers 404 for a language the dashboard does not speak, listing the ones it does", async () => {
    const response = await get("xx", "ns=common");
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { code: string; field: string; message: string } };
    expect(body.error).toMatchObject({ code: "NOT_FOUND", field: "locale" });
    expect(body.error.message).toContain("«xx»");
    expect(body.error.message).toContain("en, zh-CN, es, pt-BR, ar");
  });
});
