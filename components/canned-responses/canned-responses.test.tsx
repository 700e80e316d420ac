import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import { cannedLibraryKey } from "@/lib/canned-responses/query-keys";
import type { CannedResponseView } from "@/lib/canned-responses/views";

import { CannedResponsesSettings } from "./canned-responses-settings";

// The components' server actions are not exercised by rendering; they only need to exist.
vi.mock("@/lib/actions/canned-responses", () => ({ createCannedResponseAction: vi.fn(), updateCannedResponseAction: vi.fn(), deleteCannedResponseAction: vi.fn() }));

const response = (shortcut: string, body: string, overrides: Partial<CannedResponseView> = {}): CannedResponseView => ({
  id: `id-${shortcut}`,
  library: "team",
  shortcut,
  body,
  media: null,
  mediaMissing: false,
  createdBy: null,
  updatedAt: "2026-03-01T10:00:00.000Z",
  editable: false,
  ...overrides,
});

function render(canManageTeam: boolean, team: CannedResponseView[]) {
  const queryClient = new QueryClient();
  queryClient.setQueryData(cannedLibraryKey("team"), team);
  queryClient.setQueryData(cannedLibraryKey("personal"), []);
  return renderToStaticMarkup(
    withIntl(
      <QueryClientProvider client={queryClient}>
        <CannedResponsesSettings canManageTeam={canManageTeam} />
      </QueryClientProvider>,
    ),
  );
}

const TEAM = [
  response("hours", "We are open *9 to 5*.", { media: { id: "m1", phoneNumberId: "n1", kind: "image", mimeType: "image/jpeg", fileName: "hours.jpg", expiresAt: "2026-04-01T00:00:00.000Z" } }),
  response("gone", "Our old menu", { mediaMissing: true }),
];

describe("CannedResponsesSettings", () => {
  it("shows the team library with WhatsApp formatting, attachments, and a marketer's controls", () => {
    const html = render(true, TEAM);
    expect(html).toContain('role="tab"');
    expect(html).toContain('aria-label="Team canned responses"');
    expect(html).toContain("<strong><span>9 to 5</span></strong>");
    expect(html).not.toContain("*9 to 5*");
    expect(html).toContain("hours.jpg");
    expect(html).toContain("File no longer available");
    expect(html).toContain("New response");
    expect(html).toContain('aria-label="Edit /hours"');
    expect(html).toContain('aria-label="Delete /gone"');
  });

  it("shows agents the team library read-only", () => {
    const html = render(false, TEAM);
    expect(html).toContain("Marketers and admins keep the team library.");
    expect(html).not.toContain("New response");
    expect(html).not.toContain("Edit /hours");
  });

  it("says what an empty library is for", () => {
    expect(render(true, [])).toContain("No team responses yet");
  });
});
