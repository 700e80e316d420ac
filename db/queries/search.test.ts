import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "../client";
import { contacts, conversations, conversationSearchDocuments, messages, phoneNumbers, users } from "../schema";
import { testDatabases } from "../test-databases";
import { ALL_CONNECTIONS } from "./connection-access";
import { listConversations } from "./conversations";
import { parseSearch } from "./search";

const now = new Date("2026-03-10T12:00:00Z");
const MINUTE = 60_000;
const ago = (ms: number) => new Date(now.getTime() - ms);

/** Customers who write in the languages the dashboard's customers write in; newest activity first. */
const CUSTOMERS = [
  { waId: "5511900000001", name: "João Conceição", text: "Olá! A encomenda já chegou, mas a caixa está danificada." },
  { waId: "8613800000002", name: "王伟", text: "我的订单什么时候到？请帮我查一下。" },
  { waId: "966500000003", name: "أحمد علي", text: "هل يمكنني تغييرُ عنوان التوصيل؟ رقم الطلب ١٢٣٤" },
  { waId: "819000000004", name: "佐藤 花子", text: "注文はいつ届きますか" },
  { waId: "66800000005", name: "Somchai", text: "ส่งของถึงเมื่อไหร่" },
  { waId: "79000000006", name: "Ольга", text: "Доставка завтра? ЗАКАЗ №77" },
  { waId: "30690000007", name: "Νίκος", text: "Καλημέρα σας, ΠΟΤΕ φτάνει;" },
  { waId: "4915100000008", name: "Jürgen Groß", text: "Die Straße ist gesperrt 🚧, bitte später liefern 👍" },
];

describe.each(testDatabases)("search on $name", (database) => {
  let handle: DatabaseHandle;
  let userId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    handle = await database.open();
    const { db } = handle;
    const [user] = await db.insert(users).values({ email: "s@x.test", name: "Searcher", passwordHash: "x", role: "admin" }).returning();
    userId = user!.id;
    await db.insert(phoneNumbers).values({ id: "pn-s", wabaId: "w", displayPhoneNumber: "+1 555 0100" });
    for (const [index, customer] of CUSTOMERS.entries()) {
      await db.insert(contacts).values({ waId: customer.waId, phoneNumber: customer.waId, profileName: customer.name });
      const at = ago((index + 1) * MINUTE);
      const [row] = await db.insert(conversations).values({ phoneNumberId: "pn-s", waId: customer.waId, lastMessageAt: at, lastInboundAt: at }).returning();
      ids[customer.waId] = row!.id;
      await db.insert(messages).values({ conversationId: row!.id, wamid: `s.${index}`, direction: "inbound", type: "text", content: { text: { body: customer.text } }, sentAt: at });
    }
  });
  afterAll(async () => {
    await handle.close();
  });

  const found = async (search: string) =>
    (await listConversations(handle.db, { userId, scope: ALL_CONNECTIONS, filters: { search }, now })).conversations.map((row) => row.customerName);

  it("finds words whatever their case and accents, and the start of a word", async () => {
    expect(await found("encomenda")).toEqual(["João Conceição"]);
    expect(await found("ENCOMENDA CHEGOU")).toEqual(["João Conceição"]);
    expect(await found("ja chegou")).toEqual(["João Conceição"]);
    expect(await found("danif")).toEqual(["João Conceição"]);
    expect(await found("joao conceicao")).toEqual(["João Conceição"]);
    expect(await found("strasse")).toEqual(["Jürgen Groß"]);
    expect(await found("Straße SPÄTER")).toEqual(["Jürgen Groß"]);
    expect(await found("jurgen gross")).toEqual(["Jürgen Groß"]);
    // Every word must be found: one the conversation lacks leaves it out.
    expect(await found("encomenda pizza")).toEqual([]);
  });

  it("finds Chinese and Japanese by any part of one character or more", async () => {
    expect(await found("订单")).toEqual(["王伟"]);
    expect(await found("什么时候")).toEqual(["王伟"]);
    expect(await found("到")).toEqual(["王伟"]);
    expect(await found("王伟")).toEqual(["王伟"]);
    expect(await found("伟")).toEqual(["王伟"]);
    expect(await found("订到")).toEqual([]);
    expect(await found("届きます")).toEqual(["佐藤 花子"]);
    expect(await found("注文")).toEqual(["佐藤 花子"]);
    expect(await found("花子")).toEqual(["佐藤 花子"]);
    expect(await found("ส่งของ")).toEqual(["Somchai"]);
  });

  it("finds Arabic without its vowel marks, with any alef, and its digits as digits", async () => {
    expect(await found("تغيير عنوان")).toEqual(["أحمد علي"]);
    expect(await found("احمد")).toEqual(["أحمد علي"]);
    expect(await found("1234")).toEqual(["أحمد علي"]);
    expect(await found("التوص")).toEqual(["أحمد علي"]);
  });

  it("folds Greek and Cyrillic capitals and Greek's final sigma", async () => {
    expect(await found("доставка заказ")).toEqual(["Ольга"]);
    expect(await found("ОЛЬГА")).toEqual(["Ольга"]);
    expect(await found("καλημερα ποτε")).toEqual(["Νίκος"]);
    expect(await found("ΣΑΣ")).toEqual(["Νίκος"]);
    expect(await found("νικος")).toEqual(["Νίκος"]);
  });

  it("finds nothing for punctuation or emoji alone, and keeps numbers found by their digits", async () => {
    expect(await found("🚧")).toEqual([]);
    expect(await found("?!")).toEqual([]);
    expect(parseSearch("  ")).toBeNull();
    expect(await found("+86 138")).toEqual(["王伟"]);
  });

  it("adds an edited message's new words, and takes away a deleted message's", async () => {
    const { db } = handle;
    const conversationId = ids["79000000006"]!;
    const [message] = await db
      .insert(messages)
      .values({ conversationId, wamid: "s.edit", direction: "inbound", type: "text", content: { text: { body: "первый вариант" } }, sentAt: ago(30 * MINUTE) })
      .returning();
    expect(await found("вариант")).toEqual(["Ольга"]);
    await db.update(messages).set({ content: { text: { body: "исправленный текст" } } }).where(eq(messages.id, message!.id));
    expect(await found("исправленный")).toEqual(["Ольга"]);
    await db.delete(messages).where(eq(messages.id, message!.id));
    expect(await found("исправленный")).toEqual([]);
    expect(await found("вариант")).toEqual([]);
    expect(await found("доставка")).toEqual(["Ольга"]);
  });

  it("answers the same pages whichever step of the search answers: the newest checked, the matches hashed, or sorted", async () => {
    const plans = [undefined, { firstWalk: 2, secondWalk: 0 }, { firstWalk: 0, secondWalk: 3 }, { firstWalk: 2, secondWalk: 4 }, { firstWalk: 0, secondWalk: 0 }];
    const { db } = handle;
    await db.insert(messages).values(
      Object.values(ids)
        .slice(0, 5)
        .map((id, index) => ({ conversationId: id, wamid: `s.plan.${index}`, direction: "outbound" as const, type: "text", content: { text: { body: "Muito obrigado 谢谢" } }, sentAt: ago(95 * MINUTE) })),
    );
    for (const search of ["obrigado", "谢谢", "ja", "доставка", "+86 138", "muito 谢", "zzz"]) {
      const pages: string[][] = [];
      for (const searchPlan of plans) {
        const ids: string[] = [];
        let cursor = null;
        do {
          const page: Awaited<ReturnType<typeof listConversations>> = await listConversations(db, { userId, scope: ALL_CONNECTIONS, filters: { search }, now, limit: 2, cursor, searchPlan });
          ids.push(...page.conversations.map((row) => row.id));
          cursor = page.nextCursor;
        } while (cursor);
        pages.push(ids);
      }
      for (const other of pages.slice(1)) expect(other, search).toEqual(pages[0]);
    }
    expect((await found("obrigado")).length).toBe(5);
    await db.delete(messages).where(sql`${messages.wamid} like 's.plan.%'`);
  });

  it("answers the same page whether the newest conversations fill it or the index must find them", async () => {
    const { db } = handle;
    // One word in every conversation: a page of two fills from the newest; a page of fifty needs the index.
    for (const id of Object.values(ids)) {
      await db.insert(messages).values({ conversationId: id, wamid: `s.common.${id}`, direction: "outbound", type: "text", content: { text: { body: "Obrigado, thanks, 谢谢" } }, sentAt: ago(90 * MINUTE) });
    }
    const all = (await listConversations(db, { userId, scope: ALL_CONNECTIONS, filters: { search: "谢谢 thanks" }, now })).conversations.map((row) => row.id);
    expect(all).toHaveLength(CUSTOMERS.length);
    const paged: string[] = [];
    let cursor = null;
    do {
      const page: Awaited<ReturnType<typeof listConversations>> = await listConversations(db, { userId, scope: ALL_CONNECTIONS, filters: { search: "谢谢 thanks" }, now, limit: 3, cursor });
      paged.push(...page.conversations.map((row) => row.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    await db.delete(messages).where(sql`${messages.wamid} like 's.common.%'`);
  });

  it("keeps one document per conversation, rebuilt exactly as the triggers wrote it", async () => {
    const { db } = handle;
    const before = await db.select({ id: conversationSearchDocuments.conversationId, document: sql<string>`${conversationSearchDocuments.document}::text` }).from(conversationSearchDocuments).orderBy(conversationSearchDocuments.conversationId);
    expect(before).toHaveLength(CUSTOMERS.length);
    await db.execute(sql`select conversation_search_rebuild()`);
    const after = await db.select({ id: conversationSearchDocuments.conversationId, document: sql<string>`${conversationSearchDocuments.document}::text` }).from(conversationSearchDocuments).orderBy(conversationSearchDocuments.conversationId);
    expect(after).toEqual(before);
  });
});
