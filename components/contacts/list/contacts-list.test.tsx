import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import { TooltipProvider } from "@/components/ui/tooltip";
import type { Locale } from "@/i18n/locales";
import type { AttributeDefinitionView, ContactListItem, ContactListPage, TagView } from "@/lib/contacts/views";
import { queryKeys } from "@/lib/query-keys";

import { TagsManager } from "../tags/tags-manager";
import { ConsentBadge, WindowCell } from "./cells";
import { ContactsList } from "./contacts-list";
import { contactListKey, filterFromSearchParams } from "./url";

// Rendering never runs the actions or navigates; they only need to exist.
vi.mock("@/lib/actions/contacts", () => ({
  bulkTagContactsAction: vi.fn(),
  bulkDeleteContactsAction: vi.fn(),
  createTagAction: vi.fn(),
  updateTagAction: vi.fn(),
  deleteTagAction: vi.fn(),
}));
let search = "";
vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: () => {}, refresh: () => {}, push: () => {} }),
  useSearchParams: () => new URLSearchParams(search),
}));

const NOW = new Date("2026-03-02T12:00:00.000Z");
const VIP: TagView = { id: "0b6a4e1c-3c1f-4d7e-9a57-2f1d8c0e5a11", name: "VIP", colour: "violet", contactCount: 1 };
const CITY: AttributeDefinitionView = { id: "a1", key: "city", name: "City", type: "text", options: [] };

const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();

function contact(overrides: Partial<ContactListItem> = {}): ContactListItem {
  return {
    id: "11111111-1111-4111-8111-111111111111",
    name: "Ana",
    displayName: "Ana",
    profileName: "Ana Souza",
    phoneNumber: "5511987654321",
    userId: null,
    username: "ana.s",
    tags: [VIP],
    attributes: { city: "Lisboa" },
    consent: { state: "opted_in", source: "import", at: "2026-02-01T10:00:00.000Z" },
    lastMessageAt: "2026-03-02T09:00:00.000Z",
    lastInboundAt: "2026-03-02T09:00:00.000Z",
    windowClosesAt: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    ...overrides,
  };
}

/** The list as the page hands it over: the first page, the tags and attributes already in the cache. */
function renderList(items: ContactListItem[], options: { canManage: boolean; query?: string; total?: number; locale?: Locale }) {
  search = options.query ?? "";
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  const page: ContactListPage = { items, nextCursor: null, total: options.total ?? items.length };
  client.setQueryData(contactListKey(filterFromSearchParams(new URLSearchParams(search))), { pages: [page], pageParams: [null] });
  client.setQueryData(queryKeys.contacts.tags(), [VIP]);
  client.setQueryData(queryKeys.contacts.attributes(), [CITY]);
  client.setQueryData(queryKeys.contacts.segments(), []);
  client.setQueryData(queryKeys.inbox.phoneNumbers(), []);
  return render(<ContactsList canManage={options.canManage} />, client, options.locale);
}

function render(node: ReactElement, client = new QueryClient(), locale: Locale = "en") {
  return renderToStaticMarkup(
    withIntl(
      <QueryClientProvider client={client}>
        <TooltipProvider>{node}</TooltipProvider>
      </QueryClientProvider>,
      { now: NOW, locale },
    ),
  );
}

describe("the contact list", () => {
  it("shows each contact's name, WhatsApp name, number, username, tags, consent and last message, with the count", () => {
    const html = renderList([contact(), contact({ id: "22222222-2222-4222-8222-222222222222", displayName: null, profileName: "محمد", tags: [], consent: { state: "unknown", source: null, at: null } })], {
      canManage: false,
      total: 12480,
    });
    const text = textOf(html);
    expect(html).toContain('aria-label="Contacts"');
    expect(text).toContain("12,480 contacts");
    expect(text).toContain("Name Number Username Tags Consent Last message Window");
    // A display name differing from the WhatsApp name shows both; the number reads left to right.
    expect(text).toContain("Ana Ana Souza +5511987654321 @ana.s VIP Opted in Import · Feb 1, 2026, 10:00 AM 3 hours ago");
    expect(html).toContain('href="/contacts/11111111-1111-4111-8111-111111111111"');
    expect(html).toContain('<bdi dir="ltr" class="tabular-nums">+5511987654321</bdi>');
    expect(html).toContain('<bdi dir="auto">محمد</bdi>');
    expect(text).toContain("محمد +5511987654321 @ana.s — Unknown");
    // The optional attribute column is hidden until chosen in "Columns".
    expect(text).not.toContain("Lisboa");
    expect(text).toContain("Columns");
  });

  it("gives those who manage contacts checkboxes and the export; agents read it only", () => {
    const manager = renderList([contact()], { canManage: true });
    expect(manager).toContain('aria-label="Select all contacts on screen"');
    expect(manager).toContain('aria-label="Select Ana"');
    expect(manager).toContain('href="/api/contacts/export"');
    const agent = renderList([contact()], { canManage: false });
    expect(agent).not.toContain('role="checkbox"');
    expect(agent).not.toContain("/api/contacts/export");
  });

  it("exports what the URL's view shows", () => {
    const html = renderList([contact()], { canManage: true, query: `tag=${VIP.id}&consent=opted_in` });
    const filter = encodeURIComponent(JSON.stringify({ tags: { any: [VIP.id] }, consent: ["opted_in"] }));
    expect(html).toContain(`href="/api/contacts/export?filter=${filter}"`);
    expect(textOf(html)).toContain("Clear filters");
  });

  it("says when there are no contacts yet, pointing managers to the import", () => {
    const manager = textOf(renderList([], { canManage: true }));
    expect(manager).toContain("No contacts yet");
    expect(manager).toContain("Import contacts");
    expect(textOf(renderList([], { canManage: false }))).not.toContain("Import contacts");
  });

  it("says when nothing matches the filters, offering to clear them", () => {
    const text = textOf(renderList([], { canManage: false, query: "q=zzz" }));
    expect(text).toContain("No contacts match");
    expect(text).toContain("Clear filters");
    expect(text).not.toContain("No contacts yet");
  });

  it("is written in the reader's language", () => {
    const text = textOf(renderList([contact()], { canManage: true, total: 2, locale: "es" }));
    expect(text).toContain("2 contactos");
    expect(text).toContain("Aceptó");
    expect(text).toContain("Exportar CSV");
  });
});

describe("the list's cells", () => {
  it("says how long the 24-hour window stays open, or that it is closed", () => {
    const now = new Date("2026-03-02T12:00:00.000Z");
    const cell = (windowClosesAt: string | null, lastInboundAt: string | null) => textOf(render(<WindowCell contact={{ windowClosesAt, lastInboundAt }} now={now} />));
    expect(cell("2026-03-02T17:30:00.000Z", "2026-03-01T17:30:00.000Z")).toBe("Open · 5 h left");
    expect(cell("2026-03-02T12:20:00.000Z", "2026-03-01T12:20:00.000Z")).toBe("Open · 20 min left");
    expect(cell(null, "2026-02-01T12:00:00.000Z")).toBe("Closed");
    // A closing time passed since the list was read is closed too.
    expect(cell("2026-03-02T11:00:00.000Z", "2026-03-01T11:00:00.000Z")).toBe("Closed");
    expect(cell(null, null)).toBe("Never wrote");
  });

  it("names the consent and where it came from", () => {
    const text = textOf(render(<ConsentBadge consent={{ state: "opted_out", source: "keyword", at: "2026-03-01T08:00:00.000Z" }} />));
    expect(text).toBe("Opted out Opt-out keyword · Mar 1, 2026, 8:00 AM");
    expect(textOf(render(<ConsentBadge consent={{ state: "unknown", source: null, at: null }} />))).toBe("Unknown");
  });
});

describe("the tags page", () => {
  function renderTags(canManage: boolean, tags: TagView[]) {
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
    client.setQueryData(queryKeys.contacts.tags(), tags);
    return render(<TagsManager canManage={canManage} />, client);
  }

  it("lists each tag with the contacts carrying it, and offers managers to change them", () => {
    const html = renderTags(true, [{ ...VIP, contactCount: 1204 }]);
    expect(textOf(html)).toContain("VIP 1,204 contacts");
    expect(html).toContain(`href="/contacts?tag=${VIP.id}"`);
    expect(html).toContain('aria-label="Edit VIP"');
    expect(html).toContain('aria-label="Delete VIP"');
    expect(textOf(html)).toContain("New tag");
  });

  it("is read-only for agents", () => {
    const html = renderTags(false, [VIP]);
    expect(html).not.toContain('aria-label="Edit VIP"');
    expect(textOf(html)).not.toContain("New tag");
    expect(textOf(renderTags(false, []))).toContain("No tags yet");
  });
});
