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
  it("render with the catalog in memory, the branch's messages beside the root's, each part carried as data for the browser", async () => {
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
    for (const catalog of [root, branch]) {
      const block = `<script type="application/json" data-catalog="${catalog.href.replace("&", "&amp;")}">${JSON.stringify(catalog.messages)}</script>`;
      expect(output).toContain(block);
    }
    expect(output).not.toContain("rel=\"preload\"");
  });

  it("escapes \"<\" in the data block, so no message can end it early", async () => {
    const catalog = await clientCatalog("en", ["inbox.empty"]);
    expect(JSON.stringify(catalog.messages)).toContain("<kbd>");
    const output = await html(
      <CatalogRoot source={{ locale: "en", namespaces: ["inbox.empty"], href: catalog.href }} timeZone="UTC" now={new Date()}>
        <p>page</p>
      </CatalogRoot>,
    );
    const block = /<script type="application\/json"[^>]*>(.*?)<\/script>/.exec(output)![1]!;
    expect(block).not.toContain("<");
    expect(JSON.parse(block)).toEqual(catalog.messages);
  });
});
