import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import { CustomerPanel } from "@/components/inbox/customer-panel";
import type { ConsentEventView, ContactDetail } from "@/lib/contacts/views";
import type { ConversationView } from "@/lib/inbox/views";
import { queryKeys } from "@/lib/query-keys";

import { addableTags, isNewTagName } from "./tags";
import { attributeDraft, attributeText, isIsoDay, readAttributeDraft } from "./attribute-value";
import { ConsentHistory, ConsentStatus } from "./consent";
import { consentStory } from "./consent-words";
import { contactName, formatContactPhone } from "./contact-name";
import { ContactRecord } from "./contact-record";
import { newestFirst } from "./notes";

// The components' server actions and router are not exercised by rendering; they only need to exist.
vi.mock("@/lib/actions/contacts", () => ({
  updateContactAction: vi.fn(),
  setContactTagsAction: vi.fn(),
  createTagAction: vi.fn(),
  addContactNoteAction: vi.fn(),
  updateContactNoteAction: vi.fn(),
  deleteContactNoteAction: vi.fn(),
  contactDeletionSummaryAction: vi.fn(),
  deleteContactAction: vi.fn(),
}));
vi.mock("@/lib/actions/contact-consent", () => ({ changeConsentAction: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => {}, refresh: () => {} }) }));

/** The text a person reads, tags and entities aside. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ")
    .trim();

const NOW = new Date("2026-12-10T12:00:00.000Z");
const CONTACT_ID = "11111111-1111-4111-8111-111111111111";
const AGENT = { id: "22222222-2222-4222-8222-222222222222", name: "Ana" };

const event = (overrides: Partial<ConsentEventView>): ConsentEventView => ({
  id: 1,
  state: "opted_out",
  source: "keyword",
  actor: null,
  detail: "STOP",
  at: "2026-12-03T10:00:00.000Z",
  ...overrides,
});

const contact = (overrides: Partial<ContactDetail> = {}): ContactDetail => ({
  id: CONTACT_ID,
  name: "Maya Thompson",
  displayName: null,
  profileName: "Maya Thompson",
  phoneNumber: "14155550123",
  userId: null,
  username: null,
  tags: [{ id: "33333333-3333-4333-8333-333333333333", name: "VIP", colour: "violet" }],
  attributes: { city: "San Francisco", orders: 14 },
  consent: { state: "opted_out", source: "keyword", at: "2026-12-03T10:00:00.000Z" },
  lastMessageAt: "2026-12-09T10:00:00.000Z",
  lastInboundAt: "2026-12-09T10:00:00.000Z",
  windowClosesAt: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  waId: "14155550123",
  notes: [],
  consentHistory: [event({})],
  conversations: [],
  can: { edit: true, manage: false },
  ...overrides,
});

/** Renders `node` with the contact's record (and the attributes' definitions) already read, as the pages hand them over. */
function renderWithRecord(node: React.ReactElement, detail: ContactDetail | undefined) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  if (detail) queryClient.setQueryData(queryKeys.contacts.detail(detail.id), detail);
  queryClient.setQueryData(queryKeys.contacts.attributes(), [
    { id: "a1", key: "city", name: "City", type: "text", options: [] },
    { id: "a2", key: "orders", name: "Orders so far", type: "number", options: [] },
    { id: "a3", key: "vip_since", name: "VIP since", type: "date", options: [] },
  ]);
  return renderToStaticMarkup(withIntl(<QueryClientProvider client={queryClient}>{node}</QueryClientProvider>, { now: NOW }));
}

const renderRecord = (detail: ContactDetail) => renderWithRecord(<ContactRecord contactId={detail.id} />, detail);

const conversation = (overrides: Partial<ConversationView> = {}): ConversationView => ({
  id: "55555555-5555-4555-8555-555555555555",
  status: "open",
  waId: "14155550123",
  contactId: CONTACT_ID,
  customerName: "Maya Thompson",
  customerDisplayName: null,
  customerPhone: "14155550123",
  customerUserId: null,
  customerUsername: null,
  consent: { state: "opted_out", source: "whatsapp", at: "2026-12-03T10:00:00.000Z" },
  customerDeletedAt: null,
  customerSince: "2026-01-01T00:00:00.000Z",
  assigneeId: null,
  assigneeName: null,
  lastInboundAt: "2026-12-10T10:00:00.000Z",
  lastMessageAt: "2026-12-10T10:00:00.000Z",
  unreadCount: 0,
  referralExpiresAt: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  snoozedUntil: null,
  snoozed: false,
  labels: [],
  phoneNumber: { id: "106540352242922", wabaId: "102290129340398", connectionId: null, displayPhoneNumber: "+1 555 010 4821", verifiedName: "Lumen" },
  campaign: null,
  campaignMessages: [],
  customer: { firstContactAt: "2026-01-01T00:00:00.000Z", conversations: { total: 1, open: 1, resolved: 0 }, messages: { inbound: 3, outbound: 1 }, recentInboundAt: [] },
  ...overrides,
});

describe("an attribute's value in a field", () => {
  it("reads what was typed by the attribute's type, empty as removing it", () => {
    expect(readAttributeDraft({ type: "number", options: [] }, " 3,5 ")).toEqual({ ok: true, value: 3.5 });
    expect(readAttributeDraft({ type: "number", options: [] }, "12e")).toEqual({ ok: false, problem: "number" });
    expect(readAttributeDraft({ type: "number", options: [] }, "")).toEqual({ ok: true, value: null });
    expect(readAttributeDraft({ type: "date", options: [] }, "2026-02-30")).toEqual({ ok: false, problem: "date" });
    expect(readAttributeDraft({ type: "date", options: [] }, "2026-12-03")).toEqual({ ok: true, value: "2026-12-03" });
    expect(readAttributeDraft({ type: "choice", options: ["Monthly", "Yearly"] }, "yearly")).toEqual({ ok: true, value: "Yearly" });
    expect(readAttributeDraft({ type: "choice", options: ["Monthly"] }, "Weekly")).toEqual({ ok: false, problem: "choice" });
    expect(readAttributeDraft({ type: "text", options: [] }, "x".repeat(501))).toEqual({ ok: false, problem: "tooLong" });
    expect(readAttributeDraft({ type: "boolean", options: [] }, "false")).toEqual({ ok: true, value: false });
  });

  it("starts a field from the value, and tells real days from impossible ones", () => {
    expect(attributeDraft({ type: "number" }, 14)).toBe("14");
    expect(attributeDraft({ type: "text" }, undefined)).toBe("");
    expect(isIsoDay("2028-02-29")).toBe(true);
    expect(isIsoDay("2027-02-29")).toBe(false);
    expect(isIsoDay("3 Dec 2026")).toBe(false);
  });

  it("reads a day as the calendar day it names, in the reader's conventions", async () => {
    const { createFormatter } = await import("next-intl");
    const words = { yes: "Yes", no: "No" };
    const inHonolulu = createFormatter({ locale: "en", timeZone: "Pacific/Honolulu" });
    expect(attributeText(inHonolulu, words, { type: "date" }, "2026-12-03")).toBe("Dec 3, 2026");
    expect(attributeText(createFormatter({ locale: "pt-BR" }), words, { type: "number" }, 1234.5)).toBe("1.234,5");
    expect(attributeText(inHonolulu, words, { type: "boolean" }, false)).toBe("No");
  });
});

describe("the consent in words", () => {
  it("says who set it and how, from the history event that set it", () => {
    const html = renderToStaticMarkup(withIntl(<ConsentStatus consent={contact().consent} history={contact().consentHistory} />, { now: NOW }));
    expect(textOf(html)).toBe("Opted out Opted out: wrote “STOP” on Dec 3, 2026");
  });

  it("keeps the inbox's words for a stop in WhatsApp, and names the team member who opted in", () => {
    const stopped = renderToStaticMarkup(
      withIntl(<ConsentStatus consent={{ state: "opted_out", source: "whatsapp", at: "2026-12-03T10:00:00.000Z" }} />, { now: NOW }),
    );
    expect(textOf(stopped)).toBe("Opted out Stopped marketing messages in WhatsApp on Dec 3, 2026");
    const optedIn = { state: "opted_in", source: "agent", at: "2026-12-04T10:00:00.000Z" } as const;
    const byAna = renderToStaticMarkup(
      withIntl(<ConsentStatus consent={optedIn} history={[event({ id: 2, state: "opted_in", source: "agent", actor: AGENT, detail: "Asked by phone", at: optedIn.at })]} />, { now: NOW }),
    );
    expect(textOf(byAna)).toBe("Opted in Opted in by Ana (team member) on Dec 4, 2026");
  });

  it("falls back on the consent alone when the latest event is not the one in force", () => {
    const story = consentStory({ state: "opted_out", source: "keyword", at: "2026-12-05T00:00:00.000Z" }, [event({ state: "opted_in", source: "agent" })]);
    expect(story).toMatchObject({ state: "opted_out", source: "other", keyword: null });
    expect(consentStory({ state: "unknown", source: null, at: null }, [])).toBeUndefined();
  });

  it("lists the history newest first with each change's note", () => {
    const html = renderToStaticMarkup(
      withIntl(
        <ConsentHistory
          history={[
            event({ id: 2, state: "opted_in", source: "agent", actor: AGENT, detail: "Asked by phone", at: "2026-12-04T10:00:00.000Z" }),
            event({ id: 1 }),
          ]}
        />,
        { now: NOW },
      ),
    );
    expect(textOf(html)).toBe(
      "History Opted in Opted in by Ana (team member) on Dec 4, 2026 Note: “Asked by phone” Opted out Opted out: wrote “STOP” on Dec 3, 2026",
    );
    expect(html).toContain('dir="auto"');
  });

  it("is written in the reader's language", () => {
    const html = renderToStaticMarkup(withIntl(<ConsentStatus consent={contact().consent} history={contact().consentHistory} />, { locale: "es", now: NOW }));
    expect(textOf(html)).toContain("Dado de baja: escribió «STOP» el 3 dic 2026");
  });
});

describe("the contact's page", () => {
  it("shows the record with every part editable for those who may edit", () => {
    const html = renderRecord(contact());
    const text = textOf(html);
    expect(html).toContain('<h1 dir="auto"');
    expect(text).toContain("Maya Thompson Edit name");
    expect(text).toContain("Number +1 415 555 0123");
    expect(html).toContain('aria-label="Copy number"');
    expect(text).toContain("City San Francisco");
    expect(text).toContain("Orders so far 14");
    expect(text).toContain("VIP since Not set");
    expect(html).toContain('aria-label="Edit City"');
    expect(html).toContain('aria-label="Clear City"');
    expect(html).toContain('aria-label="Remove tag VIP"');
    expect(text).toContain("Add tag");
    expect(text).toContain("Mark opted in");
    expect(text).not.toContain("Mark opted out");
    expect(text).toContain("No notes yet.");
    // Only managers delete.
    expect(text).not.toContain("Delete contact");
  });

  it("is read only for those who may not edit, and offers deletion to managers", () => {
    const readOnly = textOf(renderRecord(contact({ can: { edit: false, manage: false } })));
    expect(readOnly).toContain("You can read this contact.");
    expect(readOnly).not.toContain("Edit name");
    expect(readOnly).not.toContain("Add tag");
    expect(readOnly).not.toContain("Mark opted in");
    expect(readOnly).not.toContain("Add note");
    const manager = renderRecord(contact({ displayName: "Maya (wholesale)", can: { edit: true, manage: true } }));
    expect(textOf(manager)).toContain("Maya (wholesale) WhatsApp name: Maya Thompson");
    expect(textOf(manager)).toContain("Delete contact");
  });

  it("lists each conversation with a link into the inbox", () => {
    const html = renderRecord(
      contact({
        conversations: [
          {
            id: "44444444-4444-4444-8444-444444444444",
            phoneNumberId: "106540352242922",
            businessNumber: "+1 555 010 4821",
            status: "open",
            assignee: AGENT,
            lastMessageAt: "2026-12-10T09:00:00.000Z",
            lastInboundAt: null,
          },
        ],
      }),
    );
    expect(textOf(html)).toContain("On +1 555 010 4821 Open Assigned to Ana Last message 3 hours ago Open in inbox");
    expect(html).toContain('href="/inbox/44444444-4444-4444-8444-444444444444"');
  });
});

describe("names, numbers, tags and notes", () => {
  it("names a contact by the team's name, their WhatsApp name, then how to reach them", () => {
    const base = { displayName: null, profileName: null, phoneNumber: null, username: null, userId: null };
    expect(contactName({ ...base, displayName: " ", profileName: "Maya" })).toBe("Maya");
    expect(contactName({ ...base, phoneNumber: "4915112345678", username: "maya" })).toBe("+4915112345678");
    expect(contactName({ ...base, username: "maya", userId: "US.1" })).toBe("@maya");
    expect(contactName({ ...base, userId: "US.1" })).toBe("US.1");
    expect(formatContactPhone("4915112345678")).toBe("+49 1511 2345678");
    expect(formatContactPhone("999")).toBe("+999");
  });

  it("offers the tags not on the contact, matching the search; a new name only when none has it", () => {
    const all = [
      { id: "1", name: "VIP", colour: "violet" as const, contactCount: 3 },
      { id: "2", name: "Wholesale", colour: "teal" as const, contactCount: 1 },
      { id: "3", name: "Berlin pop-up", colour: "amber" as const, contactCount: 0 },
    ];
    expect(addableTags(all, [{ id: "1" }], "").map((tag) => tag.name)).toEqual(["Wholesale", "Berlin pop-up"]);
    expect(addableTags(all, [], " POP").map((tag) => tag.name)).toEqual(["Berlin pop-up"]);
    expect(isNewTagName(all, "vip")).toBe(false);
    expect(isNewTagName(all, "VIP gold")).toBe(true);
    expect(isNewTagName(all, "  ")).toBe(false);
  });

  it("orders notes newest first", () => {
    const note = (id: string, createdAt: string) => ({ id, body: id, author: null, createdAt, updatedAt: createdAt, editable: false });
    expect(newestFirst([note("old", "2026-01-01T00:00:00Z"), note("new", "2026-02-01T00:00:00Z")]).map((entry) => entry.id)).toEqual(["new", "old"]);
  });
});

describe("the inbox's customer panel", () => {
  it("shows the consent in words from the conversation while the record loads, and links to the contact", () => {
    const html = renderWithRecord(<CustomerPanel conversation={conversation()} />, undefined);
    const text = textOf(html);
    // The words the inbox has always used for a stop in WhatsApp, first in their paragraph.
    expect(html).toContain(">Stopped marketing messages in WhatsApp on Dec 3, 2026</p>");
    expect(text).toContain("Marketing Opted out");
    expect(html).toContain(`href="/contacts/${CONTACT_ID}"`);
    expect(text).toContain("Open contact");
    expect(text).toContain("Number +14155550123");
    expect(text).toContain("Window history");
  });

  it("edits tags and attributes in place with the record's components, for those who may", () => {
    const editable = textOf(renderWithRecord(<CustomerPanel conversation={conversation()} />, contact()));
    expect(editable).toContain("Maya Thompson Edit name Open contact");
    expect(editable).toContain("Opted out: wrote “STOP” on Dec 3, 2026");
    expect(editable).toContain("Tags VIP");
    expect(editable).toContain("Add tag");
    expect(editable).toContain("Attributes City San Francisco");
    const readOnly = textOf(renderWithRecord(<CustomerPanel conversation={conversation()} />, contact({ can: { edit: false, manage: false } })));
    expect(readOnly).not.toContain("Edit name");
    expect(readOnly).not.toContain("Add tag");
    expect(readOnly).not.toContain("Mark opted in");
    expect(readOnly).toContain("Attributes City San Francisco");
  });
});
