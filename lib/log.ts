import "server-only";

import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

import pino, { type DestinationStream, type Logger, type LoggerOptions } from "pino";
import pretty, { type MessageFormatFunc } from "pino-pretty";
import { z } from "@/lib/zod";

export type { Logger } from "pino";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = "json" | "pretty";

const logEnvSchema = z.object({
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(", ")}` }))
    .optional(),
  LOG_FORMAT: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(["json", "pretty"], { message: "must be json or pretty" }))
    .optional(),
  NODE_ENV: z.string().optional(),
});

export interface LogSettings {
  level: LogLevel;
  format: LogFormat;
}

/**
 * LOG_LEVEL (default info) and LOG_FORMAT (default: json in production, pretty elsewhere). Read here
 * rather than through lib/env.ts, whose configuration needs the whole environment: a script or a
 * job must be able to log an invalid configuration.
 */
export function parseLogSettings(source: Record<string, string | undefined>): LogSettings {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = logEnvSchema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join("\n")}`);
  }
  const { LOG_LEVEL, LOG_FORMAT, NODE_ENV } = result.data;
  return { level: LOG_LEVEL ?? "info", format: LOG_FORMAT ?? (NODE_ENV === "production" ? "json" : "pretty") };
}

/**
 * Keys that hold secrets wherever they appear in a logged object (top level or one level down):
 * the Maton key, the app and session secrets, passwords, tokens, cookies and authorization headers.
 */
const SECRET_KEYS = [
  "password",
  "passwordHash",
  "newPassword",
  "currentPassword",
  "apiKey",
  "matonApiKey",
  "MATON_API_KEY",
  "appSecret",
  "whatsappAppSecret",
  "WHATSAPP_APP_SECRET",
  "authSecret",
  "AUTH_SECRET",
  "secret",
  "token",
  "accessToken",
  "verifyToken",
  "whatsappVerifyToken",
  "pathToken",
  "authorization",
  "Authorization",
  "cookie",
  "Cookie",
  '"set-cookie"',
];
// Node's and fetch's header objects use lower case; a hand-built one may not.
const SECRET_HEADERS = ["authorization", "Authorization", "cookie", "Cookie", '"set-cookie"', '"proxy-authorization"', '"x-api-key"'];

function bracketed(key: string): string {
  return key.startsWith('"') ? `[${key}]` : `.${key}`;
}

/** pino redact paths: secrets at the top level, one level down, and in any `headers` object up to two levels down. */
export const REDACTED_PATHS: readonly string[] = [
  ...SECRET_KEYS.map((key) => (key.startsWith('"') ? `[${key}]` : key)),
  ...SECRET_KEYS.map((key) => `*${bracketed(key)}`),
  ...SECRET_HEADERS.flatMap((header) => [`headers${bracketed(header)}`, `*.headers${bracketed(header)}`]),
];

const REDACTED = "[redacted]";

/** One request's identity, carried through every await of its handling. */
export interface RequestContext {
  requestId: string;
}

const globalForLog = globalThis as unknown as {
  dashboardRequestContext?: AsyncLocalStorage<RequestContext>;
  dashboardLogger?: Logger;
};
// On globalThis: Next may load this module once per bundle, and every copy must see the same request.
const requestContext = (globalForLog.dashboardRequestContext ??= new AsyncLocalStorage<RequestContext>());

export interface CreateLoggerOptions extends Partial<LogSettings> {
  /** Where lines go (default stdout); tests pass a memory stream. */
  destination?: DestinationStream;
  /** Colours in the pretty format (default: when stdout is a terminal). */
  colorize?: boolean;
}

/** A root logger: JSON lines, or one readable line per event, each with the current request's id. */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const fromEnv = options.level === undefined || options.format === undefined ? parseLogSettings(process.env) : undefined;
  const level = options.level ?? fromEnv?.level ?? "info";
  const format = options.format ?? fromEnv?.format ?? "json";
  const base: LoggerOptions = {
    level,
    redact: { paths: [...REDACTED_PATHS], censor: REDACTED },
    mixin: () => {
      const context = requestContext.getStore();
      return context ? { requestId: context.requestId } : {};
    },
  };
  if (format === "json") {
    return pino(
      {
        ...base,
        timestamp: pino.stdTimeFunctions.isoTime,
        // "level":"warn" reads better in a log viewer than pino's number.
        formatters: { level: (label) => ({ level: label }) },
      },
      options.destination ?? pino.destination({ dest: 1, sync: true }),
    );
  }
  // A synchronous stream in this thread: pino's worker-thread transports do not survive Next's bundler.
  const stream = pretty({
    sync: true,
    colorize: options.colorize ?? Boolean(process.stdout.isTTY),
    translateTime: "SYS:HH:MM:ss.l",
    ignore: "pid,hostname",
    hideObject: true,
    messageFormat: prettyLine,
    ...(options.destination ? { destination: options.destination } : { destination: 1 }),
  });
  return pino(base, stream);
}

/** Keys every line has, or that prettyLine shows in its own place. */
const PRETTY_LINE_KEYS = new Set(["level", "time", "pid", "hostname", "area", "err"]);
const ERROR_LEVEL = pino.levels.values.error ?? 50;

interface SerializedError {
  type: string;
  message: string;
  stack?: string;
}

function isSerializedError(value: unknown): value is SerializedError {
  return typeof value === "object" && value !== null && "message" in value && typeof value.message === "string";
}

/** Drops control characters (terminal escapes included) from text that may come from outside. */
function printable(text: string): string {
  return Array.from(text, (char) => (char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f ? " " : char)).join("");
}

/**
 * One line per event: `[area] message: Type: error message {"the":"rest"}`. Only an error-level
 * line adds the stack below it, so a warning that repeats (a gateway that is down) stays one line.
 */
const prettyLine: MessageFormatFunc = (log, messageKey, _levelLabel, { colors }) => {
  const area = typeof log.area === "string" ? `[${log.area}] ` : "";
  let line = `${area}${printable(String(log[messageKey] ?? ""))}`;
  const err = isSerializedError(log.err) ? log.err : undefined;
  if (err) line += `: ${printable(`${err.type}: ${err.message}`)}`;
  const rest = Object.fromEntries(Object.entries(log).filter(([key]) => key !== messageKey && !PRETTY_LINE_KEYS.has(key)));
  if (Object.keys(rest).length > 0) line += ` ${colors.gray(JSON.stringify(rest))}`;
  if (err?.stack && typeof log.level === "number" && log.level >= ERROR_LEVEL) {
    const frames = err.stack.split("\n").filter((frame) => /^\s+at /.test(frame));
    if (frames.length > 0) line += `\n${colors.gray(frames.join("\n"))}`;
  }
  return line;
};

/** The process's root logger, configured from LOG_LEVEL and LOG_FORMAT on first use. */
export function rootLogger(): Logger {
  globalForLog.dashboardLogger ??= createLogger();
  return globalForLog.dashboardLogger;
}

/** A child logger whose lines say which part of the dashboard wrote them: `logger("webhooks")`. */
export function logger(area: string): Logger {
  return rootLogger().child({ area });
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * The request id the proxy put on the request (`x-request-id`), or a new one when the request did not
 * pass through it. A value that does not look like an id is replaced, so a caller cannot forge log lines.
 */
export function requestIdFrom(headers: Pick<Headers, "get"> | undefined): string {
  const given = headers?.get("x-request-id")?.trim();
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

/** Runs `work` with `context` as the current request: every line it logs, however deep, carries its id. */
export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return requestContext.run(context, work);
}

/** The id of the request being handled, if any (for an error page or a response header). */
export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

/**
 * Wraps a route handler so that what it logs carries the request's id:
 * `export const POST = withRequestContext(async (request) => …)`.
 */
export function withRequestContext<Args extends [Request, ...unknown[]], Result>(
  handler: (...args: Args) => Result,
): (...args: Args) => Result {
  return (...args) => runWithRequestContext({ requestId: requestIdFrom(args[0].headers) }, () => handler(...args));
}
