import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "@/lib/zod";

import type { DatabaseHandle } from "@/db/client";
import { findUserByEmail, insertUser } from "@/db/queries/users";
import { seedDemoUsers } from "@/db/seed";
import { openTestSessions, testSessionId } from "@/db/test-sessions";
import { testDatabases } from "@/db/test-databases";
import { withCapability } from "@/lib/auth/session";
import { GatewayTimeoutError, MatonError, errorFromResponse } from "@/lib/gateway/errors";
import { OutboundRefusal } from "@/lib/inbox/outbound";

import { adminActionClient, authActionClient, marketerActionClient, passwordChangeActionClient } from "./client";
import { ActionError } from "./errors";

// The session cookie is Auth.js's business; here each test says who is signed in.
const session = vi.hoisted(() => ({ userId: undefined as string | undefined }));
vi.mock("@/auth", () => ({
  auth: async () => (session.userId ? { user: { id: session.userId }, sessionId: testSessionId(session.userId), expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as DatabaseHandle | undefined }));
vi.mock("@/db", () => ({ getDb: async () => database.handle!.db }));

const echo = (client: typeof authActionClient) =>
  client
    .metadata({ actionName: "echo" })
    .inputSchema(z.object({ word: z.string().max(5, "At most 5 letters.") }))
    .action(async ({ parsedInput, ctx }) => ({ word: parsedInput.word, by: ctx.user.role }));

const signInAs = async (email: string | undefined) => {
  session.userId = email ? (await findUserByEmail(database.handle!.db, email))?.id : undefined;
};

describe("role-checking action clients", () => {
  beforeAll(async () => {
    database.handle = await testDatabases[0]!.open();
    await seedDemoUsers(database.handle.db);
    await insertUser(database.handle.db, {
      email: "disabled@demo.test",
      name: "Disabled",
      role: "admin",
      disabled: true,
      passwordHash: "x",
    });
    await openTestSessions(database.handle.db);
  });
  afterAll(async () => {
    await database.handle?.close();
  });
  beforeEach(() => {
    session.userId = undefined;
  });

  it("refuses every client without a session", async () => {
    for (const client of [authActionClient, marketerActionClient, adminActionClient]) {
      const result = await echo(client)({ word: "hi" });
      expect(result.serverError).toEqual({
        message: "You are signed out. Sign in again to continue.",
        code: "UNAUTHENTICATED",
      });
      expect(result.data).toBeUndefined();
    }
  });

  it("treats a disabled user as signed out at once", async () => {
    await signInAs("disabled@demo.test");
    expect((await echo(authActionClient)({ word: "hi" })).serverError?.code).toBe("UNAUTHENTICATED");
  });

  it.each([
    ["agent@demo.test", { auth: true, marketer: false, admin: false }],
    ["marketer@demo.test", { auth: true, marketer: true, admin: false }],
    ["admin@demo.test", { auth: true, marketer: true, admin: true }],
  ] as const)("lets %s through only the clients of its role", async (email, allowed) => {
    await signInAs(email);
    const clients = { auth: authActionClient, marketer: marketerActionClient, admin: adminActionClient };
    for (const [name, client] of Object.entries(clients)) {
      const result = await echo(client)({ word: "hi" });
      if (allowed[name as keyof typeof allowed]) {
        expect(result.data).toEqual({ word: "hi", by: email.split("@")[0] });
      } else {
        expect(result.serverError?.code).toBe("FORBIDDEN");
        expect(result.serverError?.message).toMatch(/^Your role \(\w+\) does not allow this\.$/);
      }
    }
  });

  it("names the field when the input is invalid, and runs nothing", async () => {
    await signInAs("admin@demo.test");
    const result = await echo(adminActionClient)({ word: "too long" });
    expect(result.validationErrors).toMatchObject({ word: { _errors: ["At most 5 letters."] } });
    expect(result.data).toBeUndefined();
  });

  it("shows an ActionError's message and hides any other failure", async () => {
    await signInAs("agent@demo.test");
    const failing = (error: Error) =>
      authActionClient.metadata({ actionName: "failing" }).action(async () => {
        throw error;
      });
    expect((await failing(new ActionError("The template name is taken.", { field: "name" }))()).serverError).toEqual({
      message: "The template name is taken.",
      code: undefined,
      field: "name",
    });
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const hidden = await failing(new Error("connection refused to 10.0.0.5"))();
    quiet.mockRestore();
    expect(hidden.serverError?.code).toBe("INTERNAL");
    expect(hidden.serverError?.message).not.toContain("10.0.0.5");
  });

  it("turns a gateway failure thrown inside an action into its sentence, a code and its description", async () => {
    await signInAs("agent@demo.test");
    const failing = (error: Error) =>
      authActionClient.metadata({ actionName: "failing" }).action(async () => {
        throw error;
      });
    const call = { method: "POST", path: "connections" };
    const rejected = (await failing(new MatonError(401, { error: { message: "Invalid API key", type: "MatonError", code: 401 } }, call))()).serverError;
    expect(rejected).toEqual({
      message: "Maton key rejected (Invalid API key): The Maton gateway refused the API key: it is missing or invalid. Check MATON_API_KEY in the dashboard's configuration.",
      code: "MATON_KEY",
      failure: expect.objectContaining({ kind: "maton", code: 401, title: "Maton key rejected", retryable: false }),
    });
    const slow = (await failing(new GatewayTimeoutError(5000, call, false))()).serverError;
    expect(slow).toMatchObject({ code: "GATEWAY_ERROR", message: expect.stringMatching(/^Gateway timed out: /), failure: { kind: "timeout", retryable: true } });
  });

  it("places a gateway failure an action words itself, with what did not happen", async () => {
    await signInAs("agent@demo.test");
    const refused = errorFromResponse(400, { error: { message: "(#100) Invalid parameter", code: 100, error_data: { details: "File too large" }, fbtrace_id: "x" } }, { method: "POST", path: "app/uploads" });
    const action = authActionClient.metadata({ actionName: "upload" }).action(async () => {
      throw ActionError.fromGatewayError(refused, { lead: "The sample could not be uploaded.", field: "header.handle" });
    });
    expect((await action()).serverError).toMatchObject({
      message: expect.stringMatching(/^The sample could not be uploaded\. Invalid parameter \(File too large\): WhatsApp rejected a value/),
      code: "GATEWAY_ERROR",
      field: "header.handle",
      failure: { kind: "graph", code: 100, details: "File too large" },
    });
  });

  it("shows the inbox's refusals as they are", async () => {
    await signInAs("agent@demo.test");
    const action = authActionClient.metadata({ actionName: "send" }).action(async () => {
      throw new OutboundRefusal("This conversation does not exist (any more).", "NOT_FOUND", "conversationId");
    });
    expect((await action()).serverError).toEqual({ message: "This conversation does not exist (any more).", code: "NOT_FOUND", field: "conversationId" });
  });
});

describe("route handler guard", () => {
  beforeAll(async () => {
    database.handle = await testDatabases[0]!.open();
    await seedDemoUsers(database.handle.db);
    await openTestSessions(database.handle.db);
  });
  afterAll(async () => {
    await database.handle?.close();
  });

  const handler = withCapability("connections.manage", async (user) => Response.json({ hello: user.email }));

  it("answers 401 without a session and 403 for a role without the capability", async () => {
    await signInAs(undefined);
    expect((await handler()).status).toBe(401);
    await signInAs("marketer@demo.test");
    const refused = await handler();
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    await signInAs("admin@demo.test");
    expect(await (await handler()).json()).toEqual({ hello: "admin@demo.test" });
  });
});

describe("a user still holding a one-time password", () => {
  beforeAll(async () => {
    database.handle = await testDatabases[0]!.open();
    await insertUser(database.handle.db, {
      email: "newcomer@demo.test",
      name: "Newcomer",
      role: "admin",
      mustChangePassword: true,
      passwordHash: "x",
    });
    await openTestSessions(database.handle.db);
  });
  afterAll(async () => {
    await database.handle?.close();
  });

  it("may only replace it: every other action and route is refused", async () => {
    await signInAs("newcomer@demo.test");
    for (const client of [authActionClient, marketerActionClient, adminActionClient]) {
      expect((await echo(client)({ word: "hi" })).serverError?.message).toBe(
        "Choose a new password first: your one-time password must be replaced.",
      );
    }
    expect((await withCapability(undefined, async () => Response.json({}))()).status).toBe(403);
    expect((await echo(passwordChangeActionClient)({ word: "hi" })).data).toEqual({ word: "hi", by: "admin" });
  });
});
