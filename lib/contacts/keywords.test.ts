import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { ALL_CONNECTIONS } from "@/db/queries/connection-access";
import { writeSetting } from "@/db/queries/app-settings";
import { insertUser } from "@/db/queries/users";
import { auditLog } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";

import type { ContactActor } from "./access";
import { checkOptOutKeywords, DEFAULT_OPT_OUT_KEYWORDS, KEYWORD_LIMITS, matchOptOutKeyword, normaliseKeyword } from "./keyword-rules";
import { OPT_OUT_KEYWORDS_SETTING, readOptOutKeywords, saveOptOutKeywords } from "./keywords";

describe("matchOptOutKeyword", () => {
  const match = (text: string) => matchOptOutKeyword(text, DEFAULT_OPT_OUT_KEYWORDS);

  it("matches a whole message equal to a keyword, whatever its case, and answers the keyword as configured", () => {
    expect(match("STOP")).toBe("STOP");
    expect(match("stop")).toBe("STOP");
    expect(match("Unsubscribe")).toBe("UNSUBSCRIBE");
    expect(match("parar")).toBe("PARAR");
  });

  it("ignores punctuation and spaces around the message, not inside it", () => {
    expect(match("STOP!")).toBe("STOP");
    expect(match("  stop.  ")).toBe("STOP");
    expect(match("¡Baja!")).toBe("BAJA");
    expect(match("Baja.")).toBe("BAJA");
    expect(match("\"stop\"")).toBe("STOP");
    expect(match("S.T.O.P")).toBeUndefined();
  });

  it("matches Chinese, with Chinese punctuation and full-width letters (NFKC)", () => {
    expect(match("退订")).toBe("退订");
    expect(match("退订。")).toBe("退订");
    expect(match("ＳＴＯＰ")).toBe("STOP");
  });

  it("does not match a message that only contains a keyword", () => {
    expect(match("stop please")).toBeUndefined();
    expect(match("please stop")).toBeUndefined();
    expect(match("stopped")).toBeUndefined();
    expect(match("")).toBeUndefined();
    expect(match("!!!")).toBeUndefined();
  });

  it("keeps accents: BAJÁ is not BAJA, unless it is a keyword of its own", () => {
    expect(match("bajá")).toBeUndefined();
    expect(matchOptOutKeyword("Bajá", { es: ["BAJÁ"] })).toBe("BAJÁ");
  });

  it("applies every language's keywords to every message, and none when there are none", () => {
    expect(matchOptOutKeyword("arrêt", { en: ["STOP"], fr: ["ARRÊT"] })).toBe("ARRÊT");
    expect(matchOptOutKeyword("stop", {})).toBeUndefined();
    expect(matchOptOutKeyword("stop", { en: [] })).toBeUndefined();
  });

  it("upper-cases the same way whatever the locale: an i is an I, never a Turkish İ", () => {
    expect(normaliseKeyword("quit")).toBe("QUIT");
    expect(matchOptOutKeyword("QUİT", { en: ["QUIT"] })).toBeUndefined();
  });
});

describe("checkOptOutKeywords", () => {
  const problem = (keywords: Record<string, string[]>) => {
    const checked = checkOptOutKeywords(keywords);
    return checked.ok ? undefined : { field: checked.problem.field, key: checked.problem.message.key, values: checked.problem.message.values };
  };

  it("keeps each keyword trimmed, and a language emptied as having none", () => {
    expect(checkOptOutKeywords({ en: [" STOP ", "quit"], es: [] })).toEqual({ ok: true, keywords: { en: ["STOP", "quit"], es: [] } });
  });

  it("names the keyword at fault: too long, empty, or the same as another once compared as messages are", () => {
    expect(problem({ en: ["STOP", "x".repeat(KEYWORD_LIMITS.keywordLength + 1)] })).toEqual({
      field: "keywords.en.1",
      key: "contacts.keywords.tooLong",
      values: { maximum: KEYWORD_LIMITS.keywordLength },
    });
    expect(problem({ en: ["STOP", " ?! "] })).toMatchObject({ field: "keywords.en.1", key: "contacts.keywords.empty" });
    expect(problem({ es: ["BAJA", "baja!"] })).toEqual({ field: "keywords.es.1", key: "contacts.keywords.duplicate", values: { keyword: "baja!" } });
  });

  it("refuses too many keywords in a language, too many languages, and a language that is no code", () => {
    const many = Array.from({ length: KEYWORD_LIMITS.keywordsPerLanguage + 1 }, (_, index) => `WORD${index}`);
    expect(problem({ en: many })).toEqual({ field: "keywords.en", key: "contacts.keywords.tooMany", values: { maximum: KEYWORD_LIMITS.keywordsPerLanguage } });
    const languages = Object.fromEntries(Array.from({ length: KEYWORD_LIMITS.languages + 1 }, (_, index) => [`l${String.fromCharCode(97 + index)}`, ["STOP"]]));
    expect(problem(languages)).toMatchObject({ field: "keywords", key: "contacts.keywords.tooManyLanguages" });
    expect(problem({ "English!": ["STOP"] })).toEqual({ field: "keywords", key: "contacts.keywords.languageInvalid", values: { language: "English!" } });
    expect(checkOptOutKeywords({ "pt-BR": ["PARAR"], "zh-Hant": ["退訂"] }).ok).toBe(true);
  });
});

describe.each(testDatabases)("opt-out keywords kept on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  let admin: ContactActor;
  let marketer: ContactActor;

  beforeAll(async () => {
    handle = await testDatabase.open();
    const person = async (role: "admin" | "marketer"): Promise<ContactActor> => {
      const user = (await insertUser(handle.db, { email: `${role}@keywords.test`, name: `The ${role}`, passwordHash: "x", role }))!;
      return { id: user.id, name: user.name, email: user.email, role, connections: ALL_CONNECTIONS };
    };
    admin = await person("admin");
    marketer = await person("marketer");
  });
  afterAll(async () => {
    await handle.close();
  });

  it("reads the defaults until an admin saves a list, then that list, audited with before and after", async () => {
    expect(await readOptOutKeywords(handle.db)).toEqual(DEFAULT_OPT_OUT_KEYWORDS);
    const saved = await saveOptOutKeywords(handle.db, admin, { en: [" STOP ", "CANCEL"], es: ["BAJA"], fr: ["ARRÊT"] });
    expect(saved).toEqual({ en: ["STOP", "CANCEL"], es: ["BAJA"], fr: ["ARRÊT"] });
    expect(await readOptOutKeywords(handle.db)).toEqual(saved);
    const [entry] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "contacts.opt_out_keywords_changed"));
    expect(entry).toMatchObject({ actorId: admin.id, details: { from: DEFAULT_OPT_OUT_KEYWORDS, to: saved } });
  });

  it("refuses a marketer and a list with a problem, keeping what was saved", async () => {
    const before = await readOptOutKeywords(handle.db);
    await expect(saveOptOutKeywords(handle.db, marketer, { en: ["STOP"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveOptOutKeywords(handle.db, admin, { en: ["STOP", "stop!"] })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "keywords.en.1" });
    expect(await readOptOutKeywords(handle.db)).toEqual(before);
  });

  it("falls back to the defaults when the stored value cannot be read", async () => {
    await writeSetting(handle.db, OPT_OUT_KEYWORDS_SETTING, "{not json");
    expect(await readOptOutKeywords(handle.db)).toEqual(DEFAULT_OPT_OUT_KEYWORDS);
    await writeSetting(handle.db, OPT_OUT_KEYWORDS_SETTING, JSON.stringify({ en: "STOP" }));
    expect(await readOptOutKeywords(handle.db)).toEqual(DEFAULT_OPT_OUT_KEYWORDS);
  });
});
