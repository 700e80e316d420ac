/**
 * A failure whose message is written for the person using the dashboard and is safe to show.
 * Anything else thrown inside an action is logged and shown as a generic message.
 */
export class ActionError extends Error {
  override name = "ActionError";
  readonly code: string | undefined;
  readonly field: string | undefined;

  constructor(message: string, options: { code?: string; field?: string } = {}) {
    super(message);
    this.code = options.code;
    this.field = options.field;
  }
}

export interface ActionFailure {
  message: string;
  code?: string;
  field?: string;
}
