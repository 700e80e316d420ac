import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";

import { LOCALES, type Locale } from "@/i18n/locales";
import type { Translate } from "@/lib/i18n/translatable";
import ar from "@/messages/ar.json";
import en from "@/messages/en.json";
import es from "@/messages/es.json";
import ptBR from "@/messages/pt-BR.json";
import zhCN from "@/messages/zh-CN.json";

import {
  ERROR_TABLE,
  EXPLAINED_GRAPH_CODES,
  explainGraphError,
  explainKnownGraphError,
  explainMatonError,
  explanationWords,
  formatErrorLabel,
  type ErrorExplanation,
} from "./errors";

const CATALOGS = { en, "zh-CN": zhCN, es, "pt-BR": ptBR, ar } as const;
const translator = (locale: Locale) => createTranslator({ locale, messages: CATALOGS[locale] as typeof en }) as unknown as Translate;
const english = (explained: ErrorExplanation) => explanationWords(translator("en"), explained);

const REQUIRED_GRAPH_CODES = [
  131047, 131026, 131030, 131031, 131051, 131052, 131053, 132000, 132001, 132005, 132007, 132012, 132015, 132016, 133010,
  130429, 131056, 80007, 0, 190, 100, 368,
];

describe("error table", () => {
  it.each(REQUIRED_GRAPH_CODES)("explains Graph code %i in plain words with an action", (code) => {
    expect(EXPLAINED_GRAPH_CODES).toContain(code);
    const explained = english(explainGraphError(code));
    expect(explained.title.length).toBeGreaterThan(3);
    expect(explained.explanation).toMatch(/\.$/);
    expect(explained.action.length).toBeGreaterThan(5);
    expect(explained.explanation).not.toMatch(/OAuthException|#\d+/);
  });

  it.each([400, 401, 404, 429])("explains the Maton gateway answer %i", (status) => {
    const explained = explainMatonError(status);
    expect(explained).toBe(ERROR_TABLE[`maton:${status}` as keyof typeof ERROR_TABLE]);
  });

  it("tells a 401 from Maton to check MATON_API_KEY", () => {
    expect(english(explainMatonError(401)).action).toContain("MATON_API_KEY");
  });

  it("tells to relink the account for token problems", () => {
    expect(english(explainGraphError(190)).action).toMatch(/Relink/);
    expect(english(explainGraphError(0)).action).toMatch(/Relink/);
  });

  it("marks rate limits as worth retrying later", () => {
    for (const code of [130429, 131056, 80007]) expect(explainGraphError(code).retryLater).toBe(true);
    expect(explainGraphError(131047).retryLater).toBe(false);
  });

  it("falls back by status for unknown codes", () => {
    expect(english(explainGraphError(424242, 400)).title).toBe("WhatsApp error");
    expect(explainGraphError(undefined, 503)).toBe(ERROR_TABLE["maton:5xx"]);
    expect(explainMatonError(418)).toBe(ERROR_TABLE["maton:other"]);
    expect(explainMatonError(500)).toBe(ERROR_TABLE["maton:5xx"]);
  });

  it("knows a stored code, as a number or as text, and nothing else", () => {
    expect(explainKnownGraphError(131047)).toBe(ERROR_TABLE["131047"]);
    expect(explainKnownGraphError("131051")).toBe(ERROR_TABLE["131051"]);
    for (const unknown of [424242, "abc", "", null, undefined]) expect(explainKnownGraphError(unknown)).toBeUndefined();
  });

  it("shows the code and title together", () => {
    expect(formatErrorLabel(131047, "24-hour window closed")).toBe("131047 · 24-hour window closed");
  });
});

describe("the table's words", () => {
  it("are the same English as before they moved into the catalog", () => {
    expect(english(ERROR_TABLE["131047"])).toEqual({
      title: "24-hour window closed",
      explanation: "More than 24 hours have passed since the customer last wrote, so WhatsApp only allows approved templates.",
      action: "Send an approved template; free-form replies work again once the customer answers.",
    });
  });

  it.each(LOCALES)("exist for every entry in %s, each its own sentence", (locale) => {
    const t = translator(locale);
    for (const explained of Object.values(ERROR_TABLE)) {
      const words = explanationWords(t, explained);
      for (const text of Object.values(words)) {
        // A missing message comes back as its key.
        expect(text).not.toContain(explained.key);
        expect(text.trim().length).toBeGreaterThan(1);
      }
    }
  });

  it("come in the reader's language", () => {
    expect(explanationWords(translator("es"), ERROR_TABLE["131047"]).title).toBe("Ventana de 24 horas cerrada");
    expect(explanationWords(translator("es"), "maton.401").action).toContain("MATON_API_KEY");
  });
});
