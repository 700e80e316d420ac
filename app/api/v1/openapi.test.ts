/**
 * The contract between the route files under app/api/v1, OPERATIONS and the OpenAPI document: each
 * operation is served at its path by its method, and documented as it answers. New operations are
 * covered by being in OPERATIONS and having their route file.
 */
import { readdirSync } from "node:fs";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { findUserByEmail } from "@/db/queries/users";
import { phoneNumbers, templates } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { insertTwoConnections } from "@/db/test-connections";
import { testDatabases } from "@/db/test-databases";
import { createApiToken } from "@/lib/api-tokens/service";
import type { ApiOperation } from "@/lib/api/operation";
import { operationServedBy } from "@/lib/api/serve";

import { OPERATIONS } from "./_operations";
import { GET as getDocument } from "./openapi.json/route";

const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
vi.mock("@/auth", () => ({ auth: async () => null }));

const V1 = path.join(process.cwd(), "app", "api", "v1");
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
/** Routes under /api/v1 that are not operations of the API. */
const NOT_OPERATIONS = new Set(["/openapi.json"]);

/** Every route file under app/api/v1, with the OpenAPI path it answers (`[conversation_id]` → `{conversation_id}`). */
function routeFiles(dir = V1, segments: string[] = []): Array<{ file: string; path: string }> {
  const found: Array<{ file: string; path: string }> = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // `_folders` are private in the App Router: never routes.
    if (entry.isDirectory() && !entry.name.startsWith("_")) {
      found.push(...routeFiles(path.join(dir, entry.name), [...segments, entry.name.replace(/^\[(\w+)\]$/, "{$1}")]));
    } else if (entry.isFile() && /^route\.tsx?$/.test(entry.name)) {
      found.push({ file: path.join(dir, entry.name), path: `/${segments.join("/")}` });
    }
  }
  return found;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type OpenApiOperation = {
  operationId: string;
  tags: string[];
  parameters?: Array<{ in: string; name: string; required?: boolean }>;
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: { $ref?: string } }> }>;
};
interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  servers: Array<{ url: string }>;
  security: Array<Record<string, string[]>>;
  tags: Array<{ name: string }>;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: Record<string, Record<string, Json>>;
}

/** Every `$ref` anywhere in the document, with where it is. */
function refsIn(value: Json, at = "#"): Array<{ ref: string; at: string }> {
  if (Array.isArray(value)) return value.flatMap((item, index) => refsIn(item, `${at}/${index}`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, nested]) =>
    key === "$ref" && typeof nested === "string" ? [{ ref: nested, at }] : refsIn(nested, `${at}/${key}`),
  );
}

/** The value a local JSON pointer (`#/components/schemas/Problem`) points at, or undefined. */
function resolve(document: Json, ref: string): Json | undefined {
  if (!ref.startsWith("#/")) return undefined;
  let current: Json | undefined = document;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (current === null || typeof current !== "object" || Array.isArray(current) || !(key in current)) return undefined;
    current = current[key];
  }
  return current;
}

const byPath = (operations: readonly ApiOperation[]) => {
  const map = new Map<string, ApiOperation[]>();
  for (const operation of operations) map.set(operation.path, [...(map.get(operation.path) ?? []), operation]);
  return map;
};

describe("the public API's routes and OPERATIONS", () => {
  const routes = routeFiles().filter((route) => !NOT_OPERATIONS.has(route.path));
  const declared = byPath(OPERATIONS);

  it("has a route file for every path OPERATIONS declares, and no operation route that is not declared", () => {
    expect(routes.map((route) => route.path).sort()).toEqual([...declared.keys()].sort());
  });

  it.each(routes)("$path exports exactly the methods OPERATIONS declares for it, each serving its operation", async ({ file, path: routePath }) => {
    const routeModule = (await import(file)) as Record<string, unknown>;
    const exported = HTTP_METHODS.filter((method) => method in routeModule);
    const operations = declared.get(routePath) ?? [];
    expect(exported.sort()).toEqual(operations.map((operation) => operation.method).sort());
    for (const operation of operations) expect(operationServedBy(routeModule[operation.method])).toBe(operation);
    expect(routeModule.dynamic).toBe("force-dynamic");
  });

  it("gives every operation a unique camelCase operationId and one method per path", () => {
    const ids = OPERATIONS.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
    const pairs = OPERATIONS.map((operation) => `${operation.method} ${operation.path}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });
});

describe("the OpenAPI document", () => {
  let document: OpenApiDocument;
  let raw: Json;

  beforeAll(async () => {
    const response = getDocument(new Request("http://127.0.0.1:3000/api/v1/openapi.json"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("cache-control")).toContain("public");
    raw = (await response.json()) as Json;
    document = raw as unknown as OpenApiDocument;
  });

  it("is served once built, and answers 304 to a copy that is still current", () => {
    const first = getDocument(new Request("http://127.0.0.1:3000/api/v1/openapi.json"));
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = getDocument(new Request("http://127.0.0.1:3000/api/v1/openapi.json", { headers: { "if-none-match": etag } }));
    expect(again.status).toBe(304);
  });

  it("is OpenAPI 3.1 with the API's title, version, server, bearer security and a guide", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.info).toMatchObject({ title: "WhatsApp Business dashboard API", version: "1.0.0" });
    for (const section of ["## Authentication", "## Pagination", "## Idempotency", "## Rate limits", "## Errors"]) {
      expect(document.info.description).toContain(section);
    }
    expect(document.servers).toEqual([{ url: "/api/v1", description: "This dashboard" }]);
    expect(document.security).toEqual([{ bearerAuth: [] }]);
    expect(document.components.securitySchemes?.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("documents every operation at its path and method, and nothing else", () => {
    const documented = Object.entries(document.paths).flatMap(([routePath, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${routePath}`));
    expect(documented.sort()).toEqual(OPERATIONS.map((operation) => `${operation.method} ${operation.path}`).sort());
    const ids = Object.values(document.paths).flatMap((item) => Object.values(item).map((operation) => operation.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(OPERATIONS.map((operation) => operation.operationId).sort());
  });

  it("declares each path's parameters, a success answer, and problem answers in the shared Problem shape", () => {
    const tagNames = new Set(document.tags.map((tag) => tag.name));
    for (const [routePath, item] of Object.entries(document.paths)) {
      const inPath = [...routePath.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const operation of Object.values(item)) {
        const pathParams = (operation.parameters ?? []).filter((parameter) => parameter.in === "path");
        expect(pathParams.map((parameter) => parameter.name).sort(), `${operation.operationId} path parameters`).toEqual([...inPath].sort());
        for (const parameter of pathParams) expect(parameter.required).toBe(true);
        for (const tag of operation.tags) expect(tagNames.has(tag), `${operation.operationId} tag ${tag}`).toBe(true);
        const statuses = Object.keys(operation.responses);
        expect(statuses.some((status) => /^2\d\d$/.test(status)), `${operation.operationId} success`).toBe(true);
        expect(statuses).toEqual(expect.arrayContaining(["401", "429", "500"]));
        for (const status of statuses.filter((code) => Number(code) >= 400)) {
          const response = resolve(raw, operation.responses[status]!.$ref ?? "") as OpenApiOperation["responses"][string] | undefined;
          expect(response?.content?.["application/problem+json"]?.schema?.$ref, `${operation.operationId} ${status}`).toBe("#/components/schemas/Problem");
        }
      }
    }
  });

  it("has every $ref resolve within the document", () => {
    const refs = refsIn(raw);
    expect(refs.length).toBeGreaterThan(0);
    const broken = refs.filter(({ ref }) => resolve(raw, ref) === undefined);
    expect(broken).toEqual([]);
  });
});

describe.each(testDatabases)("real answers against the documented schemas on $name", (testDatabase) => {
  let token: string;
  beforeAll(async () => {
    database.handle = await testDatabase.open();
    const { db } = database.handle;
    await seedDemoUsers(db);
    await insertTwoConnections(db);
    await db.insert(phoneNumbers).values([
      { id: "pn-a", wabaId: "waba-a", connectionId: "conn-a", displayPhoneNumber: "+1 555-010-0001", verifiedName: "Acme", syncedAt: new Date() },
      { id: "pn-b", wabaId: "waba-b", connectionId: null },
    ]);
    await db.insert(templates).values([
      {
        id: "t1",
        wabaId: "waba-a",
        name: "order_update",
        language: "en_US",
        category: "UTILITY",
        status: "APPROVED",
        qualityScore: "GREEN",
        parameterFormat: "POSITIONAL",
        components: [{ type: "BODY", text: "Order {{1}}", example: { body_text: [["A-1"]] } }, { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Thanks" }] }],
      },
      { id: "t2", wabaId: "waba-b", name: "promo", language: "es", category: "MARKETING", status: "REJECTED", rejectedReason: "PROMOTIONAL", components: [] },
    ]);
    token = (await createApiToken(db, (await findUserByEmail(db, "admin@demo.test"))!, { name: "contract", expiresAt: null })).token;
  });
  afterAll(async () => {
    await database.handle.close();
  });

  // Every list without path parameters is called as it is; its answer must be exactly what its schema describes.
  const lists = routeFiles().filter((route) => !NOT_OPERATIONS.has(route.path) && !route.path.includes("{"));
  it.each(lists.flatMap((route) => (byPath(OPERATIONS).get(route.path) ?? []).filter((operation) => operation.method === "GET").map((operation) => ({ route, operation }))))(
    "$operation.operationId answers what its success schema documents",
    async ({ route, operation }) => {
      const routeModule = (await import(route.file)) as Record<string, (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>>;
      const response = await routeModule.GET!(new Request(`http://127.0.0.1:3000/api/v1${route.path}`, { headers: { authorization: `Bearer ${token}` } }), {
        params: Promise.resolve({}),
      });
      expect(response.status).toBe(operation.success.status);
      const body: unknown = await response.json();
      expect(operation.success.schema).toBeDefined();
      // Parsed back unchanged: no field the schema does not document, none missing, every value of its type.
      expect(operation.success.schema!.parse(body)).toEqual(body);
    },
  );

  it("checks the phone numbers and templates with data in them", async () => {
    const answers = await Promise.all(
      ["/phone-numbers", "/templates"].map(async (routePath) => {
        const routeModule = (await import(path.join(V1, routePath.slice(1), "route.ts"))) as Record<string, (request: Request, context: { params: Promise<object> }) => Promise<Response>>;
        const response = await routeModule.GET!(new Request(`http://127.0.0.1:3000/api/v1${routePath}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });
        return (await response.json()) as { data: unknown[] };
      }),
    );
    expect(answers.map((answer) => answer.data.length)).toEqual([2, 2]);
  });
});
