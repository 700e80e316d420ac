import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import { encodeMessage } from "@/lib/i18n/translatable";
import { offeredConnections, type AccessConnectionView } from "@/lib/users/views";

import { AccessSummary } from "./access-summary";
import { ConnectionAccessField } from "./connection-access-field";
import { RoleBadge, StatusBadge } from "./role-badge";

const connection = (id: string, fields: Partial<AccessConnectionView> = {}): AccessConnectionView => ({
  id,
  label: null,
  status: "ACTIVE",
  isDefault: false,
  unlinked: false,
  ...fields,
});
const lumen = connection("lumen-0001", { label: "Lumen Coffee Roasters", isDefault: true });
const harbor = connection("harbor-0002", { label: "Harbor Dental Clinic" });
const bakery = connection("bakery-0003", { label: "Old Bakery", unlinked: true });
const pending = connection("pending-0004", { status: "PENDING" });
const unnamed = connection("9f3a2b1c-0000-4000-8000-000000000005");
const byId = new Map([lumen, harbor, bakery, pending, unnamed].map((item) => [item.id, item]));

/** The text a person reads, tags and entities aside. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, " ").trim();

describe("the team page's Connections column", () => {
  it("says all connections for admins and for users given all of them", () => {
    expect(textOf(renderToStaticMarkup(withIntl(<AccessSummary access={{ kind: "admin" }} connections={byId} />)))).toBe("All connections");
    expect(textOf(renderToStaticMarkup(withIntl(<AccessSummary access={{ kind: "all" }} connections={byId} />)))).toBe("All connections");
  });

  it("warns when a user has no connection", () => {
    const html = renderToStaticMarkup(withIntl(<AccessSummary access={{ kind: "some", connectionIds: [] }} connections={byId} />));
    expect(textOf(html)).toBe("No access");
    expect(html).toContain('data-variant="warning"');
  });

  it("names the chosen connections by label, else as the connections page does, marking unlinked ones", () => {
    const html = renderToStaticMarkup(
      withIntl(<AccessSummary access={{ kind: "some", connectionIds: [lumen.id, bakery.id, unnamed.id, pending.id] }} connections={byId} />),
    );
    expect(textOf(html)).toBe("Lumen Coffee Roasters, Old Bakery (unlinked), Connection 9f3a2b1c, New WhatsApp Business account");
  });
});

describe("the access choice", () => {
  const render = (value: { all: boolean; connectionIds: string[] }, connections = [lumen, harbor, bakery], error?: string) =>
    renderToStaticMarkup(
      withIntl(
        <ConnectionAccessField
          idPrefix="test"
          connections={connections}
          value={value}
          onChange={() => {}}
          error={error}
          personName="Cora Coffee"
        />,
      ),
    );

  it("offers all connections or a choice, and lists none while all are chosen", () => {
    const html = render({ all: true, connectionIds: [] });
    expect(textOf(html)).toContain("All connections Including ones linked later.");
    expect(html).not.toContain('type="checkbox"');
    expect(textOf(html)).not.toContain("can sign in but");
  });

  it("ticks the chosen connections and marks an unlinked one", () => {
    const html = render({ all: false, connectionIds: [bakery.id] });
    const boxes = [...html.matchAll(/<input[^>]*type="checkbox"[^>]*>/g)].map(([tag]) => tag);
    expect(boxes).toHaveLength(3);
    expect(boxes.filter((tag) => tag.includes('checked=""'))).toEqual([expect.stringContaining(`test-connection-${bakery.id}`)]);
    expect(textOf(html)).toContain("Old Bakery Unlinked");
  });

  it("says what no connection means for the person, and shows a refusal", () => {
    const html = render({ all: false, connectionIds: [] }, [lumen], 'No connection has the id "x".');
    expect(textOf(html)).toContain("Cora Coffee can sign in but will see no conversations, templates or media until you give access.");
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('aria-describedby="test-access-error"');
  });

  it("tells the admin when no connection is linked yet", () => {
    expect(textOf(render({ all: false, connectionIds: [] }, []))).toContain("No connection is linked yet.");
  });
});

describe("the connections offered", () => {
  it("are the linked active ones, plus any already granted", () => {
    const all = [lumen, harbor, bakery, pending, unnamed];
    expect(offeredConnections(all).map((item) => item.id)).toEqual([lumen.id, harbor.id, unnamed.id]);
    expect(offeredConnections(all, [bakery.id]).map((item) => item.id)).toEqual([lumen.id, harbor.id, bakery.id, unnamed.id]);
  });
});

describe("in other languages", () => {
  it("names roles and statuses in the reader's language", () => {
    const badges = (locale: "ar" | "zh-CN") =>
      textOf(
        renderToStaticMarkup(
          withIntl(
            <>
              <RoleBadge role="admin" /> <RoleBadge role="marketer" /> <RoleBadge role="agent" /> <StatusBadge disabled />
            </>,
            { locale },
          ),
        ),
      );
    expect(badges("zh-CN")).toBe("管理员 营销人员 客服 已停用");
    expect(badges("ar")).toBe("مسؤول مسوّق وكيل معطّل");
  });

  it("lists chosen connections with the language's separator, names it has none for translated, and the names as written", () => {
    const html = renderToStaticMarkup(
      withIntl(<AccessSummary access={{ kind: "some", connectionIds: [lumen.id, bakery.id, unnamed.id] }} connections={byId} />, { locale: "ar" }),
    );
    expect(textOf(html)).toBe("Lumen Coffee Roasters، Old Bakery (أُلغي ربطه)، الاتصال 9f3a2b1c");
    // Latin names inside an Arabic list keep their own direction.
    expect(html).toContain('dir="auto"');
    expect(textOf(renderToStaticMarkup(withIntl(<AccessSummary access={{ kind: "all" }} connections={byId} />, { locale: "zh-CN" })))).toBe("所有连接");
  });

  it("says the form's own refusal in the reader's language, and a server's as it came", () => {
    const field = (error: string) =>
      renderToStaticMarkup(
        withIntl(
          <ConnectionAccessField idPrefix="test" connections={[lumen]} value={{ all: false, connectionIds: [] }} onChange={() => {}} error={error} />,
          { locale: "es" },
        ),
      );
    expect(textOf(field(encodeMessage({ key: "users.validation.pickConnections" })))).toContain("Elige conexiones de la lista.");
    expect(textOf(field("Ninguna conexión tiene el ID x."))).toContain("Ninguna conexión tiene el ID x.");
    expect(textOf(field("x"))).toContain("Sin conexión: podrá iniciar sesión");
  });
});
