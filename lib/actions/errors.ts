import {
  describeGatewayFailure,
  failureMessage,
  failureSentence,
  translateFailure,
  type GatewayError,
  type GatewayFailure,
} from "@/lib/gateway/errors";
import { translateMessage, type Translatable, type Translate } from "@/lib/i18n/translatable";

/**
 * A failure whose message is written for the person using the dashboard and is safe to show; when a
 * gateway call failed, it carries the failure's description for a view that shows it in full.
 * Anything else thrown inside an action is logged and shown as a generic message.
 */
export class ActionError extends Error {
  override name = "ActionError";
  readonly code: string | undefined;
  readonly field: string | undefined;
  readonly failure: GatewayFailure | undefined;
  /** What the person is told, put into their language by the door the answer leaves by. */
  readonly said: Translatable | string;
  /** Set for a gateway failure's own sentence: it is written in the reader's language at the door, after this lead. */
  readonly #gatewaySentence: { lead?: Translatable | string } | undefined;

  constructor(
    message: Translatable | string,
    options: { code?: string; field?: string; failure?: GatewayFailure; gatewaySentence?: { lead?: Translatable | string } } = {},
  ) {
    super(typeof message === "string" ? message : message.key);
    this.said = message;
    this.code = options.code;
    this.field = options.field;
    this.failure = options.failure;
    this.#gatewaySentence = options.failure ? options.gatewaySentence : undefined;
  }

  /**
   * A gateway failure as an action's refusal: the one sentence, a code (MATON_KEY for a rejected key,
   * else GATEWAY_ERROR) and the description. `lead` says what did not happen (`message("media.notDeleted")`;
   * a plain string is English only); `field` places it in a form.
   */
  static fromGatewayError(error: GatewayError, options: { lead?: Translatable | string; field?: string; code?: string } = {}): ActionError {
    const failure = describeGatewayFailure(error);
    const code = options.code ?? (failure.kind === "maton" && failure.code === 401 ? "MATON_KEY" : "GATEWAY_ERROR");
    // The English sentence is the error's message (logs); the reader's is written by toActionFailure.
    const english = failureMessage(failure, { lead: options.lead });
    return new ActionError(english, { code, field: options.field, failure, gatewaySentence: { lead: options.lead } });
  }

  /** The plain data an action's result carries as `serverError`, in the reader's words (the failure's too). */
  toActionFailure(t: Translate): ActionFailure {
    const failure = this.failure && translateFailure(t, this.failure);
    const message = this.#gatewaySentence && this.failure ? failureSentence(t, this.failure, this.#gatewaySentence) : translateMessage(t, this.said);
    return { message, code: this.code, field: this.field, failure };
  }
}

/** An action's `serverError`: the message to show, a code to branch on, the field it belongs to, the gateway failure behind it. */
export interface ActionFailure {
  message: string;
  code?: string;
  field?: string;
  failure?: GatewayFailure;
}
