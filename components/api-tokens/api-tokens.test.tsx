import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import type { ApiTokenListItem } from "@/lib/api-tokens/views";

import { ApiTokensTable } from "./api-tokens-table";
import { CreateTokenDialog } from "./create-token-dialog";

// The components' server actions and router are not exercised by rendering; they only need to exist.
vi.mock("@/lib/actions/api-tokens", () => ({ createApiTokenAction: vi.fn(), revokeApiTokenAction: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {} }) }));

/** The text a person reads, tags and entities aside. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();

const NOW = new Date("2026-03-02T12:00:00.000Z");
const ME = { id: "11111111-1111-4111-8111-111111111111", name: "Ana Admin", email: "ana@example.test" };
const OTHER = { id: "22222222-2222-4222-8222-222222222222", name: "لينا", email: "lina@example.test" };

const token = (overrides: Partial<ApiTokenListItem>): ApiTokenListItem => ({
  id: "33333333-3333-4333-8333-333333333333",
  name: "CI script",
  prefix: "wbd_AbCdEfGh",
  createdAt: "2026-02-01T09:00:00.000Z",
  lastUsedAt: null,
  expiresAt: null,
  revokedAt: null,
  status: "active",
  owner: ME,
  revokedBy: null,
  ...overrides,
});

describe("the API tokens table", () => {
  it("lists each token's name, prefix, dates and status, with a revoke button naming it", () => {
    const html = renderToStaticMarkup(
      withIntl(
        <ApiTokensTable
          currentUserId={ME.id}
          showOwners={false}
          tokens={[
            token({ lastUsedAt: "2026-03-02T09:00:00.000Z", expiresAt: "2026-05-01T23:59:59.999Z" }),
            token({ id: "44444444-4444-4444-8444-444444444444", name: "Old", status: "revoked", revokedAt: "2026-02-10T00:00:00.000Z" }),
          ]}
        />,
        { now: NOW },
      ),
    );
    const text = textOf(html);
    expect(html).toContain('aria-label="API tokens"');
    expect(text).toContain("Name Token Created Last used Expires Status Actions");
    expect(text).not.toContain("Owner");
    expect(text).toContain("CI script wbd_AbCdEfGh… Feb 1, 2026 3 hours ago May 1, 2026 Active");
    expect(text).toContain("Old wbd_AbCdEfGh… Feb 1, 2026 Never used Never Revoked");
    expect(html).toContain('aria-label="Revoke CI script"');
    // A revoked token has nothing left to revoke.
    expect(html).not.toContain('aria-label="Revoke Old"');
  });

  it("shows owners to an admin looking at everyone's, in their own direction", () => {
    const html = renderToStaticMarkup(
      withIntl(<ApiTokensTable currentUserId={ME.id} showOwners tokens={[token({}), token({ id: OTHER.id, owner: OTHER })]} />, { now: NOW }),
    );
    expect(textOf(html)).toContain("Owner");
    expect(textOf(html)).toContain("Ana Admin You ana@example.test");
    expect(html).toContain('<span dir="auto" class="truncate">لينا</span>');
    expect(html).toContain("<bdi>lina@example.test</bdi>");
  });

  it("is written in the reader's language", () => {
    const html = renderToStaticMarkup(
      withIntl(<ApiTokensTable currentUserId={ME.id} showOwners tokens={[token({ status: "expired", expiresAt: "2026-03-01T00:00:00.000Z" })]} />, {
        locale: "es",
        now: NOW,
      }),
    );
    expect(textOf(html)).toContain("Propietario");
    expect(textOf(html)).toContain("Caducado");
    expect(html).toContain('aria-label="Revocar CI script"');
  });
});

describe("the create token button", () => {
  it("is there in the reader's language", () => {
    expect(textOf(renderToStaticMarkup(withIntl(<CreateTokenDialog />, { now: NOW })))).toBe("Create token");
    expect(textOf(renderToStaticMarkup(withIntl(<CreateTokenDialog />, { locale: "zh-CN", now: NOW })))).toBe("创建令牌");
  });
});
