import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";

import type { Locale } from "@/i18n/locales";
import { message, type Translate } from "@/lib/i18n/translatable";
import ar from "@/messages/ar.json";
import en from "@/messages/en.json";
import es from "@/messages/es.json";
import ptBR from "@/messages/pt-BR.json";
import zhCN from "@/messages/zh-CN.json";
import { ERROR_TABLE, explanationWords } from "@/lib/whatsapp/errors";

import {
  GatewayError,
  GatewayNetworkError,
  GatewayTimeoutError,
  GraphError,
  InvalidRequestError,
  MatonError,
  UnexpectedResponseError,
  describeGatewayFailure,
  errorFromResponse,
  failureMessage,
  failureSentence,
  isGatewayError,
  networkErrorCode,
  translateFailure,
} from "./errors";
import { socketError } from "./test-helpers";

const call = { method: "POST", path: "123/messages" };

const CATALOGS = { en, "zh-CN": zhCN, es, "pt-BR": ptBR, ar } as const;
const translator = (locale: Locale) => createTranslator({ locale, messages: CATALOGS[locale] as typeof en }) as unknown as Translate;
/** The table's English words, as the catalog has them. */
const ENGLISH = {
  "131047": explanationWords(translator("en"), ERROR_TABLE["131047"]),
  "maton:401": explanationWords(translator("en"), ERROR_TABLE["maton:401"]),
  "100": explanationWords(translator("en"), ERROR_TABLE["100"]),
};

describe("errorFromResponse", () => {
  it("keeps every field of Meta's error body and adds the plain explanation", () => {
    const body = {
      error: {
        message: "(#131047) Re-engagement message",
        type: "OAuthException",
        code: 131047,
        error_subcode: 2494010,
        error_user_title: "Re-engagement message",
        error_user_msg: "Message failed to send because more than 24 hours have passed",
        error_data: { messaging_product: "whatsapp", details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number." },
        fbtrace_id: "Az8or2yhqkZfEZ-_4Qn_Bam",
      },
    };
    const error = errorFromResponse(400, body, call);
    expect(error).toBeInstanceOf(GraphError);
    const graph = error as GraphError;
    expect(graph).toMatchObject({
      status: 400,
      code: 131047,
      subcode: 2494010,
      type: "OAuthException",
      graphTitle: "Re-engagement message",
      details: expect.stringContaining("24 hours"),
      fbtraceId: "Az8or2yhqkZfEZ-_4Qn_Bam",
      rawBody: body,
      title: "24-hour window closed",
      outcomeUnknown: false,
      method: "POST",
      path: "123/messages",
    });
    expect(graph.explanation).toMatch(/24 hours/);
    expect(graph.action).toMatch(/template/);
    expect(graph.message).toContain("131047");
  });

  it("uses Meta's message as title when there is no error_user_title", () => {
    const error = errorFromResponse(400, { error: { message: "(#100) Invalid parameter", type: "OAuthException", code: 100, fbtrace_id: "x" } }, call) as GraphError;
    expect(error.graphTitle).toBe("(#100) Invalid parameter");
    expect(error.details).toBeUndefined();
  });

  it("treats Meta's 404 for an unknown template as Meta's, not Maton's", () => {
    const error = errorFromResponse(404, { error: { message: "Template name does not exist", type: "OAuthException", code: 132001, fbtrace_id: "x" } }, call);
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).code).toBe(132001);
  });

  it("reads the simulator's Maton-tagged body as a MatonError", () => {
    const error = errorFromResponse(401, { error: { message: "Invalid API key", type: "MatonError", code: 401 } }, call);
    expect(error).toBeInstanceOf(MatonError);
    expect(error).toMatchObject({ status: 401, code: 401, serverMessage: "Invalid API key", title: "Maton key rejected" });
    expect(error.action).toContain("MATON_API_KEY");
  });

  it("accepts a text body from Maton", () => {
    const error = errorFromResponse(400, "Invalid app name", call) as MatonError;
    expect(error).toBeInstanceOf(MatonError);
    expect(error.rawBody).toBe("Invalid app name");
    expect(error.serverMessage).toBe("Invalid app name");
    expect(error.explanation).toMatch(/connection/);
  });

  it("accepts an empty body", () => {
    const error = errorFromResponse(429, undefined, call, { retryAfterMs: 1000 }) as MatonError;
    expect(error).toBeInstanceOf(MatonError);
    expect(error.code).toBe(429);
    expect(error.retryAfterMs).toBe(1000);
    expect(error.retryLater).toBe(true);
  });

  it("accepts JSON without an error object", () => {
    const error = errorFromResponse(404, { message: "Connection not found" }, call) as MatonError;
    expect(error).toBeInstanceOf(MatonError);
    expect(error.serverMessage).toBe("Connection not found");
    expect(errorFromResponse(400, { error: "bad request" }, call)).toMatchObject({ serverMessage: "bad request" });
    expect(errorFromResponse(400, [1, 2], call)).toBeInstanceOf(MatonError);
  });

  it("keeps a Meta-shaped body without fbtrace on a Maton status as Maton's", () => {
    expect(errorFromResponse(401, { error: { message: "Unauthorized", code: 401 } }, call)).toBeInstanceOf(MatonError);
  });

  it("explains 5xx without a Meta body as a passing gateway problem, flagged unknown for a send", () => {
    const error = errorFromResponse(502, "<html>Bad gateway</html>", call, { outcomeUnknown: true });
    expect(error).toBeInstanceOf(MatonError);
    expect(error.outcomeUnknown).toBe(true);
    expect(error.retryLater).toBe(true);
  });

  it("explains an unknown Graph code generically", () => {
    const error = errorFromResponse(400, { error: { message: "odd", type: "OAuthException", code: 999999, fbtrace_id: "x" } }, call) as GraphError;
    expect(error.code).toBe(999999);
    expect(error.title).toBe("WhatsApp error");
  });
});

describe("network errors", () => {
  it("finds the socket code under fetch's wrapper", () => {
    expect(networkErrorCode(socketError("ECONNREFUSED"))).toBe("ECONNREFUSED");
    expect(networkErrorCode(new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })]))).toBe("ECONNREFUSED");
    expect(networkErrorCode(new Error("plain"))).toBeUndefined();
  });

  it("knows a refused connection never reached the server", () => {
    expect(new GatewayNetworkError(socketError("ECONNREFUSED"), call, false).notSent).toBe(true);
    expect(new GatewayNetworkError(socketError("ECONNRESET"), call, true)).toMatchObject({ notSent: false, outcomeUnknown: true, code: "ECONNRESET" });
  });
});

describe("instanceof across bundles", () => {
  it("recognises a gateway error made by another copy of the classes, by its mark and kind", () => {
    // What an error from another bundle's copy of MatonError looks like to this one.
    const foreign = Object.assign(new Error("Maton 401"), {
      [Symbol.for("whatsapp-dashboard.gateway-error")]: true,
      kind: "maton",
    });
    expect(foreign instanceof GatewayError).toBe(true);
    expect(foreign instanceof MatonError).toBe(true);
    expect(foreign instanceof GraphError).toBe(false);
    expect(new Error("plain") instanceof GatewayError).toBe(false);
    expect(new MatonError(401, { error: { message: "bad key" } }, { method: "GET", path: "connections" }) instanceof GatewayError).toBe(true);
  });
});

describe("the description of a gateway failure", () => {
  const send = { method: "POST", path: "123/messages", idempotencyKey: "key-1" };

  it("keeps Meta's code, title, words and subcode beside ours", () => {
    const error = errorFromResponse(
      400,
      {
        error: {
          message: "(#131047) Re-engagement message",
          code: 131047,
          error_subcode: 2494010,
          error_user_title: "Re-engagement message",
          error_user_msg: "More than 24 hours have passed since the customer last replied.",
          error_data: { details: "24h passed" },
          fbtrace_id: "trace-1",
        },
      },
      send,
    );
    expect(describeGatewayFailure(error)).toEqual({
      kind: "graph",
      code: 131047,
      explanationKey: "codes.131047",
      title: "24-hour window closed",
      explanation: ENGLISH["131047"].explanation,
      action: ENGLISH["131047"].action,
      retryable: false,
      outcomeUnknown: false,
      graphTitle: "Re-engagement message",
      details: "More than 24 hours have passed since the customer last replied.",
      subcode: 2494010,
      fbtraceId: "trace-1",
    });
  });

  it("takes error_data.details, else Meta's message when its title is another", () => {
    const detailed = errorFromResponse(400, { error: { message: "(#100) Invalid parameter", code: 100, error_data: { details: "Param websites[0] must be a URL" }, fbtrace_id: "x" } }, send);
    expect(describeGatewayFailure(detailed)).toMatchObject({ graphTitle: "(#100) Invalid parameter", details: "Param websites[0] must be a URL" });
    const titled = errorFromResponse(400, { error: { message: "Name taken", code: 100, error_user_title: "Message Template Already Exists", fbtrace_id: "x" } }, send);
    expect(describeGatewayFailure(titled)).toMatchObject({ graphTitle: "Message Template Already Exists", details: "Name taken" });
    const plain = errorFromResponse(400, { error: { message: "(#100) Invalid parameter", code: 100, fbtrace_id: "x" } }, send);
    expect(describeGatewayFailure(plain).details).toBeUndefined();
  });

  it("describes Maton's own answer by its status and message; a 429 can be retried", () => {
    expect(describeGatewayFailure(errorFromResponse(401, { error: { message: "Invalid API key", type: "MatonError", code: 401 } }, send))).toEqual({
      kind: "maton",
      code: 401,
      explanationKey: "maton.401",
      title: "Maton key rejected",
      explanation: ENGLISH["maton:401"].explanation,
      action: ENGLISH["maton:401"].action,
      retryable: false,
      outcomeUnknown: false,
      details: "Invalid API key",
    });
    expect(describeGatewayFailure(errorFromResponse(429, undefined, send))).toMatchObject({ kind: "maton", code: 429, retryable: true, details: undefined });
  });

  it("names the socket code of a network failure and flags a send whose outcome is unknown", () => {
    const reset = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } });
    expect(describeGatewayFailure(new GatewayNetworkError(reset, send, true))).toMatchObject({
      kind: "network",
      code: "ECONNRESET",
      title: "Gateway unreachable",
      retryable: true,
      outcomeUnknown: true,
    });
    expect(describeGatewayFailure(new GatewayNetworkError(new Error("odd"), send, false)).code).toBeNull();
  });

  it("has no code for a timeout", () => {
    expect(describeGatewayFailure(new GatewayTimeoutError(5000, send, true))).toMatchObject({ kind: "timeout", code: null, title: "Gateway timed out", retryable: true, outcomeUnknown: true });
  });

  it("lists what an unexpected answer lacked, and places our own check at its first field", () => {
    const unexpected = new UnexpectedResponseError(200, [{ field: "messages", message: "is missing" }], {}, send, true);
    expect(describeGatewayFailure(unexpected)).toMatchObject({ kind: "unexpected_response", code: null, details: "messages: is missing", outcomeUnknown: true });
    expect(describeGatewayFailure(unexpected).field).toBeUndefined();
    const invalid = new InvalidRequestError(
      [
        { field: "", message: "Too many buttons." },
        { field: "text.body", message: "At most 4096 characters." },
      ],
      send,
    );
    expect(describeGatewayFailure(invalid)).toMatchObject({
      kind: "invalid_request",
      code: null,
      field: "text.body",
      details: "Too many buttons.; text.body: At most 4096 characters.",
      retryable: false,
    });
  });

  it("is plain data: the same after a trip through JSON", () => {
    const failure = describeGatewayFailure(errorFromResponse(502, "<html>Bad gateway</html>", send, { outcomeUnknown: true }));
    expect(JSON.parse(JSON.stringify(failure))).toEqual(failure);
  });

  it("is recognised by one function, across bundles too", () => {
    expect(isGatewayError(new GatewayTimeoutError(1, send, false))).toBe(true);
    expect(isGatewayError(Object.assign(new Error("x"), { [Symbol.for("whatsapp-dashboard.gateway-error")]: true, kind: "timeout" }))).toBe(true);
    expect(isGatewayError(new Error("plain"))).toBe(false);
    expect(isGatewayError("text")).toBe(false);
  });
});

describe("the sentence of a failure", () => {
  const failure = describeGatewayFailure(errorFromResponse(401, { error: { message: "Invalid API key", type: "MatonError", code: 401 } }, { method: "POST", path: "connections" }));

  it("reads title, the other side's words, what happened and what to do", () => {
    expect(failureMessage(failure)).toBe(
      "Maton key rejected (Invalid API key): The Maton gateway refused the API key: it is missing or invalid. Check MATON_API_KEY in the dashboard's configuration.",
    );
  });

  it("says what did not happen first, and takes the caller's advice instead of the table's", () => {
    expect(failureMessage(failure, { lead: "Not deleted.", action: "Ask an admin." })).toBe(
      "Not deleted. Maton key rejected (Invalid API key): The Maton gateway refused the API key: it is missing or invalid. Ask an admin.",
    );
  });

  it("leaves out the title for a view that shows it apart, and Meta's title when it is ours", () => {
    expect(failureMessage(failure, { withTitle: false })).toBe(
      "The Maton gateway refused the API key: it is missing or invalid. Check MATON_API_KEY in the dashboard's configuration. (Invalid API key)",
    );
    expect(failureMessage({ ...failure, graphTitle: "Maton key rejected", details: undefined })).toMatch(/^Maton key rejected: The Maton gateway/);
  });

  it("says Meta's words once, without its code prefix, and only when they add to our title", () => {
    const graph = describeGatewayFailure(
      errorFromResponse(400, { error: { message: "(#100) Invalid parameter", code: 100, error_data: { details: "Param websites[0] must be a URL" }, fbtrace_id: "x" } }, { method: "POST", path: "1/whatsapp_business_profile" }),
    );
    expect(failureMessage(graph)).toBe(`Invalid parameter (Param websites[0] must be a URL): ${ENGLISH["100"].explanation} ${ENGLISH["100"].action}`);
    expect(failureMessage({ ...graph, graphTitle: "Spam Rate limit hit", details: "Spam rate limit hit." })).toMatch(/^Invalid parameter \(Spam Rate limit hit\): /);
  });

  it("words the server's own refusals from the table the same way", () => {
    expect(failureMessage(ERROR_TABLE["131047"])).toBe(`24-hour window closed: ${ENGLISH["131047"].explanation} ${ENGLISH["131047"].action}`);
  });

  it("keeps words of one's own that name no entry of the table", () => {
    expect(failureMessage({ title: "Not linked", explanation: "The number is not linked.", action: "Link it." }, { lead: "Not sent." })).toBe(
      "Not sent. Not linked: The number is not linked. Link it.",
    );
  });
});

describe("a failure in the reader's language", () => {
  const failure = describeGatewayFailure(errorFromResponse(401, { error: { message: "Invalid API key", type: "MatonError", code: 401 } }, { method: "POST", path: "connections" }));
  const graph = describeGatewayFailure(
    errorFromResponse(400, { error: { message: "(#131047) 24-hour window closed", code: 131047, fbtrace_id: "x" } }, call),
  );

  it("translates our words and leaves Meta's and Maton's as they wrote them", () => {
    const spanish = translateFailure(translator("es"), failure);
    expect(spanish).toEqual({ ...failure, ...explanationWords(translator("es"), "maton.401") });
    expect(spanish.title).not.toBe(failure.title);
    expect(spanish.details).toBe("Invalid API key");
    expect(translateFailure(translator("en"), failure)).toEqual(failure);
  });

  it("writes the sentence in the reader's language, with a translated lead and Maton's own words", () => {
    const spanish = failureSentence(translator("es"), failure, { lead: message("common.errors.noAnswer") });
    const words = explanationWords(translator("es"), "maton.401");
    expect(spanish).toBe(`${translator("es")("common.errors.noAnswer")} ${words.title} (Invalid API key): ${words.explanation} ${words.action}`);
    const chinese = failureSentence(translator("zh-CN"), failure);
    expect(chinese).toContain("Invalid API key");
    expect(chinese).toContain(explanationWords(translator("zh-CN"), "maton.401").explanation);
  });

  it("says the same thing in English as failureMessage", () => {
    expect(failureSentence(translator("en"), failure, { lead: "Not deleted." })).toBe(failureMessage(failure, { lead: "Not deleted." }));
    expect(failureSentence(translator("en"), ERROR_TABLE["131047"])).toBe(failureMessage(ERROR_TABLE["131047"]));
  });

  it("leaves out Meta's title when it is our English title, whatever the reader's language", () => {
    const words = explanationWords(translator("pt-BR"), "codes.131047");
    expect(failureSentence(translator("pt-BR"), graph)).toBe(`${words.title}: ${words.explanation} ${words.action}`);
  });
});
