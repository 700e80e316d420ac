import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { findUserByEmail } from "@/db/queries/users";
import { apiIdempotencyKeys, apiTokens, users } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { testDatabases } from "@/db/test-databases";
import { ActionError } from "@/lib/actions/errors";
import { createApiToken } from "@/lib/api-tokens/service";
import { NOT_FOUND_MESSAGES, NotFoundError } from "@/lib/auth/connection-access";
import { GraphError, MatonError } from "@/lib/gateway";
import { message } from "@/lib/i18n/translatable";
import { inEnglish } from "@/lib/i18n/translators";
import { OutboundRefusal } from "@/lib/inbox/outbound";
import { z } from "@/lib/zod";
import en from "@/messages/en.json";
import es from "@/messages/es.json";
import ptBR from "@/messages/pt-BR.json";

import { defineOperation } from "./operation";
import { decodeCursor, encodeCursor, listOf, pageQuery } from "./pagination";
import { PROBLEM_CONTENT_TYPE, problemSchema } from "./problem";
import { serve } from "./serve";

const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
// The API reads no session: Auth.js (which needs Next's runtime) is never asked.
vi.mock("@/auth", () => ({ auth: async () => null }));

/** A gate a test opens when it chooses: how a handler is held mid-call without waiting on time. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const calls = vi.hoisted(() => ({ create: 0, failNext: false, held: undefined as undefined | { entered: () => void; opened: Promise<void> } }));

const item = z.object({ n: z.number().int() });
const listNumbers = serve(
  defineOperation({
    method: "GET",
    path: "/numbers",
    operationId: "listNumbers",
    summary: "Numbers",
    tag: "Test",
    capability: "inbox.use",
    query: pageQuery.extend({ parity: z.enum(["even", "odd"]).optional() }),
    success: { status: 200, description: "numbers", schema: listOf(item) },
    async handle({ query }) {
      const after = decodeCursor(query.cursor, z.object({ n: z.number().int() }))?.n ?? 0;
      const all = Array.from({ length: 7 }, (_, index) => index + 1).filter((n) => !query.parity || (n % 2 === 0) === (query.parity === "even"));
      const page = all.filter((n) => n > after).slice(0, query.limit);
      const last = page.at(-1);
      return { data: page.map((n) => ({ n })), next_cursor: last !== undefined && last < all.at(-1)! ? encodeCursor({ n: last }) : null, total: all.length };
    },
  }),
);

const manageThings = serve(
  defineOperation({
    method: "GET",
    path: "/things",
    operationId: "manageThings",
    summary: "Marketing only",
    tag: "Test",
    capability: "templates.manage",
    success: { status: 200, description: "ok", schema: z.object({ ok: z.boolean() }) },
    handle: async () => ({ ok: true }),
  }),
);

const createNote = serve(
  defineOperation({
    method: "POST",
    path: "/notes",
    operationId: "createNote",
    summary: "Create a note",
    tag: "Test",
    capability: "inbox.use",
    idempotent: true,
    body: z.object({ text: z.object({ body: z.string().min(1).max(20) }), pinned: z.boolean().optional() }),
    success: { status: 201, description: "created", schema: z.object({ id: z.number(), body: z.string(), key: z.string().nullable() }) },
    async handle({ body, idempotencyKey }) {
      calls.create += 1;
      const id = calls.create;
      if (calls.held) {
        calls.held.entered();
        await calls.held.opened;
      }
      if (calls.failNext) {
        calls.failNext = false;
        throw new Error("the disk is full");
      }
      return { id, body: body.text.body, key: idempotencyKey ?? null };
    },
  }),
);

/** Each failure a service may throw, by name. */
const FAILURES: Record<string, () => Error> = {
  notFound: () => new NotFoundError(NOT_FOUND_MESSAGES.conversation, "conversationId"),
  actionError: () => new ActionError(message("validation.tooLong", { maximum: 5 }), { code: "TOO_LONG", field: "templateName" }),
  windowClosed: () => new OutboundRefusal(message("conversation.refusals.noTemplate", { name: "order_update", language: "en_US" }), "WINDOW_CLOSED"),
  outcomeUnknown: () => new OutboundRefusal(message("conversation.refusals.outcomeUnknown"), "OUTCOME_UNKNOWN"),
  graph: () =>
    new GraphError(400, { message: "(#131047) Re-engagement message", code: 131047, type: "OAuthException" }, {}, { method: "POST", path: "1/messages" }),
  matonBusy: () => new MatonError(429, { error: "Too many requests" }, { method: "POST", path: "1/messages" }, { retryAfterMs: 2500 }),
};

const failWith = serve(
  defineOperation({
    method: "POST",
    path: "/failures/{kind}",
    operationId: "failWith",
    summary: "Fails",
    tag: "Test",
    capability: "inbox.use",
    params: z.object({ kind: z.enum(Object.keys(FAILURES) as [string, ...string[]]) }),
    success: { status: 204, description: "never" },
    async handle({ params }) {
      throw FAILURES[params.kind]!();
    },
  }),
);

const noParams = { params: Promise.resolve({}) };

function call(
  handler: (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>,
  path: string,
  init: { method?: string; token?: string | null; headers?: Record<string, string>; body?: string | object; params?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (typeof init.body === "string") body = init.body;
  else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers["content-type"] ??= "application/json";
  }
  const request = new Request(`http://127.0.0.1:3000/api/v1${path}`, { method: init.method ?? "GET", headers, body });
  return handler(request, init.params ? { params: Promise.resolve(init.params) } : noParams);
}

async function problemOf(response: Response) {
  expect(response.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
  const body: unknown = await response.json();
  return problemSchema.parse(body);
}

const dashboardEnv = () => globalThis as { dashboardEnv?: unknown };

describe.each(testDatabases)("the API kit on $name", (testDatabase) => {
  let token: string;
  let agentToken: string;
  let marketer: { id: string; email: string };

  beforeEach(async () => {
    database.handle = await testDatabase.open();
    const { db } = database.handle;
    await seedDemoUsers(db);
    marketer = (await findUserByEmail(db, "marketer@demo.test"))!;
    const agent = (await findUserByEmail(db, "agent@demo.test"))!;
    token = (await createApiToken(db, marketer, { name: "test", expiresAt: null })).token;
    agentToken = (await createApiToken(db, agent, { name: "test", expiresAt: null })).token;
    calls.create = 0;
    calls.failNext = false;
    calls.held = undefined;
  });
  afterEach(async () => {
    await database.handle.close();
    delete process.env.API_RATE_LIMIT_PER_MINUTE;
    dashboardEnv().dashboardEnv = undefined;
  });

  describe("authentication", () => {
    it("answers 401 problems, saying why, for a missing, malformed or unknown token", async () => {
      const missing = await call(listNumbers, "/numbers", { headers: { "x-request-id": "req-123" } });
      expect(missing.status).toBe(401);
      expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="api"');
      expect(missing.headers.get("cache-control")).toBe("no-store");
      const problem = await problemOf(missing);
      expect(problem).toEqual({
        type: "http://127.0.0.1:3000/docs/api#problem-unauthenticated",
        title: "Authentication required",
        status: 401,
        detail: en.api.problems.missingToken,
        code: "UNAUTHENTICATED",
        request_id: "req-123",
      });
      expect(missing.headers.get("x-request-id")).toBe("req-123");

      const basic = await call(listNumbers, "/numbers", { headers: { authorization: "Basic dXNlcjpwYXNz" } });
      expect(basic.status).toBe(401);
      expect((await problemOf(basic)).detail).toBe(en.api.problems.malformedToken);
      expect(basic.headers.get("www-authenticate")).toContain('error="invalid_token"');
      expect((await problemOf(await call(listNumbers, "/numbers", { token: "not-one-of-ours" }))).detail).toBe(en.api.problems.malformedToken);
      const unknown = await call(listNumbers, "/numbers", { token: `wbd_${"A".repeat(43)}` });
      expect((await problemOf(unknown)).detail).toBe(en.api.problems.unknownToken);
    });

    it("refuses a revoked token, an expired one, and any token of a disabled user", async () => {
      const { db } = database.handle;
      expect((await call(listNumbers, "/numbers", { token })).status).toBe(200);

      await db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.userId, marketer.id));
      const revoked = await call(listNumbers, "/numbers", { token });
      expect(revoked.status).toBe(401);
      expect((await problemOf(revoked)).detail).toBe(en.api.problems.revokedToken);

      const fresh = (await createApiToken(db, marketer, { name: "second", expiresAt: null })).token;
      await db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.name, "second"));
      const expired = await call(listNumbers, "/numbers", { token: fresh });
      expect(expired.status).toBe(401);
      expect((await problemOf(expired)).detail).toBe(en.api.problems.expiredToken);

      await db.update(users).set({ disabled: true }).where(eq(users.email, "agent@demo.test"));
      const disabled = await call(listNumbers, "/numbers", { token: agentToken });
      expect(disabled.status).toBe(401);
      expect((await problemOf(disabled)).detail).toBe(en.api.problems.disabledUser);
    });

    it("refuses a role without the operation's capability with 403", async () => {
      const refused = await call(manageThings, "/things", { token: agentToken });
      expect(refused.status).toBe(403);
      const problem = await problemOf(refused);
      expect(problem.code).toBe("FORBIDDEN");
      expect(problem.detail).toBe("Your role (Agent) does not allow this.");
      expect((await call(manageThings, "/things", { token })).status).toBe(200);
    });
  });

  describe("the caller's language", () => {
    it("answers in the language Accept-Language asks for", async () => {
      const response = await call(listNumbers, "/numbers", { headers: { "accept-language": "es-MX,es;q=0.9,en;q=0.5" } });
      const problem = await problemOf(response);
      expect(problem.detail).toBe(es.api.problems.missingToken);
      expect(problem.title).toBe(es.api.problemTitles.unauthenticated);
    });

    it("follows the token user's language without Accept-Language (or with none of ours), English otherwise", async () => {
      const { db } = database.handle;
      await db.update(users).set({ locale: "pt-BR" }).where(eq(users.id, marketer.id));
      const query = "/numbers?limit=0";
      expect((await problemOf(await call(listNumbers, query, { token }))).detail).toBe(ptBR.api.problems.invalidRequest);
      expect((await problemOf(await call(listNumbers, query, { token, headers: { "accept-language": "fr-FR" } }))).detail).toBe(ptBR.api.problems.invalidRequest);
      expect((await problemOf(await call(listNumbers, query, { token, headers: { "accept-language": "en-GB" } }))).detail).toBe(en.api.problems.invalidRequest);
      expect((await problemOf(await call(listNumbers, query, { token: agentToken }))).detail).toBe(en.api.problems.invalidRequest);
    });
  });

  describe("input", () => {
    it("refuses an invalid query with 400, naming every field", async () => {
      const response = await call(listNumbers, "/numbers?limit=500&parity=prime", { token });
      expect(response.status).toBe(400);
      const problem = await problemOf(response);
      expect(problem.code).toBe("INVALID_REQUEST");
      expect(problem.errors).toEqual([
        { field: "limit", detail: "The largest value allowed is 100." },
        { field: "parity", detail: "This value is not accepted." },
      ]);
    });

    it("refuses a cursor the list did not give out: 400 on the field cursor", async () => {
      for (const cursor of ["not-base64!", Buffer.from("{").toString("base64url"), encodeCursor({ other: 1 })!]) {
        const response = await call(listNumbers, `/numbers?cursor=${encodeURIComponent(cursor)}`, { token });
        expect(response.status).toBe(400);
        const problem = await problemOf(response);
        expect(problem.code).toBe("INVALID_CURSOR");
        expect(problem.errors).toEqual([{ field: "cursor", detail: en.api.problems.invalidCursor }]);
      }
    });

    it("walks a list page by page with next_cursor, every item once", async () => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `/numbers?limit=3&cursor=${cursor}` : "/numbers?limit=3";
        const response = await call(listNumbers, query, { token });
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toBe("application/json");
        const page = listOf(item).parse(await response.json());
        expect(page.total).toBe(7);
        seen.push(...page.data.map((entry) => entry.n));
        cursor = page.next_cursor;
      } while (cursor);
      expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
    });

    it("refuses a JSON body with a field wrong, one that is not JSON, not declared JSON, or over 1 MB", async () => {
      const wrong = await call(createNote, "/notes", { method: "POST", token, body: { text: { body: "" }, pinned: "yes" } });
      expect(wrong.status).toBe(400);
      expect((await problemOf(wrong)).errors?.map((error) => error.field)).toEqual(["text.body", "pinned"]);

      const empty = await call(createNote, "/notes", { method: "POST", token });
      expect((await problemOf(empty)).errors).toEqual([{ field: "text", detail: "This field is required." }]);

      const broken = await call(createNote, "/notes", { method: "POST", token, body: "{", headers: { "content-type": "application/json" } });
      expect(broken.status).toBe(400);
      expect((await problemOf(broken)).detail).toBe(en.api.problems.invalidJson);

      const form = await call(createNote, "/notes", { method: "POST", token, body: "text=hi", headers: { "content-type": "application/x-www-form-urlencoded" } });
      expect(form.status).toBe(415);
      expect((await problemOf(form)).code).toBe("UNSUPPORTED_MEDIA_TYPE");

      const huge = await call(createNote, "/notes", { method: "POST", token, body: { text: { body: "x" }, padding: "x".repeat(1024 * 1024) } });
      expect(huge.status).toBe(413);
      expect((await problemOf(huge)).detail).toBe("The body is larger than 1 MB.");
      expect(calls.create).toBe(0);
    });
  });

  describe("rate limit", () => {
    const limit = 3;
    beforeEach(() => {
      process.env.API_RATE_LIMIT_PER_MINUTE = String(limit);
      dashboardEnv().dashboardEnv = undefined;
    });

    /** `limit` calls in one window; false when the minute turned over mid-way (then the test tries once more). */
    async function useUpWindow(): Promise<boolean> {
      for (let index = 0; index < limit; index += 1) {
        const response = await call(listNumbers, "/numbers", { token });
        expect(response.status).toBe(200);
        expect(response.headers.get("ratelimit-limit")).toBe(String(limit));
        if (response.headers.get("ratelimit-remaining") !== String(limit - 1 - index)) return false;
      }
      return true;
    }

    it("answers 429 with Retry-After past the limit, per token, and RateLimit headers on every answer", async () => {
      if (!(await useUpWindow())) expect(await useUpWindow()).toBe(true);
      const refused = await call(listNumbers, "/numbers", { token });
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.headers.get("ratelimit-remaining")).toBe("0");
      expect(refused.headers.get("ratelimit-reset")).toBe(String(retryAfter));
      const problem = await problemOf(refused);
      expect(problem.code).toBe("RATE_LIMITED");
      expect(problem.detail).toBe(inEnglish("api.problems.rateLimited", { limit, seconds: retryAfter }));
      // Another token has its own budget.
      expect((await call(listNumbers, "/numbers", { token: agentToken })).status).toBe(200);
    });
  });

  describe("Idempotency-Key", () => {
    const post = (key: string | undefined, body: object = { text: { body: "hello" } }) =>
      call(createNote, "/notes", { method: "POST", token, body, headers: key === undefined ? {} : { "idempotency-key": key } });

    it("runs the handler once for a key and replays its status and body after", async () => {
      const first = await post("key-1", { text: { body: "hello" }, pinned: true });
      expect(first.status).toBe(201);
      expect(first.headers.get("idempotent-replayed")).toBeNull();
      const firstBody: unknown = await first.json();
      expect(firstBody).toEqual({ id: 1, body: "hello", key: "key-1" });

      // The same JSON value, keys in another order, is the same request.
      const again = await post("key-1", { pinned: true, text: { body: "hello" } });
      expect(again.status).toBe(201);
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      expect(await again.json()).toEqual(firstBody);
      expect(calls.create).toBe(1);

      // Without a key, every call runs.
      expect((await post(undefined)).status).toBe(201);
      expect((await post(undefined)).status).toBe(201);
      expect(calls.create).toBe(3);
    });

    it("refuses the same key on a different body with 422, and a malformed key with 400", async () => {
      expect((await post("key-2")).status).toBe(201);
      const other = await post("key-2", { text: { body: "something else" } });
      expect(other.status).toBe(422);
      expect((await problemOf(other)).code).toBe("IDEMPOTENCY_KEY_REUSED");

      const malformed = await post("clé-é");
      expect(malformed.status).toBe(400);
      expect((await problemOf(malformed)).errors).toEqual([{ field: "Idempotency-Key", detail: en.api.problems.idempotencyKeyFormat }]);
      expect((await post("x".repeat(256))).status).toBe(400);
      expect(calls.create).toBe(1);
    });

    it("answers 409 to the same key while its first call runs, then replays the first call's answer", async () => {
      const entered = gate();
      const release = gate();
      calls.held = { entered: entered.open, opened: release.opened };
      const first = post("key-3");
      await entered.opened;
      const meanwhile = await post("key-3");
      expect(meanwhile.status).toBe(409);
      expect((await problemOf(meanwhile)).code).toBe("IDEMPOTENCY_KEY_IN_USE");
      release.open();
      expect((await first).status).toBe(201);
      calls.held = undefined;
      const after = await post("key-3");
      expect(after.status).toBe(201);
      expect(after.headers.get("idempotent-replayed")).toBe("true");
      expect(calls.create).toBe(1);
    });

    it("keeps no answer of a server error: the same key runs again", async () => {
      calls.failNext = true;
      const failed = await post("key-4");
      expect(failed.status).toBe(500);
      const problem = await problemOf(failed);
      expect(problem.code).toBe("INTERNAL_ERROR");
      expect(problem.detail).not.toContain("disk");
      const retried = await post("key-4");
      expect(retried.status).toBe(201);
      expect(retried.headers.get("idempotent-replayed")).toBeNull();
      expect(calls.create).toBe(2);
    });

    it("keeps an answer 24 hours: an older key is used afresh, and the user's expired keys are removed", async () => {
      const { db } = database.handle;
      expect((await post("key-5")).status).toBe(201);
      expect((await post("key-6")).status).toBe(201);
      await db.update(apiIdempotencyKeys).set({ createdAt: sql`now() - interval '25 hours'` });
      const later = await post("key-5", { text: { body: "new day" } });
      expect(later.status).toBe(201);
      expect(await later.json()).toMatchObject({ body: "new day" });
      expect(calls.create).toBe(3);
      const kept = await db.select({ key: apiIdempotencyKeys.key }).from(apiIdempotencyKeys);
      expect(kept).toEqual([{ key: "key-5" }]);
    });
  });

  describe("failures of the services", () => {
    const fail = (kind: string) => call(failWith, `/failures/${kind}`, { method: "POST", token, params: { kind } });

    it("maps each to its status, code and field, in the caller's words", async () => {
      const notFound = await fail("notFound");
      expect(notFound.status).toBe(404);
      expect(await problemOf(notFound)).toMatchObject({
        code: "NOT_FOUND",
        detail: en.common.notFound.conversation,
        errors: [{ field: "conversation_id", detail: en.common.notFound.conversation }],
      });

      const action = await fail("actionError");
      expect(action.status).toBe(422);
      expect(await problemOf(action)).toMatchObject({ code: "TOO_LONG", errors: [{ field: "template_name", detail: "At most 5 characters." }] });

      const window = await fail("windowClosed");
      expect(window.status).toBe(422);
      expect(await problemOf(window)).toMatchObject({ code: "WINDOW_CLOSED", detail: "No approved template “order_update” in en_US." });

      expect((await fail("outcomeUnknown")).status).toBe(409);

      const graph = await fail("graph");
      expect(graph.status).toBe(502);
      const graphProblem = await problemOf(graph);
      expect(graphProblem.code).toBe("GATEWAY_ERROR");
      expect(graphProblem.detail).toContain("24");

      const busy = await fail("matonBusy");
      expect(busy.status).toBe(503);
      expect(busy.headers.get("retry-after")).toBe("3");
      expect((await problemOf(busy)).code).toBe("GATEWAY_BUSY");
    });

    it("refuses params that do not fit with 400 naming the param", async () => {
      const response = await call(failWith, "/failures/nothing", { method: "POST", token, params: { kind: "nothing" } });
      expect(response.status).toBe(400);
      expect((await problemOf(response)).errors?.[0]?.field).toBe("kind");
    });
  });
});
