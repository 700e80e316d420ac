import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import { DEFAULT_OPT_OUT_KEYWORDS } from "@/lib/contacts/keyword-rules";
import type { AttributeDefinitionView } from "@/lib/contacts/views";
import { queryKeys } from "@/lib/query-keys";

import { AttributesSection } from "./attributes-section";
import { KeywordsSection } from "./keywords-section";
import { addChip, keywordLanguages, suggestAttributeKey } from "./settings-rules";

// The sections' server actions are not exercised by rendering; they only need to exist.
vi.mock("@/lib/actions/contacts", () => ({ createAttributeAction: vi.fn(), updateAttributeAction: vi.fn(), deleteAttributeAction: vi.fn() }));
vi.mock("@/lib/actions/contact-consent", () => ({ saveOptOutKeywordsAction: vi.fn() }));

const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();

function renderAttributes(definitions: AttributeDefinitionView[], locale: "en" | "ar" = "en") {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  queryClient.setQueryData(queryKeys.contacts.attributes(), definitions);
  return renderToStaticMarkup(
    withIntl(
      <QueryClientProvider client={queryClient}>
        <AttributesSection />
      </QueryClientProvider>,
      { locale },
    ),
  );
}

describe("an attribute's key suggested from its name", () => {
  it("is snake_case, without accents, starting with a letter", () => {
    expect(suggestAttributeKey("Last order (EU)")).toBe("last_order_eu");
    expect(suggestAttributeKey("  Préférence de café ")).toBe("preference_de_cafe");
    expect(suggestAttributeKey("2nd city")).toBe("attr_2nd_city");
    expect(suggestAttributeKey("a".repeat(60))).toBe("a".repeat(40));
  });

  it("suggests nothing for a name without Latin letters or digits", () => {
    expect(suggestAttributeKey("城市")).toBe("");
    expect(suggestAttributeKey("—")).toBe("");
  });
});

describe("adding a word to a list", () => {
  const limits = { max: 3, maxLength: 10 };
  it("adds it trimmed, and refuses a duplicate whatever its case or width", () => {
    expect(addChip(["STOP"], " baja ", limits)).toEqual({ ok: true, values: ["STOP", "baja"] });
    expect(addChip(["STOP"], "stop", limits)).toEqual({ ok: false, problem: "duplicate" });
    expect(addChip(["STOP"], "ＳＴＯＰ", limits)).toEqual({ ok: false, problem: "duplicate" });
  });

  it("refuses an empty word, one too long and one too many", () => {
    expect(addChip([], "  ", limits)).toEqual({ ok: false, problem: "empty" });
    expect(addChip([], "UNSUBSCRIBE", limits)).toEqual({ ok: false, problem: "tooLong" });
    expect(addChip(["A", "B", "C"], "D", limits)).toEqual({ ok: false, problem: "tooMany" });
  });

  it("shows the usual languages first, then the others saved or by default", () => {
    expect(keywordLanguages({ en: ["STOP"], fr: ["ARRET"] }, { de: ["STOPP"] })).toEqual(["en", "zh", "es", "pt", "ar", "de", "fr"]);
  });
});

describe("the contact settings", () => {
  it("lists the attributes with their key, type and options, and a button for each change", () => {
    const html = renderAttributes([
      { id: "a1", key: "city", name: "City", type: "text", options: [] },
      { id: "a2", key: "plan", name: "Subscription plan", type: "choice", options: ["Monthly", "Yearly"] },
    ]);
    const text = textOf(html);
    expect(html).toContain('aria-label="Custom attributes"');
    expect(text).toContain("Name Key Type Options Actions");
    expect(text).toContain("City city Text —");
    expect(text).toContain("Subscription plan plan Choice Monthly · Yearly");
    expect(html).toContain('aria-label="Edit Subscription plan"');
    expect(html).toContain('aria-label="Delete Subscription plan"');
    expect(text).toContain("Add attribute");
  });

  it("says what to do when there is no attribute yet, in the reader's language", () => {
    expect(textOf(renderAttributes([]))).toContain("No custom attributes yet");
    expect(textOf(renderAttributes([], "ar"))).toContain("لا توجد سمات مخصّصة بعد");
  });

  it("shows each language's keywords with its defaults, and says what a keyword does", () => {
    const html = renderToStaticMarkup(withIntl(<KeywordsSection saved={{ ...DEFAULT_OPT_OUT_KEYWORDS, en: ["STOP"] }} defaults={DEFAULT_OPT_OUT_KEYWORDS} />));
    const text = textOf(html);
    expect(text).toContain("A customer who writes one of these words as their whole message");
    expect(text).toContain("English");
    expect(text).toContain("Defaults: STOP, UNSUBSCRIBE");
    expect(html).toContain('aria-label="Remove STOP"');
    expect(html).toContain('aria-label="Remove 退订"');
    // English was changed from its defaults: they can be put back; Spanish was not.
    expect(html).toContain('aria-label="Restore the defaults of English"');
    expect(html).not.toContain('aria-label="Restore the defaults of Spanish"');
    expect(text).toContain("Arabic Add No default words.");
  });
});
