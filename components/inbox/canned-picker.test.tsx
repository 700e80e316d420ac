import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import { filterCannedResponses, firstLine, insertCannedText, slashQueryAt } from "@/lib/canned-responses/picker";
import type { CannedPickerOption } from "@/lib/canned-responses/views";

import { CannedPickerPopup } from "./canned-picker";

const option = (shortcut: string, body: string, overrides: Partial<CannedPickerOption> = {}): CannedPickerOption => ({
  id: `id-${shortcut}`,
  library: "team",
  shortcut,
  body,
  media: null,
  mediaMissing: false,
  createdBy: null,
  updatedAt: "2026-03-01T10:00:00.000Z",
  editable: false,
  filled: { text: body, missing: [] },
  mediaUsable: false,
  ...overrides,
});

const LIBRARY = [
  option("address", "We are at 12 Baker Street."),
  option("hours", "Open 9–17, *Monday to Friday*.\nClosed on holidays."),
  option("refund-policy", "Refunds within 30 days."),
  option("thanks", "Thanks for your order, see you at the address above!"),
  option("ñandú", "Un saludo desde Asunción"),
];
const shortcuts = (options: readonly { shortcut: string }[]) => options.map((entry) => entry.shortcut);

describe("slashQueryAt", () => {
  it("reads a / at the start of the message or of a line, with spaces before it", () => {
    expect(slashQueryAt("/", 1)).toEqual({ start: 0, end: 1, query: "" });
    expect(slashQueryAt("/ho", 3)).toEqual({ start: 0, end: 3, query: "ho" });
    expect(slashQueryAt("Hi!\n  /ref", 10)).toEqual({ start: 6, end: 10, query: "ref" });
  });

  it("ignores a / inside a line, after a space in the query, or away from the caret", () => {
    expect(slashQueryAt("and/or", 6)).toBeNull();
    expect(slashQueryAt("see /ho", 7)).toBeNull();
    expect(slashQueryAt("/ho there", 9)).toBeNull();
    expect(slashQueryAt("/hours", 0)).toBeNull();
    expect(slashQueryAt("https://x", 9)).toBeNull();
  });
});

describe("filterCannedResponses", () => {
  it("keeps the whole library for an empty query", () => {
    expect(shortcuts(filterCannedResponses(LIBRARY, ""))).toEqual(shortcuts(LIBRARY));
  });

  it("ranks shortcuts that start with the query, then shortcuts that contain it, then texts", () => {
    expect(shortcuts(filterCannedResponses(LIBRARY, "ad"))).toEqual(["address", "thanks"]);
    expect(shortcuts(filterCannedResponses(LIBRARY, "ref"))).toEqual(["refund-policy"]);
    expect(shortcuts(filterCannedResponses(LIBRARY, "re"))).toEqual(["refund-policy", "address", "thanks"]);
    expect(shortcuts(filterCannedResponses(LIBRARY, "address"))).toEqual(["address", "thanks"]);
  });

  it("ignores case and accents, and finds nothing when nothing matches", () => {
    expect(shortcuts(filterCannedResponses(LIBRARY, "HOURS"))).toEqual(["hours"]);
    expect(shortcuts(filterCannedResponses(LIBRARY, "nandu"))).toEqual(["ñandú"]);
    expect(shortcuts(filterCannedResponses(LIBRARY, "asuncion"))).toEqual(["ñandú"]);
    expect(filterCannedResponses(LIBRARY, "zzz")).toEqual([]);
  });
});

describe("inserting a response", () => {
  it("replaces the /query with the text and puts the caret after it", () => {
    expect(insertCannedText("Hello\n/th", { start: 6, end: 9 }, "Thanks!")).toEqual({ text: "Hello\nThanks!", caret: 13 });
    expect(insertCannedText("/th and more", { start: 0, end: 3 }, "Thanks")).toEqual({ text: "Thanks and more", caret: 6 });
  });

  it("shows the first line with text", () => {
    expect(firstLine("\n  \nOpen 9–17\nClosed")).toBe("Open 9–17");
  });
});

describe("CannedPickerPopup", () => {
  const render = (props: Partial<Parameters<typeof CannedPickerPopup>[0]> = {}) =>
    renderToStaticMarkup(
      withIntl(
        <CannedPickerPopup
          id="picker"
          query=""
          options={filterCannedResponses(LIBRARY, props.query ?? "")}
          activeId={undefined}
          state="ready"
          optionId={(entry) => `picker-${entry.id}`}
          onPick={() => {}}
          onHover={() => {}}
          hint="hint"
          {...props}
        />,
      ),
    );

  it("lists the filtered responses as options, each with /shortcut and the first line", () => {
    const html = render({ query: "re", options: filterCannedResponses(LIBRARY, "re"), activeId: "id-refund-policy" });
    expect(html).toContain('role="listbox"');
    expect(html).toContain('aria-label="Canned responses"');
    expect(html.match(/role="option"/g)).toHaveLength(3);
    expect(html).toMatch(/id="picker-id-refund-policy" role="option" aria-selected="true"/);
    expect(html).toContain(">/refund-policy</bdi>");
    expect(html).toContain("Refunds within 30 days.");
    expect(html).toContain("3 canned responses");
    expect(html).not.toContain("hours");
  });

  it("shows the first line only, warns of missing values and of a file from another number", () => {
    const html = render({
      options: [
        option("hours", "Open 9–17.\nClosed on holidays.", { filled: { text: "Open 9–17.\nClosed on holidays.", missing: [] } }),
        option("city", "See you in {{contact.city}}", {
          filled: { text: "See you in {{contact.city}}", missing: ["contact.city"] },
          media: { id: "m1", phoneNumberId: "n2", kind: "image", mimeType: "image/jpeg", fileName: "map.jpg", expiresAt: "2026-04-01T00:00:00.000Z" },
        }),
      ],
    });
    expect(html).not.toContain("Closed on holidays.");
    expect(html).toContain("No value for {{contact.city}}");
    expect(html).toContain("map.jpg cannot be sent from this number");
  });

  it("says when nothing matches, and when the library is empty", () => {
    expect(render({ query: "zzz", options: [] })).toContain("No canned response matches /zzz.");
    expect(render({ state: "none", options: [] })).toContain("No canned responses yet.");
    expect(render({ state: "none", options: [] })).not.toContain('role="listbox"');
  });
});
