import { afterEach, describe, expect, it, vi } from "vitest";

import en from "@/messages/en.json";
import es from "@/messages/es.json";

import {
  ActionResultError,
  NO_ANSWER_MESSAGE,
  actionMessage,
  actionResultWords,
  readActionResult,
  runAction,
  setActionResultWords,
  unwrap,
} from "./action-result";
import type { ActionResultLike } from "./action-result";
import type { GatewayFailure } from "./gateway/errors";

const keyRejected: GatewayFailure = {
  kind: "maton",
  code: 401,
  explanationKey: "maton.401",
  title: "Maton key rejected",
  explanation: "The Maton gateway refused the API key: it is missing or invalid.",
  action: "Check MATON_API_KEY in the dashboard's configuration.",
  retryable: false,
  outcomeUnknown: false,
};

describe("reading an action's result", () => {
  it("answers the data of a result that went through", () => {
    expect(readActionResult({ data: { id: "c1" } })).toEqual({ ok: true, data: { id: "c1" } });
    expect(unwrap({ data: [1, 2] })).toEqual([1, 2]);
    expect(actionMessage({ data: "fine" })).toBeUndefined();
  });

  it("reads an empty result (a void action, a hook not answered yet) as nothing refused", () => {
    expect(readActionResult({})).toEqual({ ok: true, data: undefined });
    expect(actionMessage({})).toBeUndefined();
  });

  it("says the server's message with its code, field and gateway failure", () => {
    const reading = readActionResult({ serverError: { message: "Maton key rejected (Invalid API key): …", code: "MATON_KEY", failure: keyRejected } });
    expect(reading).toEqual({ ok: false, message: "Maton key rejected (Invalid API key): …", code: "MATON_KEY", fieldErrors: {}, failure: keyRejected });
    expect(readActionResult({ serverError: { message: "A user with this email already exists.", code: "EMAIL_TAKEN", field: "email" } })).toMatchObject({
      ok: false,
      fieldErrors: { email: "A user with this email already exists." },
      failure: undefined,
    });
  });

  it("places invalid input at each field by its path, and says the first message", () => {
    const validationErrors = {
      _errors: [],
      values: { _errors: [], body: { 1: { _errors: ["Fill in body variable {{1}}.", "second"] } } },
      websites: { 0: { _errors: ["A website must be a full address starting with http:// or https://."] } },
    };
    expect(readActionResult({ validationErrors })).toEqual({
      ok: false,
      message: "Fill in body variable {{1}}.",
      code: "VALIDATION",
      fieldErrors: { "values.body.1": "Fill in body variable {{1}}.", "websites.0": "A website must be a full address starting with http:// or https://." },
      failure: undefined,
    });
  });

  it("prefers a message about the whole input, and has one when no field names any", () => {
    expect(readActionResult({ validationErrors: { _errors: ["Pick a conversation."], name: { _errors: ["Too long."] } } })).toMatchObject({
      message: "Pick a conversation.",
      fieldErrors: { name: "Too long." },
    });
    expect(actionMessage({ validationErrors: { _errors: [] } })).toBe("Some values are not accepted: check the highlighted fields.");
  });

  it("says there was no answer when the call threw or left nothing, in the caller's words if given", () => {
    for (const nothing of [undefined, null, new TypeError("Failed to fetch"), { thrownError: new Error("Failed to fetch") }]) {
      expect(readActionResult(nothing)).toEqual({ ok: false, message: NO_ANSWER_MESSAGE, code: "NO_ANSWER", fieldErrors: {}, failure: undefined });
    }
    expect(actionMessage(undefined, "The sync failed.")).toBe("The sync failed.");
  });

  it("throws a refusal for TanStack Query as an Error that keeps the whole reading", () => {
    const error = (() => {
      try {
        unwrap({ serverError: { message: "WhatsApp refused this: Param websites[0] must be a URL", code: "GRAPH_100", field: "websites.0", failure: keyRejected } });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(ActionResultError);
    expect(error).toMatchObject({
      message: "WhatsApp refused this: Param websites[0] must be a URL",
      code: "GRAPH_100",
      fieldErrors: { "websites.0": "WhatsApp refused this: Param websites[0] must be a URL" },
      failure: keyRejected,
    });
    expect(() => unwrap(undefined, "Templates could not be loaded.")).toThrow("Templates could not be loaded.");
  });

  it("reads a call that rejects (the network) as no answer", async () => {
    const failing: Promise<ActionResultLike<string>> = Promise.reject(new TypeError("Failed to fetch"));
    expect(await runAction(failing)).toMatchObject({ ok: false, code: "NO_ANSWER", message: NO_ANSWER_MESSAGE });
    expect(await runAction(Promise.resolve({ data: "sent" }))).toEqual({ ok: true, data: "sent" });
  });
});

describe("the readings' own words", () => {
  afterEach(() => {
    setActionResultWords({ noAnswer: en.common.errors.noAnswer, invalidInput: en.common.errors.invalidInput });
    vi.unstubAllGlobals();
  });

  it("are the catalog's English until the page sets its language", () => {
    expect(actionResultWords()).toEqual({ noAnswer: en.common.errors.noAnswer, invalidInput: en.common.errors.invalidInput });
    expect(NO_ANSWER_MESSAGE).toBe(en.common.errors.noAnswer);
  });

  it("come in the page's language once its providers set them, with no change for the callers", async () => {
    vi.stubGlobal("window", {});
    setActionResultWords({ noAnswer: es.common.errors.noAnswer, invalidInput: es.common.errors.invalidInput });
    expect(readActionResult(undefined)).toMatchObject({ ok: false, code: "NO_ANSWER", message: es.common.errors.noAnswer });
    expect(actionMessage({ validationErrors: { _errors: [] } })).toBe(es.common.errors.invalidInput);
    expect(() => unwrap(null)).toThrow(es.common.errors.noAnswer);
    expect(await runAction(Promise.reject(new TypeError("Failed to fetch")))).toMatchObject({ message: es.common.errors.noAnswer });
    // A caller's own words still win.
    expect(actionMessage(undefined, "La sincronización falló.")).toBe("La sincronización falló.");
  });

  it("are left alone on a server, which renders for readers of every language", () => {
    setActionResultWords({ noAnswer: es.common.errors.noAnswer, invalidInput: es.common.errors.invalidInput });
    expect(readActionResult(undefined)).toMatchObject({ message: en.common.errors.noAnswer });
  });
});
