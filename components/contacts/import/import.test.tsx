import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import type { Locale } from "@/i18n/locales";
import type { AttributeDefinitionView, ContactImportView } from "@/lib/contacts/views";
import { queryKeys } from "@/lib/query-keys";

import { IMPORT_MAX_BYTES, refuseImportFile } from "../import-api";
import { importPercent } from "./import-parts";
import { ImportScreen } from "./import-screen";
import { ImportsTable } from "./imports-table";
import { acceptedLanguages, compactHeader, defaultCountryGuess, guessMapping, mappingProblems, phoneColumn, withChoice } from "./mapping";
import type { CountryOption } from "./mapping-step";

// Rendering runs no action and no navigation; they only need to exist.
vi.mock("@/lib/actions/contact-imports", () => ({ startContactImportAction: vi.fn(), discardContactImportAction: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {}, push: () => {} }) }));

const NOW = new Date("2026-03-02T12:00:00.000Z");
const ID = "0b7d5b4e-9a43-4f59-9f3e-5d1c7b2a1e00";

const attribute = (key: string, name: string): AttributeDefinitionView => ({ id: `attr-${key}`, key, name, type: "text", options: [] });
const ATTRIBUTES = [attribute("city", "City"), attribute("loyalty_tier", "Loyalty tier")];

const importView = (overrides: Partial<ContactImportView> = {}): ContactImportView => ({
  id: ID,
  fileName: "spring-fair.csv",
  fileSize: 2048,
  status: "uploaded",
  columns: ["Name", "Mobile", "Tags", "Loyalty tier", "Notes"],
  previewRows: [
    ["Ana Souza", "+55 11 91234 5678", "vip;fair", "gold", "met at the stand"],
    ["محمد", "612 34 56 78", "", "", ""],
  ],
  totalRows: 12480,
  mapping: null,
  defaultCountry: null,
  processedRows: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  rejected: 0,
  error: null,
  createdBy: { id: "u1", name: "Mia Marketer" },
  createdAt: "2026-03-02T11:00:00.000Z",
  startedAt: null,
  finishedAt: null,
  ...overrides,
});

const COUNTRIES: CountryOption[] = [
  { code: "BR", name: "Brazil", callingCode: "55" },
  { code: "ES", name: "Spain", callingCode: "34" },
];

/** The text a person reads, tags and entities aside (inline isolation adds no space). */
const textOf = (html: string) =>
  html
    .replace(/<\/?bdi[^>]*>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ")
    .trim();

/** Renders with the queries already answered, as a page hands them over after its prefetch. */
function render(node: ReactElement, data: Array<[readonly unknown[], unknown]>, locale: Locale = "en") {
  const client = new QueryClient();
  for (const [key, value] of data) client.setQueryData(key, value);
  return renderToStaticMarkup(withIntl(<QueryClientProvider client={client}>{node}</QueryClientProvider>, { locale, now: NOW }));
}

const screen = (view: ContactImportView, locale: Locale = "en") =>
  render(
    <ImportScreen importId={ID} countries={COUNTRIES} suggestedCountry="ES" />,
    [
      [queryKeys.contacts.import(ID), view],
      [queryKeys.contacts.attributes(), ATTRIBUTES],
    ],
    locale,
  );

describe("guessing the mapping from the header", () => {
  it("recognises the usual headers, in the product's languages, whatever their case and spacing", () => {
    expect(guessMapping(["Name", "Phone Number", "TAGS", "Marketing consent"], [])).toEqual({ "0": "name", "1": "phone", "2": "tags", "3": "consent" });
    expect(guessMapping(["nombre", "teléfono", "etiquetas"], [])).toEqual({ "0": "name", "1": "phone", "2": "tags" });
    expect(guessMapping(["姓名", "手机"], [])).toEqual({ "0": "name", "1": "phone" });
    expect(guessMapping(["whatsapp"], [])).toEqual({ "0": "phone" });
    expect(compactHeader(" Phone_number ")).toBe("phonenumber");
  });

  it("maps a custom attribute by its key or its name, before any guess from common words", () => {
    expect(guessMapping(["loyalty_tier", "City"], ATTRIBUTES)).toEqual({ "0": "attribute:loyalty_tier", "1": "attribute:city" });
    const numberAttribute = attribute("member_number", "Member number");
    expect(guessMapping(["Member number", "Mobile"], [numberAttribute])).toEqual({ "0": "attribute:member_number", "1": "phone" });
  });

  it("finds the phone column by a word in a longer header, and gives each field to the first column only", () => {
    expect(guessMapping(["Customer", "Customer mobile (work)"], [])).toEqual({ "1": "phone" });
    expect(guessMapping(["Phone", "Mobile", "Name", "name"], [])).toEqual({ "0": "phone", "2": "name" });
    expect(guessMapping(["Notes", ""], [])).toEqual({});
  });
});

describe("checking a mapping before it starts", () => {
  it("asks for exactly one phone column and each field once", () => {
    expect(mappingProblems({})).toEqual([{ kind: "noPhone" }]);
    expect(mappingProblems({ "0": "phone", "1": "name" })).toEqual([]);
    expect(mappingProblems({ "0": "phone", "3": "tags", "1": "tags", "2": "phone" })).toEqual([
      { kind: "duplicate", field: "phone", columns: [0, 2] },
      { kind: "duplicate", field: "tags", columns: [1, 3] },
    ]);
    expect(phoneColumn({ "2": "phone" })).toBe(2);
    expect(phoneColumn({ "0": "phone", "2": "phone" })).toBeUndefined();
  });

  it("changes one column's choice, and leaves a column out with Ignore", () => {
    const mapping = { "0": "name", "1": "phone" } as const;
    expect(withChoice(mapping, 2, "tags")).toEqual({ "0": "name", "1": "phone", "2": "tags" });
    expect(withChoice(mapping, 0, "")).toEqual({ "1": "phone" });
    expect(mapping).toEqual({ "0": "name", "1": "phone" });
  });
});

describe("the default country offered", () => {
  const known = new Set(["BR", "ES", "US", "MX", "CN"]);

  it("reads the browser's languages in order of preference", () => {
    expect(acceptedLanguages("es-MX,es;q=0.9,en;q=0.8")).toEqual(["es-MX", "es", "en"]);
    expect(acceptedLanguages("en;q=0.5, pt-BR, *;q=0.1")).toEqual(["pt-BR", "en"]);
    expect(acceptedLanguages(null)).toEqual([]);
  });

  it("prefers the country used last, then the region of the reader's languages", () => {
    expect(defaultCountryGuess({ lastUsed: "BR", languages: ["es-MX"], known })).toBe("BR");
    expect(defaultCountryGuess({ lastUsed: null, languages: ["es-MX", "en"], known })).toBe("MX");
    expect(defaultCountryGuess({ lastUsed: null, languages: ["es"], known })).toBe("ES");
    expect(defaultCountryGuess({ lastUsed: null, languages: ["zh-Hans"], known })).toBe("CN");
    expect(defaultCountryGuess({ lastUsed: "ZZ", languages: ["fr-FR"], known })).toBeUndefined();
  });
});

describe("checking a file before it is sent", () => {
  it("takes a CSV up to 50 MB and refuses other files, empty files and bigger ones", () => {
    expect(refuseImportFile({ name: "contacts.CSV", size: 10, type: "" })).toBeUndefined();
    expect(refuseImportFile({ name: "export", size: 10, type: "text/csv" })).toBeUndefined();
    expect(refuseImportFile({ name: "contacts.xlsx", size: 10, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" })).toEqual({
      kind: "notCsv",
    });
    expect(refuseImportFile({ name: "contacts.csv", size: 0, type: "text/csv" })).toEqual({ kind: "empty" });
    expect(refuseImportFile({ name: "contacts.csv", size: IMPORT_MAX_BYTES, type: "text/csv" })).toBeUndefined();
    expect(refuseImportFile({ name: "contacts.csv", size: IMPORT_MAX_BYTES + 1, type: "text/csv" })).toEqual({ kind: "tooBig", maximum: IMPORT_MAX_BYTES });
  });
});

describe("the mapping step", () => {
  it("shows the first rows under a field select per column, preselected from the header, with the summary", () => {
    const html = screen(importView());
    const text = textOf(html);
    expect(text).toContain("12,480 rows; phone from column “Mobile”");
    expect(html).toMatch(/<select [^>]*aria-label="Field for column “Mobile”"[^>]*>.*?<option value="phone" selected="">Phone number<\/option>/);
    expect(html).toMatch(/aria-label="Field for column “Loyalty tier”"[^>]*>.*?<option value="attribute:loyalty_tier" selected="">Loyalty tier<\/option>/);
    expect(html).toMatch(/aria-label="Field for column “Notes”"[^>]*>.*?<option value="" selected="">Ignore<\/option>/);
    expect(html).toContain('<option value="ES" selected="">Spain (+34)</option>');
    // Customer text keeps its own direction.
    expect(html).toContain('<td dir="auto" title="محمد"');
    expect(text).toContain("Start import");
    expect(text).toContain("Discard");
    expect(text).toContain("Showing the first 2 of 12,480 rows.");
  });

  it("asks for the phone column when no header names one", () => {
    const text = textOf(screen(importView({ columns: ["A", "B"], previewRows: [["x", "y"]], totalRows: 1 })));
    expect(text).toContain("1 row; choose the column that holds the phone numbers.");
  });

  it("is written in the reader's language", () => {
    const text = textOf(screen(importView(), "es"));
    expect(text).toContain("12.480 filas; teléfono de la columna “Mobile”");
    expect(text).toContain("Empezar la importación");
  });
});

describe("a running import", () => {
  it("shows a labelled progress bar with the rows processed and the counts so far", () => {
    const html = screen(importView({ status: "running", processedRows: 3000, created: 2500, updated: 400, unchanged: 50, rejected: 50 }));
    expect(html).toContain('role="progressbar" aria-label="Import progress" aria-valuemin="0" aria-valuemax="12480" aria-valuenow="3000" aria-valuetext="3,000 of 12,480 rows"');
    const text = textOf(html);
    expect(text).toContain("3,000 of 12,480 rows processed");
    expect(text).toContain("2,500 created 400 updated 50 unchanged 50 rejected");
    expect(importPercent({ processedRows: 3000, totalRows: 12480 })).toBe(24);
    expect(importPercent({ processedRows: 0, totalRows: 0 })).toBe(0);
  });
});

describe("a finished import", () => {
  it("says what it did, and offers the rejected rows only when there are some", () => {
    const done = { status: "finished", processedRows: 5, totalRows: 5, created: 3, rejected: 2, finishedAt: "2026-03-02T11:30:00.000Z" } as const;
    const html = screen(importView(done));
    const text = textOf(html);
    expect(text).toContain("Import finished");
    expect(text).toContain("3 created 0 updated 0 unchanged 2 rejected");
    expect(text).toContain("2 rows were rejected.");
    expect(html).toContain(`href="/api/contacts/imports/${ID}/rejects" download=""`);
    expect(text).toContain("See the contacts");

    const clean = screen(importView({ ...done, created: 0, unchanged: 5, rejected: 0 }));
    expect(textOf(clean)).toContain("0 created 0 updated 5 unchanged 0 rejected");
    expect(clean).not.toContain("/rejects");
  });

  it("counts in Arabic with the plural forms and the numbers isolated", () => {
    const html = screen(importView({ status: "finished", processedRows: 5, totalRows: 5, created: 3, rejected: 2 }), "ar");
    expect(textOf(html)).toContain("مرفوضة");
    expect(html).toContain('<bdi dir="ltr"');
  });
});

describe("a failed import", () => {
  it("gives the reason and what to do", () => {
    const text = textOf(screen(importView({ status: "failed", error: "The file is no longer on the server." })));
    expect(text).toContain("The import stopped");
    expect(text).toContain("The file is no longer on the server.");
    expect(text).toContain("No contacts were changed.");
    expect(text).toContain("Import a file");
  });
});

describe("the imports list", () => {
  it("lists each file with who, status, a bar while it runs, and its counts", () => {
    const html = render(<ImportsTable />, [
      [
        queryKeys.contacts.imports(),
        [
          importView({ id: "a", status: "running", processedRows: 1000, created: 900, rejected: 3 }),
          importView({ id: "b", fileName: "old.csv", status: "finished", processedRows: 5, totalRows: 5, created: 3, rejected: 2 }),
        ],
      ],
    ]);
    expect(html).toContain('aria-label="Imports"');
    const text = textOf(html);
    expect(text).toContain("File When By Status Created Updated Unchanged Rejected");
    expect(text).toContain("spring-fair.csv 1 hour ago Mia Marketer Importing 900 0 0 3");
    expect(text).toContain("old.csv 1 hour ago Mia Marketer Finished 3 0 0 2");
    expect(html).toContain('aria-label="Progress of spring-fair.csv"');
    expect(html).toContain('href="/contacts/imports/b"');
  });

  it("has a clear empty state leading to an import", () => {
    const html = render(<ImportsTable />, [[queryKeys.contacts.imports(), []]]);
    expect(textOf(html)).toContain("No imports yet");
    expect(html).toContain('href="/contacts/imports/new"');
  });
});
