import { Writable } from "node:stream";

import { describe, expect, it } from "vitest";

import { createLogger, currentRequestId, parseLogSettings, requestIdFrom, runWithRequestContext, withRequestContext, type CreateLoggerOptions } from "./log";

/** A logger writing into memory; `lines()` parses what it wrote (JSON) or returns the raw text (pretty). */
function memoryLogger(options: CreateLoggerOptions = {}) {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const log = createLogger({ level: "info", format: "json", ...options, destination });
  const text = () => chunks.join("");
  const lines = () =>
    text()
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { log, text, lines };
}

describe("the structured logger", () => {
  it("writes one JSON object per line with the level's name, an ISO time, the area and the message", () => {
    const { log, lines } = memoryLogger();
    log.child({ area: "webhooks" }).warn({ eventId: "e1" }, "refused a delivery");
    const [line] = lines();
    expect(line).toMatchObject({ level: "warn", area: "webhooks", eventId: "e1", msg: "refused a delivery" });
    expect(new Date(String(line?.time)).toISOString()).toBe(line?.time);
    expect(lines()).toHaveLength(1);
  });

  it("serialises an error given as `err` with its type, message and stack", () => {
    const { log, lines } = memoryLogger();
    log.error({ err: new TypeError("no such phone number") }, "sync failed");
    const err = lines()[0]?.err as Record<string, unknown>;
    expect(err).toMatchObject({ type: "TypeError", message: "no such phone number" });
    expect(err.stack).toContain("TypeError: no such phone number");
  });

  it("adds the request id to every line logged inside a request context, however deep, and to no other line", async () => {
    const { log, lines } = memoryLogger();
    const gateway = log.child({ area: "gateway" });
    log.info("before");
    await runWithRequestContext({ requestId: "req-42" }, async () => {
      log.info("at the start");
      await new Promise((resolve) => setImmediate(resolve));
      gateway.warn("after an await, from a child logger");
    });
    log.info("after");
    expect(lines().map((line) => [line.msg, line.requestId])).toEqual([
      ["before", undefined],
      ["at the start", "req-42"],
      ["after an await, from a child logger", "req-42"],
      ["after", undefined],
    ]);
  });

  it("keeps concurrent requests' ids apart", async () => {
    const { log, lines } = memoryLogger();
    const handle = (requestId: string, waitTurns: number) =>
      runWithRequestContext({ requestId }, async () => {
        for (let turn = 0; turn < waitTurns; turn += 1) await new Promise((resolve) => setImmediate(resolve));
        log.info({ expected: requestId }, "handled");
      });
    await Promise.all([handle("first", 3), handle("second", 1), handle("third", 2)]);
    expect(lines()).toHaveLength(3);
    for (const line of lines()) expect(line.requestId).toBe(line.expected);
  });

  it("hides secrets at the top level, one level down and in headers", () => {
    const { log, text, lines } = memoryLogger();
    log.info(
      {
        password: "hunter2-hunter2",
        config: { matonApiKey: "maton-key-123", whatsappAppSecret: "app-secret-456", syncIntervalSeconds: 60 },
        headers: { authorization: "Bearer maton-key-123", cookie: "authjs.session-token=abc", accept: "application/json" },
        request: { headers: { Authorization: "Bearer maton-key-123", "set-cookie": "authjs.session-token=abc" } },
      },
      "configuration loaded",
    );
    const [line] = lines();
    expect(line).toMatchObject({
      password: "[redacted]",
      config: { matonApiKey: "[redacted]", whatsappAppSecret: "[redacted]", syncIntervalSeconds: 60 },
      headers: { authorization: "[redacted]", cookie: "[redacted]", accept: "application/json" },
      request: { headers: { Authorization: "[redacted]", "set-cookie": "[redacted]" } },
    });
    for (const secret of ["hunter2", "maton-key-123", "app-secret-456", "session-token=abc"]) expect(text()).not.toContain(secret);
  });

  it("leaves out lines below the configured level", () => {
    const { log, lines } = memoryLogger({ level: "warn" });
    log.info("routine");
    log.debug("detail");
    log.warn("odd");
    log.error("broken");
    expect(lines().map((line) => line.msg)).toEqual(["odd", "broken"]);
  });

  it("prints one readable line per event in the pretty format, with the area, message, request id and no colours when asked", () => {
    const { log, text } = memoryLogger({ format: "pretty", colorize: false });
    runWithRequestContext({ requestId: "req-7" }, () => log.child({ area: "jobs" }).warn({ job: "account-sync", password: "pw-123456789" }, "job failed"));
    const output = text();
    expect(output.trimEnd().split("\n")).toHaveLength(1);
    expect(output).toMatch(/WARN.*\[jobs\] job failed/);
    expect(output).toContain('"requestId":"req-7"');
    expect(output).toContain('"job":"account-sync"');
    expect(output).not.toContain("pw-123456789");
    expect(output).not.toContain("\u001b[");
  });

  it("keeps a warning with an error on one line, and shows an error's stack below its line", () => {
    const { log, text } = memoryLogger({ format: "pretty", colorize: false });
    const jobs = log.child({ area: "jobs" });
    jobs.warn({ err: new Error("gateway unreachable"), job: "account-sync" }, "job failed");
    const warning = text();
    expect(warning.trimEnd().split("\n")).toEqual([expect.stringMatching(/WARN.*\[jobs\] job failed: Error: gateway unreachable \{"job":"account-sync"\}$/)]);
    jobs.error({ err: new TypeError("cannot read id") }, "handler crashed");
    const [headline, ...frames] = text().slice(warning.length).trimEnd().split("\n");
    expect(headline).toMatch(/ERROR.*\[jobs\] handler crashed: TypeError: cannot read id$/);
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) expect(frame).toMatch(/^\s+at /);
  });

  it("does not let a message or an error print terminal control characters", () => {
    const { log, text } = memoryLogger({ format: "pretty", colorize: false });
    log.warn({ err: new Error("bad\u001b[31mred\nsecond line") }, "refused \u001b[2J delivery");
    expect(text()).not.toContain("\u001b");
    expect(text().trimEnd().split("\n")).toHaveLength(1);
  });
});

describe("log settings from the environment", () => {
  it("defaults to info, JSON in production and pretty elsewhere", () => {
    expect(parseLogSettings({ NODE_ENV: "production" })).toEqual({ level: "info", format: "json" });
    expect(parseLogSettings({ NODE_ENV: "development" })).toEqual({ level: "info", format: "pretty" });
    expect(parseLogSettings({})).toEqual({ level: "info", format: "pretty" });
  });

  it("takes LOG_LEVEL and LOG_FORMAT in any case, and an empty value as unset", () => {
    expect(parseLogSettings({ NODE_ENV: "production", LOG_LEVEL: "DEBUG", LOG_FORMAT: "Pretty" })).toEqual({ level: "debug", format: "pretty" });
    expect(parseLogSettings({ NODE_ENV: "production", LOG_LEVEL: "" })).toEqual({ level: "info", format: "json" });
  });

  it("names a bad value", () => {
    expect(() => parseLogSettings({ LOG_LEVEL: "verbose" })).toThrow(/LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent/);
    expect(() => parseLogSettings({ LOG_FORMAT: "xml" })).toThrow(/LOG_FORMAT: must be json or pretty/);
  });
});

describe("request ids", () => {
  it("takes the proxy's x-request-id and replaces a missing or malformed one with a fresh id", () => {
    expect(requestIdFrom(new Headers({ "x-request-id": "3f2a-91c0" }))).toBe("3f2a-91c0");
    const fresh = requestIdFrom(new Headers());
    expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(new Headers())).not.toBe(fresh);
    expect(requestIdFrom(new Headers({ "x-request-id": 'x" forged {"level":"error"}' }))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(new Headers({ "x-request-id": "a".repeat(129) }))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("enters the request's context around a route handler, passing its arguments and result through", async () => {
    const handler = withRequestContext(async (request: Request, context: { params: Promise<{ id: string }> }) => {
      const { id } = await context.params;
      return Response.json({ id, method: request.method, requestId: currentRequestId() });
    });
    const response = await handler(new Request("http://127.0.0.1/api/things/9", { method: "POST", headers: { "x-request-id": "req-route" } }), {
      params: Promise.resolve({ id: "9" }),
    });
    expect(await response.json()).toEqual({ id: "9", method: "POST", requestId: "req-route" });
    expect(currentRequestId()).toBeUndefined();
  });
});
