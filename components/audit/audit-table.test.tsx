import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";

import { AuditTable, type AuditRow } from "./audit-table";

const row = (fields: Partial<AuditRow>): AuditRow => ({
  id: 1,
  at: "2026-03-02T11:00:00.000Z",
  actorName: "Ada Admin",
  actorEmail: "admin@demo.test",
  action: "user.created",
  targetType: "user",
  targetId: "00000000-0000-4000-8000-000000000001",
  targetLabel: "mara@example.test",
  details: { role: "marketer" },
  ...fields,
});

const rows = [
  row({ id: 1, action: "user.created" }),
  row({ id: 2, action: "connection.default_set", targetType: "connection", targetLabel: null, targetId: "lumen-0001" }),
  row({ id: 3, action: "something.new", targetType: "phone_number", actorName: null, actorEmail: null }),
];

/** The cells of each body row, as read. */
function cellsOf(html: string): string[][] {
  const body = html.slice(html.indexOf("<tbody"));
  return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map(([, cells]) =>
    [...cells!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map(([, cell]) => cell!.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim()),
  );
}

describe("the audit log's entries", () => {
  it("say the action and what it concerns in Chinese, keeping an unknown action's recorded name", () => {
    const html = renderToStaticMarkup(withIntl(<AuditTable rows={rows} />, { locale: "zh-CN" }));
    expect(html).toContain('aria-label="审计日志条目"');
    const [created, defaultSet, unknown] = cellsOf(html);
    expect(created?.[2]).toBe("创建了用户");
    expect(created?.[3]).toBe("mara@example.test 用户");
    expect(defaultSet?.[2]).toBe("更改了默认连接");
    expect(defaultSet?.[3]).toBe("lumen-0001 连接");
    expect(unknown?.[1]).toBe("系统");
    expect(unknown?.[2]).toBe("something.new");
    expect(unknown?.[3]).toBe("mara@example.test 电话号码");
  });

  it("say them in Arabic, with the actor's email kept in its own direction", () => {
    const html = renderToStaticMarkup(withIntl(<AuditTable rows={rows} />, { locale: "ar" }));
    const [created] = cellsOf(html);
    expect(created?.[1]).toBe("Ada Admin admin@demo.test");
    expect(created?.[2]).toBe("أنشأ مستخدمًا");
    expect(html).toContain("<bdi>admin@demo.test</bdi>");
  });

  it("keep their English words", () => {
    const [created, defaultSet] = cellsOf(renderToStaticMarkup(withIntl(<AuditTable rows={rows} />)));
    expect(created?.[2]).toBe("Created user");
    expect(defaultSet?.[2]).toBe("Changed default connection");
  });

  it("say so in the reader's language when none match", () => {
    expect(renderToStaticMarkup(withIntl(<AuditTable rows={[]} />, { locale: "ar" }))).toContain("لا توجد إدخالات");
  });
});
