/**
 * The one browser-side reader of a server action's answer. Whatever came back (data, the server's
 * refusal, invalid input, nothing because the call threw), components read it through here: either the
 * data, or a message for the person with the field errors and the gateway failure behind it.
 * Browser-safe: types only from the server side.
 */
import type { ActionFailure } from "@/lib/actions/errors";
import type { GatewayFailure } from "@/lib/gateway/errors";

/** What an action's call can leave in the browser: next-safe-action's result, or a hook's `error` (with the call's own throw). */
export interface ActionResultLike<Data> {
  data?: Data;
  serverError?: ActionFailure;
  validationErrors?: unknown;
  /** Set by next-safe-action's hooks when the call itself threw (the network, a dashboard updated meanwhile). */
  thrownError?: Error;
}

/** An action's answer, read: the data, or why not. */
export type ActionReading<Data> =
  | { ok: true; data: Data }
  | {
      ok: false;
      /** One sentence for a toast, an alert or a dialog. */
      message: string;
      /** The server's code (WINDOW_CLOSED, MATON_KEY…); NO_ANSWER when nothing came back, VALIDATION when the input schema refused it. */
      code: string | undefined;
      /** Messages by field path ("email", "values.body.1"), for forms that show them in place. */
      fieldErrors: Record<string, string>;
      /** The gateway failure's description, for a view that shows it in full. */
      failure: GatewayFailure | undefined;
    };

/** The browser's own words for a reading: no answer came back, or the input was refused without a message. */
export interface ActionResultWords {
  noAnswer: string;
  invalidInput: string;
}

/** Said when the call got no answer at all (English, until the page's language is set). */
export const NO_ANSWER_MESSAGE = "No answer from the server. Check your connection and try again.";

const ENGLISH_WORDS: ActionResultWords = {
  noAnswer: NO_ANSWER_MESSAGE,
  invalidInput: "Some values are not accepted: check the highlighted fields.",
};

let browserWords: ActionResultWords = ENGLISH_WORDS;

/**
 * Puts the readings' own words in the reader's language: the app's providers call it with the catalog's
 * `common.errors` messages when the page starts (and again when its language changes), so every
 * reader of an answer (hooks, mutations, handlers) says them without being handed a translator. In
 * the browser only: a server renders pages for readers of every language at once.
 */
export function setActionResultWords(words: ActionResultWords): void {
  if (typeof window !== "undefined") browserWords = words;
}

/** The words in force: the page's language in the browser, English elsewhere. */
export function actionResultWords(): ActionResultWords {
  return browserWords;
}

/**
 * Reads any action's answer. `undefined`, a thrown Error or a hook's `thrownError` mean no answer:
 * `noAnswer` is said then. An empty result (a void action's success, a hook that has not answered) is ok.
 */
export function readActionResult<Data>(result: ActionResultLike<Data> | Error | null | undefined, noAnswer = browserWords.noAnswer): ActionReading<Data> {
  if (!result || result instanceof Error || result.thrownError) {
    return { ok: false, message: noAnswer, code: "NO_ANSWER", fieldErrors: {}, failure: undefined };
  }
  const { serverError } = result;
  if (serverError) {
    return {
      ok: false,
      message: serverError.message,
      code: serverError.code,
      fieldErrors: serverError.field ? { [serverError.field]: serverError.message } : {},
      failure: serverError.failure,
    };
  }
  if (result.validationErrors) {
    const { root, fields } = flattenValidationErrors(result.validationErrors);
    const message = root ?? Object.values(fields)[0] ?? browserWords.invalidInput;
    return { ok: false, message, code: "VALIDATION", fieldErrors: fields, failure: undefined };
  }
  // Nothing refused: the data, which only a void action (or a hook not answered yet) leaves out.
  return { ok: true, data: result.data as Data };
}

/** The message of a refused call, or undefined when it went through (or has not answered yet). */
export function actionMessage(result: ActionResultLike<unknown> | Error | null | undefined, noAnswer?: string): string | undefined {
  const reading = readActionResult(result, noAnswer);
  return reading.ok ? undefined : reading.message;
}

/** A refused call as an Error, for TanStack Query's `error` and mutation callbacks: the reading kept whole. */
export class ActionResultError extends Error {
  override name = "ActionResultError";
  readonly code: string | undefined;
  readonly fieldErrors: Record<string, string>;
  readonly failure: GatewayFailure | undefined;

  constructor(reading: Extract<ActionReading<unknown>, { ok: false }>) {
    super(reading.message);
    this.code = reading.code;
    this.fieldErrors = reading.fieldErrors;
    this.failure = reading.failure;
  }
}

/** For a query or mutation function: the data, or an ActionResultError. */
export function unwrap<Data>(result: ActionResultLike<Data> | null | undefined, noAnswer?: string): Data {
  const reading = readActionResult(result, noAnswer);
  if (!reading.ok) throw new ActionResultError(reading);
  return reading.data;
}

/** Awaits an action's call and reads it, the call's own throw (the network) included. */
export async function runAction<Data>(call: Promise<ActionResultLike<Data>>, noAnswer?: string): Promise<ActionReading<Data>> {
  try {
    return readActionResult(await call, noAnswer);
  } catch {
    return readActionResult<Data>(undefined, noAnswer);
  }
}

/**
 * next-safe-action's validation errors (`{ _errors: [...], field: { _errors: [...], nested: {...} } }`)
 * as the first message at the root and each field's first message by dotted path.
 */
function flattenValidationErrors(errors: unknown): { root: string | undefined; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  let root: string | undefined;
  const visit = (node: unknown, path: string[]) => {
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "_errors") {
        const first = Array.isArray(value) && typeof value[0] === "string" ? value[0] : undefined;
        if (!first) continue;
        if (path.length === 0) root ??= first;
        else fields[path.join(".")] ??= first;
      } else {
        visit(value, [...path, key]);
      }
    }
  };
  visit(errors, []);
  return { root, fields };
}
