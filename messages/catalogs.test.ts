import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";

import { DEFAULT_LOCALE, LOCALES, type Locale } from "@/i18n/locales";

import ar from "./ar.json";
import en from "./en.json";
import es from "./es.json";
import ptBR from "./pt-BR.json";
import zhCN from "./zh-CN.json";

const CATALOGS: Record<Locale, unknown> = { en, "zh-CN": zhCN, es, "pt-BR": ptBR, ar };

/** Words that are the same in every language: product names, codes, units. */
const SAME_IN_EVERY_LANGUAGE = new Set(["Webhook", "Webhooks", "WhatsApp", "Maton", "Meta", "OK", "URL", "ID", "API", "CSV", "PDF", "Graph API", "WABA", "Email", "E-mail"]);

function flatten(value: unknown, prefix = "", into = new Map<string, string>()): Map<string, string> {
  if (typeof value === "string") into.set(prefix, value);
  else if (value && typeof value === "object") {
    for (const [key, nested] of Object.entries(value)) flatten(nested, prefix ? `${prefix}.${key}` : key, into);
  } else into.set(prefix, String(value));
  return into;
}

/** The arguments and tags a message uses: `{count}`, `{name}`, `<strong>`. */
function placeholders(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        into.add(element.value);
        break;
      case TYPE.select:
      case TYPE.plural:
        into.add(element.value);
        for (const option of Object.values(element.options)) placeholders(option.value, into);
        break;
      case TYPE.tag:
        into.add(`<${element.value}>`);
        placeholders(element.children, into);
        break;
      default:
        break;
    }
  }
  return into;
}

const english = flatten(en);

describe("message catalogs", () => {
  it("English has messages", () => {
    expect(english.size).toBeGreaterThan(0);
    expect(LOCALES).toContain(DEFAULT_LOCALE);
  });

  for (const locale of LOCALES) {
    const catalog = flatten(CATALOGS[locale]);

    describe(locale, () => {
      it("has exactly the keys of English", () => {
        const missing = [...english.keys()].filter((key) => !catalog.has(key));
        const extra = [...catalog.keys()].filter((key) => !english.has(key));
        expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      });

      it("has no empty message and every message parses as ICU", () => {
        const problems: string[] = [];
        for (const [key, text] of catalog) {
          if (text.trim() === "") problems.push(`${key}: empty`);
          try {
            parse(text);
          } catch (error) {
            problems.push(`${key}: ${(error as Error).message}`);
          }
        }
        expect(problems).toEqual([]);
      });

      it("uses the same placeholders as English in every message", () => {
        const differing: string[] = [];
        for (const [key, text] of catalog) {
          const source = english.get(key);
          if (source === undefined) continue;
          const theirs = [...placeholders(parse(text))].sort().join(", ");
          const ours = [...placeholders(parse(source))].sort().join(", ");
          if (theirs !== ours) differing.push(`${key}: {${theirs}} where English has {${ours}}`);
        }
        expect(differing).toEqual([]);
      });

      if (locale !== DEFAULT_LOCALE) {
        it("is translated (no English left in place)", () => {
          const untranslated = [...catalog].filter(([key, text]) => {
            const source = english.get(key);
            if (text !== source || SAME_IN_EVERY_LANGUAGE.has(text.trim())) return false;
            // Only text with words in it: "{count}", "·", "24 h" read the same everywhere.
            return /[A-Za-z]{3,}/.test(text.replace(/\{[^}]*\}/g, ""));
          });
          expect(untranslated.map(([key]) => key)).toEqual([]);
        });
      }
    });
  }
});
