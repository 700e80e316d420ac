import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

import { TagChip } from "@/components/contacts/tags/tag-chip";
import { withIntl } from "@/components/i18n/test-intl";
import type { ConversationLabelView } from "@/lib/inbox/label-views";
import { queryKeys } from "@/lib/query-keys";

import { LabelChip } from "./label-chip";
import { LabelsManager } from "./labels-manager";

// Rendering never runs the actions; they only need to exist.
vi.mock("@/lib/actions/conversation-labels", () => ({ createLabelAction: vi.fn(), updateLabelAction: vi.fn(), deleteLabelAction: vi.fn() }));

const BILLING: ConversationLabelView = { id: "5f0c6a52-7d1e-4b8a-9c3f-1a2b3c4d5e6f", name: "Billing", color: "violet", conversationCount: 3 };
const URGENT: ConversationLabelView = { id: "6a1d7b63-8e2f-4c9b-8d4a-2b3c4d5e6f70", name: "Urgent", color: "red", conversationCount: 0 };

const textOf = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();

function render(node: ReactElement, client = new QueryClient()) {
  return renderToStaticMarkup(withIntl(<QueryClientProvider client={client}>{node}</QueryClientProvider>));
}

function renderLabels(labels: ConversationLabelView[]) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  client.setQueryData(queryKeys.inbox.labels(), labels);
  return render(<LabelsManager />, client);
}

describe("the labels' settings", () => {
  it("lists each label with the conversations carrying it, and its edit and delete buttons", () => {
    const html = renderLabels([BILLING, URGENT]);
    expect(html).toContain('aria-label="Conversation labels"');
    expect(textOf(html)).toContain("Billing 3 conversations");
    expect(textOf(html)).toContain("Urgent None");
    expect(html).toContain(`href="/inbox?status=all&amp;label=${BILLING.id}"`);
    expect(html).toContain('aria-label="See the 3 conversations labelled Billing"');
    expect(html).toContain('aria-label="Edit Billing"');
    expect(html).toContain('aria-label="Delete Urgent"');
    expect(html).toContain(`data-label-id="${BILLING.id}"`);
    expect(textOf(html)).toContain("New label");
  });

  it("offers to create the first label when there is none", () => {
    const text = textOf(renderLabels([]));
    expect(text).toContain("No labels yet");
    expect(text.match(/New label/g)).toHaveLength(2);
  });
});

describe("the coloured chips", () => {
  it("draws a label square-cornered and a tag round, each in its colour with its own name", () => {
    const label = render(<LabelChip label={{ name: "Billing", color: "violet" }} className="text-sm" />);
    expect(label).toMatch(/^<span class="[^"]*rounded-sm[^"]*" data-slot="label-chip" data-color="violet">/);
    expect(label).toContain("bg-violet-50");
    expect(label).toContain("text-sm");
    expect(label).not.toContain("text-[0.7rem]");
    expect(label).toContain('<span dir="auto" class="truncate">Billing</span>');

    const tag = render(<TagChip tag={{ name: "VIP", colour: "teal" }} action={<button type="button">x</button>} />);
    expect(tag).toMatch(/^<span class="[^"]*rounded-full[^"]*" data-slot="tag-chip" data-colour="teal">/);
    expect(tag).toContain("size-1.5");
    expect(tag).toContain('<span dir="auto" class="truncate">VIP</span><button type="button">x</button>');
  });
});
