import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "@/lib/zod";

import type { DatabaseHandle } from "@/db/client";
import { insertUser } from "@/db/queries/users";
import { openTestSessions, testSessionId } from "@/db/test-sessions";
import { testDatabases } from "@/db/test-databases";
import { MatonError } from "@/lib/gateway/errors";
import { translatorFor } from "@/lib/i18n/translators";
import { message } from "@/lib/i18n/translatable";
import { explanationWords } from "@/lib/whatsapp/errors";
import en from "@/messages/en.json";
import es from "@/messages/es.json";

import { actionClient, authActionClient } from "./client";
import { ActionError } from "./errors";

// The request the action answers: its browser's languages, and who (if anyone) is signed in.
const request = vi.hoisted(() => ({ acceptLanguage: "es", userId: undefined as string | undefined }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "accept-language": request.acceptLanguage }),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("@/auth", () => ({
  auth: async () => (request.userId ? { user: { id: request.userId }, sessionId: testSessionId(request.userId), expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as DatabaseHandle | undefined }));
vi.mock("@/db", () => ({ getDb: async () => database.handle!.db }));

const rejectedKey = () => new MatonError(401, { error: { message: "Invalid API key", type: "MatonError", code: 401 } }, { method: "GET", path: "connections" });

/** A refusal, a gateway failure with what did not happen, an unexpected crash, and zod's own limit. */
const actions = (client: typeof actionClient) => ({
  refusal: client.metadata({ actionName: "refuse" }).action(async () => {
    throw new ActionError(message("common.errors.invalidInput"), { code: "INVALID_INPUT", field: "name" });
  }),
  gateway: client.metadata({ actionName: "unlink" }).action(async () => {
    throw ActionError.fromGatewayError(rejectedKey(), { lead: message("common.errors.noAnswer") });
  }),
  bareGateway: client.metadata({ actionName: "list" }).action(async () => {
    throw rejectedKey();
  }),
  crash: client.metadata({ actionName: "crash" }).action(async () => {
    throw new Error("socket hang up at 10.0.0.5");
  }),
  validated: client
    .metadata({ actionName: "rename" })
    .inputSchema(z.object({ name: z.string().max(5) }))
    .action(async ({ parsedInput }) => parsedInput.name),
});

describe("an action answering a Spanish-speaking browser, no one signed in", () => {
  beforeEach(() => {
    request.acceptLanguage = "es-MX,es;q=0.9,en;q=0.5";
    request.userId = undefined;
  });
  const { refusal, gateway, bareGateway, crash, validated } = actions(actionClient);

  it("answers its refusal in Spanish", async () => {
    expect((await refusal()).serverError).toEqual({ message: es.common.errors.invalidInput, code: "INVALID_INPUT", field: "name" });
  });

  it("writes a gateway failure's sentence and description in Spanish, Maton's own words as Maton wrote them", async () => {
    const words = explanationWords(await translatorFor("es"), "maton.401");
    const answer = (await gateway()).serverError;
    expect(answer).toMatchObject({
      message: `${es.common.errors.noAnswer} ${words.title} (Invalid API key): ${words.explanation} ${words.action}`,
      code: "MATON_KEY",
      failure: { kind: "maton", code: 401, title: words.title, explanation: words.explanation, action: words.action, details: "Invalid API key" },
    });
    expect((await bareGateway()).serverError).toMatchObject({ message: `${words.title} (Invalid API key): ${words.explanation} ${words.action}`, code: "MATON_KEY" });
  });

  it("says an unexpected failure generically, in Spanish", async () => {
    const answer = (await crash()).serverError;
    expect(answer).toEqual({ message: es.common.errors.generic, code: "INTERNAL" });
  });

  it("answers zod's own limit in Spanish, at its field", async () => {
    expect((await validated({ name: "demasiado largo" })).validationErrors).toMatchObject({ name: { _errors: ["Como máximo 5 caracteres."] } });
  });

  it("answers in English to an English browser, word for word as before", async () => {
    request.acceptLanguage = "en-GB,en;q=0.9";
    expect((await crash()).serverError?.message).toBe("Something went wrong on our side. Try again; if it keeps happening, tell an administrator.");
    expect((await validated({ name: "too long" })).validationErrors).toMatchObject({ name: { _errors: ["At most 5 characters."] } });
    expect((await refusal()).serverError?.message).toBe(en.common.errors.invalidInput);
  });
});

describe.each(testDatabases)("an action answering a user whose language is Spanish, on $name", (testDatabase) => {
  beforeAll(async () => {
    database.handle = await testDatabase.open();
    const user = await insertUser(database.handle.db, { email: "lucia@demo.test", name: "Lucía", role: "agent", passwordHash: "x", locale: "es" });
    await openTestSessions(database.handle.db);
    request.userId = user!.id;
  });
  afterAll(async () => {
    request.userId = undefined;
    await database.handle?.close();
  });
  beforeEach(() => {
    // The user's own setting wins over what the browser asks for.
    request.acceptLanguage = "en-US,en;q=0.9";
  });
  const { refusal, crash, validated } = actions(authActionClient);

  it("answers the signed-in user's refusals and zod's limits in Spanish, whatever the browser asks for", async () => {
    expect((await refusal()).serverError?.message).toBe(es.common.errors.invalidInput);
    expect((await crash()).serverError?.message).toBe(es.common.errors.generic);
    expect((await validated({ name: "demasiado largo" })).validationErrors).toMatchObject({ name: { _errors: ["Como máximo 5 caracteres."] } });
  });

  it("answers a signed-out call in the browser's language", async () => {
    const signedIn = request.userId;
    request.userId = undefined;
    request.acceptLanguage = "es";
    try {
      const answer = (await actions(authActionClient).refusal()).serverError;
      expect(answer?.code).toBe("UNAUTHENTICATED");
      expect(answer?.message).toBe((await translatorFor("es"))("auth.authorization.signedOut"));
      expect(answer?.message).not.toBe((await translatorFor("en"))("auth.authorization.signedOut"));
    } finally {
      request.userId = signedIn;
    }
  });
});
