/** The outcome of one reachability check, as the health answer shows it. */
export type CheckResult =
  | { status: "ok"; latencyMs: number; checkedAt: string }
  | { status: "error"; message: string; latencyMs: number; checkedAt: string };

/** Runs one check and times it; a failure is a result (with `describe`'s words), never a throw. */
export async function timedCheck(
  run: () => Promise<unknown>,
  describe: (error: unknown) => string = (error) => (error instanceof Error ? error.message : String(error)),
): Promise<CheckResult> {
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  try {
    await run();
    return { status: "ok", latencyMs: latencyMs(), checkedAt: new Date().toISOString() };
  } catch (error) {
    return { status: "error", message: describe(error), latencyMs: latencyMs(), checkedAt: new Date().toISOString() };
  }
}

export interface SharedCheckOptions {
  check: () => Promise<CheckResult>;
  /** How long a result is answered before it is checked again. */
  maxAgeMs: number;
  /**
   * "wait": a caller after `maxAgeMs` waits for the new result (joining the one running).
   * "background": only the first caller ever waits; later ones get the last result at once while a
   * refresh runs behind it.
   */
  refresh: "wait" | "background";
  now?: () => number;
}

/**
 * One check shared by every caller: never two runs at once, at most one per `maxAgeMs` however many
 * callers come, so a flood of health requests costs what one does.
 */
export class SharedCheck {
  private last: { result: CheckResult; at: number } | undefined;
  private running: Promise<CheckResult> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: SharedCheckOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /** The newest result fit to answer with (see `refresh` in the options). */
  async current(): Promise<CheckResult> {
    const last = this.last;
    if (last && this.now() - last.at < this.options.maxAgeMs) return last.result;
    if (!last || this.options.refresh === "wait") return this.run();
    void this.run();
    return last.result;
  }

  /** Checks now unless a check is running, whose result is then shared. */
  run(): Promise<CheckResult> {
    this.running ??= this.options
      .check()
      .catch((error: unknown): CheckResult => ({ status: "error", message: String(error), latencyMs: 0, checkedAt: new Date().toISOString() }))
      .then((result) => {
        this.last = { result, at: this.now() };
        return result;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
