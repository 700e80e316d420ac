import { useTranslations } from "next-intl";
import { prerenderToNodeStream } from "react-dom/static";
import { describe, expect, it } from "vitest";

import { clientCatalog } from "@/lib/i18n/client-catalog";

import { CatalogBranch, CatalogRoot, mergeCatalogs } from "./catalog-provider";

async function html(element: React.ReactNode): Promise<string> {
  const { prelude } = await prerenderToNodeStream(element);
  let text = "";
  for await (const chunk of prelude) text += String(chunk);
  return text;
}

function Words() {
  const common = useTranslations("common");
  const inbox = useTranslations("inbox");
  return (
    <p>
      {common("cancel")} / {inbox("title")}
    </p>
  );
}

describe("mergeCatalogs", () => {
  it("puts a branch's namespaces beside the inherited ones, merging one level down", () => {
    const merged = mergeCatalogs(
      { common: { cancel: "Cancel" }, inbox: { title: "Inbox" } } as never,
      { inbox: { list: { empty: "Nothing" } }, shell: { nav: "Nav" } } as never,
    );
    expect(merged).toEqual({ common: { cancel: "Cancel" }, inbox: { title: "Inbox", list: { empty: "Nothing" } }, shell: { nav: "Nav" } });
  });
});

describe("CatalogRoot and CatalogBranch on the server", () => {
  it("render with the catalog in memory, the branch's messages beside the root's, and preload what the browser will fetch", async () => {
    const root = await clientCatalog("es", ["common", "validation"]);
    const branch = await clientCatalog("es", ["inbox.title"]);
    const output = await html(
      <CatalogRoot source={{ locale: "es", namespaces: ["common", "validation"], href: root.href }} timeZone="Europe/Madrid" now={new Date()}>
        <CatalogBranch source={{ locale: "es", namespaces: ["inbox.title"], href: branch.href }}>
          <Words />
        </CatalogBranch>
      </CatalogRoot>,
    );
    expect(output).toContain("<p>Cancelar<!-- --> / <!-- -->Bandeja de entrada</p>");
    for (const href of [root.href, branch.href]) {
      expect(output).toContain(`<link rel="preload" href="${href.replace("&", "&amp;")}" as="fetch" crossorigin=""/>`);
    }
  });
});
