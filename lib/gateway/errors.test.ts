import { describe, expect, it } from "vitest";

import { GatewayError, GatewayNetworkError, GraphError, MatonError, errorFromResponse, networkErrorCode } from "./errors";
import { socketError } from "./test-helpers";

const call = { method: "POST", path: "123/messages" };

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
