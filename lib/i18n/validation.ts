/**
 * zod's messages, translated: every issue's message is a catalog key with the limit zod reports
 * (encoded, see translatable.ts), put into words where it is shown (a form's field, an action's
 * answer). Browser-safe: the schemas are shared by the forms and the server.
 */
import { z } from "zod";

import { encodeMessage, type MessageKey } from "./translatable";

type Issue = z.core.$ZodRawIssue;

/** The values a message may use: the limit and what it applies to, from the issue. */
function issueValues(issue: Issue): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  const limits = issue as { minimum?: unknown; maximum?: unknown; origin?: unknown; expected?: unknown; format?: unknown };
  if (typeof limits.minimum === "number" || typeof limits.minimum === "bigint") values.minimum = Number(limits.minimum);
  if (typeof limits.maximum === "number" || typeof limits.maximum === "bigint") values.maximum = Number(limits.maximum);
  if (typeof limits.origin === "string") values.origin = limits.origin;
  if (typeof limits.format === "string") values.format = limits.format;
  return values;
}

/**
 * A schema's own message: `z.string().max(100, invalid("validation.name.tooLong"))`; the catalog's
 * text may use `{maximum}` / `{minimum}`, filled from the issue.
 */
export function invalid(key: MessageKey): { error: (issue: Issue) => string } {
  return { error: (issue) => encodeMessage({ key, values: issueValues(issue) }) };
}

/** The message for an issue no schema words itself: one per kind of problem, with its limit. */
function defaultMessage(issue: Issue): string {
  const values = issueValues(issue);
  switch (issue.code) {
    case "too_small":
      if (values.origin === "string") return encodeMessage({ key: values.minimum === 1 ? "validation.required" : "validation.tooShort", values });
      if (values.origin === "array" || values.origin === "set") return encodeMessage({ key: "validation.tooFewItems", values });
      return encodeMessage({ key: "validation.tooSmall", values });
    case "too_big":
      if (values.origin === "string") return encodeMessage({ key: "validation.tooLong", values });
      if (values.origin === "array" || values.origin === "set") return encodeMessage({ key: "validation.tooManyItems", values });
      return encodeMessage({ key: "validation.tooBig", values });
    case "invalid_format":
      if (values.format === "email") return encodeMessage({ key: "validation.invalidEmail" });
      if (values.format === "url") return encodeMessage({ key: "validation.invalidUrl" });
      return encodeMessage({ key: "validation.invalidFormat" });
    case "invalid_type":
      return encodeMessage({ key: issue.input === undefined ? "validation.required" : "validation.invalid" });
    default:
      return encodeMessage({ key: "validation.invalid" });
  }
}

let configured = false;

/**
 * zod's configuration, once per runtime (lib/zod.ts runs it before any schema is built): its defaults
 * become catalog keys, and in the browser it never compiles validators with eval (the pages'
 * Content-Security-Policy forbids it; zod would probe for it when a schema is built, a reported violation).
 */
export function configureValidationMessages(): void {
  if (configured) return;
  configured = true;
  z.config(typeof window === "undefined" ? { customError: defaultMessage } : { customError: defaultMessage, jitless: true });
}
