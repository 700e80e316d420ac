import { describe, expect, it } from "vitest";

import { buildTextMessage, validateOutboundMessage } from "@/lib/whatsapp/message-builders";

import { createGatewayClient } from "./client";
import { GatewayNetworkError, GatewayTimeoutError, GraphError, InvalidRequestError, MatonError, UnexpectedResponseError } from "./errors";
import { type Scripted, fakeClock, graphErrorBody, hang, jsonResponse, scriptedFetch, socketError } from "./test-helpers";

const sent = { messaging_product: "whatsapp", contacts: [{ input: "15550001111", wa_id: "15550001111" }], messages: [{ id: "wamid.ABC" }] };

function clientWith(script: Scripted[], extra: Partial<Parameters<typeof createGatewayClient>[0]> = {}) {
  const { fetch, calls } = scriptedFetch(script);
  const clock = fakeClock();
  const client = createGatewayClient({
    apiKey: "key-123",
    gatewayUrl: "https://gateway.example/",
    ctrlUrl: "https://ctrl.example",
    fetch,
    limiter: false,
    clock,
    random: () => 0.5,
    ...extra,
  });
  return { client, calls, clock };
}

/** A message as the inbox hands it to the gateway: built and checked by lib/whatsapp. */
function checked(message: unknown) {
  const validation = validateOutboundMessage(message);
  if (!validation.ok) throw new Error(`not a valid message: ${JSON.stringify(validation.problems)}`);
  return validation.message;
}

const text = checked(buildTextMessage({ to: "+1 555 000 1111", body: "Hello" }));

describe("request basics", () => {
  it("sends to the gateway path with the key, the connection and a JSON body", async () => {
    const { client, calls } = clientWith([jsonResponse(sent)]);
    const result = await client.messages.sendMessage("1234", text, { connectionId: "conn-1" });
    expect(result).toMatchObject({ messageId: "wamid.ABC", waId: "15550001111" });
    const call = calls[0]!;
    expect(call.url).toBe("https://gateway.example/whatsapp-business/v21.0/1234/messages");
    expect(call.method).toBe("POST");
    expect(call.headers.get("authorization")).toBe("Bearer key-123");
    expect(call.headers.get("maton-connection")).toBe("conn-1");
    expect(call.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(String(call.body))).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "15550001111",
      type: "text",
      text: { body: "Hello" },
    });
  });

  it("leaves Maton-Connection out when no connection is given, and on the control plane", async () => {
    const { client, calls } = clientWith([jsonResponse({ connections: [] })]);
    await client.connections.listConnections({ status: "ACTIVE" });
    expect(calls[0]!.url).toBe("https://ctrl.example/connections?app=whatsapp-business&status=ACTIVE");
    expect(calls[0]!.headers.has("maton-connection")).toBe(false);
    expect(calls[0]!.headers.get("authorization")).toBe("Bearer key-123");
  });

  it("turns an unexpected 2xx shape into a typed error, flagged unknown on a send", async () => {
    const { client } = clientWith([jsonResponse({ ok: true })]);
    const error = await client.messages.sendMessage("1234", text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as UnexpectedResponseError).outcomeUnknown).toBe(true);
  });

  it("carries the idempotency key into errors", async () => {
    const { client } = clientWith([jsonResponse(graphErrorBody(131047), 400)]);
    const error = (await client.messages.sendMessage("1234", text, { idempotencyKey: "msg-77" }).catch((e: unknown) => e)) as GraphError;
    expect(error).toBeInstanceOf(GraphError);
    expect(error.idempotencyKey).toBe("msg-77");
    expect(error.outcomeUnknown).toBe(false);
  });
});

describe("retries", () => {
  it("retries a send after 429, waiting Retry-After", async () => {
    const { client, calls, clock } = clientWith([jsonResponse({ error: { message: "slow", type: "MatonError", code: 429 } }, 429, { "retry-after": "2" }), jsonResponse(sent)]);
    await expect(client.messages.sendMessage("1234", text)).resolves.toMatchObject({ messageId: "wamid.ABC" });
    expect(calls).toHaveLength(2);
    expect(clock.sleeps).toEqual([2000]);
  });

  it("does not retry a send after a 5xx and says the outcome is unknown", async () => {
    const { client, calls } = clientWith([jsonResponse(graphErrorBody(131000), 500), jsonResponse(sent)]);
    const error = (await client.messages.sendMessage("1234", text).catch((e: unknown) => e)) as GraphError;
    expect(error).toBeInstanceOf(GraphError);
    expect(error.outcomeUnknown).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it("does not retry a send after a timeout and says the outcome is unknown", async () => {
    const { client, calls } = clientWith([hang, jsonResponse(sent)], { timeoutMs: 30 });
    const error = (await client.messages.sendMessage("1234", text).catch((e: unknown) => e)) as GatewayTimeoutError;
    expect(error).toBeInstanceOf(GatewayTimeoutError);
    expect(error).toMatchObject({ outcomeUnknown: true, timeoutMs: 30 });
    expect(calls).toHaveLength(1);
  });

  it("does not retry a send after a connection reset", async () => {
    const { client, calls } = clientWith([socketError("ECONNRESET"), jsonResponse(sent)]);
    const error = (await client.messages.sendMessage("1234", text).catch((e: unknown) => e)) as GatewayNetworkError;
    expect(error).toBeInstanceOf(GatewayNetworkError);
    expect(error.outcomeUnknown).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it("retries a send whose connection was refused before any byte was sent", async () => {
    const { client, calls } = clientWith([socketError("ECONNREFUSED"), jsonResponse(sent)]);
    await expect(client.messages.sendMessage("1234", text)).resolves.toMatchObject({ messageId: "wamid.ABC" });
    expect(calls).toHaveLength(2);
  });

  it("retries reads after 5xx and timeouts with capped, jittered backoff", async () => {
    const { client, calls, clock } = clientWith([jsonResponse({}, 503), hang, jsonResponse({}, 502), jsonResponse({ data: [] })], {
      timeoutMs: 20,
      retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 150 },
    });
    await expect(client.templates.listTemplates("waba-1")).resolves.toMatchObject({ templates: [] });
    expect(calls).toHaveLength(4);
    expect(clock.sleeps).toEqual([50, 75, 75]); // random 0.5 × min(cap, base × 2^n)
  });

  it("gives up after the last attempt and reports how many were made", async () => {
    const { client, calls } = clientWith([jsonResponse({}, 503)], { retry: { maxAttempts: 3 } });
    const error = (await client.phoneNumbers.getPhoneNumber("1234").catch((e: unknown) => e)) as MatonError;
    expect(error).toBeInstanceOf(MatonError);
    expect(error.attempts).toBe(3);
    expect(error.outcomeUnknown).toBe(false);
    expect(calls).toHaveLength(3);
  });

  it("lets the caller abort without turning it into a gateway error", async () => {
    const { client } = clientWith([hang]);
    const controller = new AbortController();
    const pending = client.templates.listTemplates("waba-1", {}, { signal: controller.signal });
    controller.abort(new Error("navigated away"));
    await expect(pending).rejects.toThrow("navigated away");
  });
});

describe("media", () => {
  it("uploads multipart with the file's MIME type", async () => {
    const { client, calls } = clientWith([jsonResponse({ id: "media-9" })]);
    const result = await client.media.uploadMedia("1234", { file: new Uint8Array([1, 2, 3]), mimeType: "image/png", filename: "a.png" });
    expect(result).toEqual({ id: "media-9" });
    const form = calls[0]!.body as FormData;
    expect(form.get("messaging_product")).toBe("whatsapp");
    expect(form.get("type")).toBe("image/png");
    const file = form.get("file") as File;
    expect(file.type).toBe("image/png");
    expect(file.name).toBe("a.png");
    expect(calls[0]!.headers.has("content-type")).toBe(false); // fetch sets the multipart boundary
  });

  it("refuses a file WhatsApp would refuse, before uploading", async () => {
    const { client, calls } = clientWith([jsonResponse({ id: "x" })]);
    await expect(client.media.uploadMedia("1234", { file: new Uint8Array(10), mimeType: "image/gif" })).rejects.toBeInstanceOf(InvalidRequestError);
    expect(calls).toHaveLength(0);
  });

  it("downloads in one call: looks up the URL, then streams the bytes with the same key", async () => {
    const info = { messaging_product: "whatsapp", id: "m1", url: "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=m1&ext=1", mime_type: "image/jpeg", sha256: "abc", file_size: 3 };
    const { client, calls } = clientWith([jsonResponse(info), new Response(new Uint8Array([7, 8, 9]), { headers: { "content-type": "image/jpeg" } })]);
    const download = await client.media.downloadMedia("m1", { phoneNumberId: "1234", connectionId: "c1" });
    expect(new Uint8Array(await new Response(download.body).arrayBuffer())).toEqual(new Uint8Array([7, 8, 9]));
    expect(download).toMatchObject({ mimeType: "image/jpeg", size: 3, sha256: "abc" });
    expect(calls[0]!.url).toBe("https://gateway.example/whatsapp-business/v21.0/m1?phone_number_id=1234");
    // The Maton key never goes to Meta's host: the bytes come through the gateway.
    expect(calls[1]!.url).toBe("https://gateway.example/whatsapp-business/whatsapp_business/attachments/?mid=m1&ext=1");
    expect(calls[1]!.headers.get("authorization")).toBe("Bearer key-123");
    expect(calls[1]!.headers.get("maton-connection")).toBe("c1");
  });
});

describe("templates", () => {
  it("walks every page with the after cursor and passes the filters", async () => {
    const page = (ids: string[], after: string | undefined) =>
      jsonResponse({
        data: ids.map((id) => ({ id, name: `t_${id}`, language: "en_US", status: "APPROVED", category: "UTILITY", components: [] })),
        paging: { cursors: { before: "b", after }, ...(after ? { next: "https://next" } : {}) },
      });
    const { client, calls } = clientWith([page(["1", "2"], "c1"), page(["3"], "c2"), page(["4"], undefined)]);
    const all = await client.templates.listAllTemplates("waba-1", { status: ["APPROVED", "PAUSED"], category: "UTILITY", pageSize: 2 });
    expect(all.map((t) => t.id)).toEqual(["1", "2", "3", "4"]);
    expect(calls).toHaveLength(3);
    const urls = calls.map((c) => new URL(c.url));
    expect(urls[0]!.searchParams.get("status")).toBe("APPROVED,PAUSED");
    expect(urls[0]!.searchParams.get("category")).toBe("UTILITY");
    expect(urls[0]!.searchParams.get("limit")).toBe("2");
    expect(urls[0]!.searchParams.has("after")).toBe(false);
    expect(urls[1]!.searchParams.get("after")).toBe("c1");
    expect(urls[2]!.searchParams.get("after")).toBe("c2");
  });

  it("deletes by name or by hsm_id", async () => {
    const { client, calls } = clientWith([jsonResponse({ success: true })]);
    await client.templates.deleteTemplate("waba-1", { name: "order_update", hsmId: "777" });
    expect(calls[0]!.method).toBe("DELETE");
    expect(calls[0]!.url).toBe("https://gateway.example/whatsapp-business/v21.0/waba-1/message_templates?name=order_update&hsm_id=777");
  });
});

describe("configuration", () => {
  it("refuses a missing key or a bad URL", () => {
    expect(() => createGatewayClient({ apiKey: "", gatewayUrl: "https://g", ctrlUrl: "https://c" })).toThrow(/apiKey/);
    expect(() => createGatewayClient({ apiKey: "k", gatewayUrl: "gateway", ctrlUrl: "https://c" })).toThrow(/gatewayUrl/);
  });

  it("queues calls through the limiter it is given", async () => {
    const clock = fakeClock();
    const stamps: number[] = [];
    const { client } = clientWith([(_call) => { stamps.push(clock.now()); return jsonResponse({ success: true }); }], { limiter: { requestsPerWindow: 10, marginMs: 0 }, clock });
    await Promise.all(Array.from({ length: 30 }, () => client.media.deleteMedia("m1")));
    expect(stamps.slice(0, 10).every((t) => t === 0)).toBe(true);
    expect(Math.max(...stamps)).toBe(2000);
  });
});

describe("download timeouts and summaries", () => {
  it("names a download that stalls mid-stream a timeout", async () => {
    const info = { id: "m1", url: "https://gateway.example/files/m1", mime_type: "image/png", sha256: "s", file_size: 10 };
    const stalled = (_call: unknown, signal: AbortSignal | undefined) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array([1]));
          signal?.addEventListener("abort", () => controller.error(signal.reason), { once: true });
        },
      });
      return new Response(body);
    };
    const { client, calls } = clientWith([jsonResponse(info), stalled], { mediaTimeoutMs: 30 });
    const download = await client.media.downloadMedia("m1");
    expect(calls[1]!.url).toBe("https://gateway.example/files/m1"); // same host as the gateway: used as is
    await expect(new Response(download.body).arrayBuffer()).rejects.toBeInstanceOf(GatewayTimeoutError);
  });

  it("describes an error as plain data for the app", async () => {
    const { describeGatewayFailure } = await import("./errors");
    const { client } = clientWith([jsonResponse(graphErrorBody(131047, { error_user_title: "Re-engagement message", error_data: { details: "24h passed" } }), 400)]);
    const error = (await client.messages.sendMessage("1234", text).catch((e: unknown) => e)) as GraphError;
    expect(describeGatewayFailure(error)).toMatchObject({
      kind: "graph",
      code: 131047,
      title: "24-hour window closed",
      graphTitle: "Re-engagement message",
      details: "24h passed",
      outcomeUnknown: false,
      fbtraceId: "AbC123",
    });
  });
});
