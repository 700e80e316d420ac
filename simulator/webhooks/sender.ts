import { createHmac } from "node:crypto";
import type { Faults } from "../faults";
import { REORDER_HOLD_MS } from "../faults";
import type { Scheduler } from "../scheduler";

export type TargetKind = "default" | "override" | "recorded" | "unsubscribed";
export type SignatureMode = "app-secret" | "maton";

/** Where one delivery goes and how it is signed (see routing.ts). */
export interface WebhookTarget {
  kind: TargetKind;
  url: string | null;
  secret: string | null;
  signatureMode: SignatureMode | null;
}

export type DeliveryState = "pending" | "retrying" | "delivered" | "failed" | "recorded" | "dropped";

export interface DeliveryRecord {
  id: number;
  destination: string | null;
  destinationKind: TargetKind;
  field: string;
  signatureMode: SignatureMode | null;
  state: DeliveryState;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  duplicateOf: number | null;
  createdAt: string;
  payload: unknown;
}

export interface DeliveryOutcome {
  ok: boolean;
  status: number | null;
  error: string | null;
}

export interface SenderDeps {
  scheduler: Scheduler;
  retry: () => { baseMs: number; maxAttempts: number };
  faults: () => Faults;
  random: () => number;
  now: () => number;
  log: (line: string) => void;
}

const ATTEMPT_TIMEOUT_MS = 10_000;
const KEEP_RECORDS = 500;
const REPORT_EVERY_MS = 10_000;

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** Delivers webhooks at least once: signed, retried with exponential backoff, optionally duplicated or held back. */
export class WebhookSender {
  readonly records: DeliveryRecord[] = [];
  private serial = 0;
  private shutdown = new AbortController();
  private lastReport = new Map<string, { at: number; suppressed: number }>();

  constructor(private readonly deps: SenderDeps) {}

  /** Queues a delivery; the promise settles with the outcome of its first attempt. */
  deliver(target: WebhookTarget, field: string, payload: unknown, duplicateOf: number | null = null): Promise<DeliveryOutcome> {
    const record = this.newRecord(target, field, payload, duplicateOf);
    if (target.kind === "recorded" || target.kind === "unsubscribed" || !target.url || !target.secret) {
      record.state = target.kind === "unsubscribed" ? "dropped" : "recorded";
      return Promise.resolve({ ok: true, status: null, error: null });
    }
    const body = JSON.stringify(payload);
    const signature = signBody(body, target.secret);
    const faults = this.deps.faults();
    const hold = duplicateOf === null && this.deps.random() < faults.reorder_webhooks ? REORDER_HOLD_MS : 0;
    const duplicate = duplicateOf === null && this.deps.random() < faults.duplicate_webhooks;
    return new Promise((resolve) => {
      this.deps.scheduler.after(hold, async () => {
        const outcome = await this.attempt(record, target.url ?? "", body, signature);
        if (duplicate) this.deps.scheduler.after(50, () => void this.deliver(target, field, payload, record.id));
        resolve(outcome);
      });
    });
  }

  latest(limit: number): DeliveryRecord[] {
    return this.records.slice(-limit).reverse();
  }

  clear(): void {
    this.records.length = 0;
    this.shutdown.abort();
    this.shutdown = new AbortController();
  }

  private newRecord(target: WebhookTarget, field: string, payload: unknown, duplicateOf: number | null): DeliveryRecord {
    const record: DeliveryRecord = {
      id: ++this.serial, destination: target.url, destinationKind: target.kind, field, signatureMode: target.signatureMode,
      state: "pending", attempts: 0, lastStatus: null, lastError: null, duplicateOf,
      createdAt: new Date(this.deps.now()).toISOString(), payload,
    };
    this.records.push(record);
    if (this.records.length > KEEP_RECORDS) this.records.shift();
    return record;
  }

  private async attempt(record: DeliveryRecord, url: string, body: string, signature: string): Promise<DeliveryOutcome> {
    record.attempts += 1;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-hub-signature-256": signature, "user-agent": "facebookexternalua" },
        body,
        signal: AbortSignal.any([this.shutdown.signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
      });
      await response.arrayBuffer().catch(() => undefined);
      record.lastStatus = response.status;
      if (response.ok) {
        record.state = "delivered";
        record.lastError = null;
        return { ok: true, status: response.status, error: null };
      }
      record.lastError = `HTTP ${response.status}`;
    } catch (error) {
      if (this.shutdown.signal.aborted) return { ok: false, status: null, error: "simulator stopped" };
      record.lastError = describeFailure(error);
    }
    this.scheduleRetry(record, url, body, signature);
    return { ok: false, status: record.lastStatus, error: record.lastError };
  }

  /** One line per failed delivery at most, and at most one line per destination every 10 s. */
  private reportFailure(record: DeliveryRecord, url: string, maxAttempts: number): void {
    const now = Date.now();
    const last = this.lastReport.get(url);
    if (last && now - last.at < REPORT_EVERY_MS) {
      last.suppressed += 1;
      return;
    }
    const more = last?.suppressed ? ` (${last.suppressed} more failed deliveries to it not shown)` : "";
    this.lastReport.set(url, { at: now, suppressed: 0 });
    this.deps.log(`[simulator] webhook ${record.field} to ${url} failed (${record.lastError}); retrying up to ${maxAttempts - 1} times with backoff${more}`);
  }

  private scheduleRetry(record: DeliveryRecord, url: string, body: string, signature: string): void {
    const { baseMs, maxAttempts } = this.deps.retry();
    if (record.attempts === 1) this.reportFailure(record, url, maxAttempts);
    if (record.attempts >= maxAttempts) {
      record.state = "failed";
      return;
    }
    record.state = "retrying";
    this.deps.scheduler.after(baseMs * 2 ** (record.attempts - 1), () => void this.attempt(record, url, body, signature));
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === "TimeoutError") return `no answer within ${ATTEMPT_TIMEOUT_MS / 1000} s`;
    const cause = (error as Error & { cause?: { code?: string } }).cause;
    return cause?.code ?? error.message;
  }
  return String(error);
}
