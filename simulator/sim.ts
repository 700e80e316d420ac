import { SimClock } from "./clock";
import type { Faults } from "./faults";
import { noFaults } from "./faults";
import { IdFactory, randomToken } from "./ids";
import type { ResolvedOptions } from "./options";
import { RateLimiter } from "./rate-limit";
import { Scheduler, seededRandom } from "./scheduler";
import { seedState } from "./seed";
import type { SimState } from "./state";
import { WebhookSender } from "./webhooks/sender";

export interface RequestLogEntry {
  time: string;
  method: string;
  path: string;
  connection: string | null;
  status: number;
}

const KEEP_REQUESTS = 1000;

/** The running simulator's state and services, handed to every handler. */
export class Simulator {
  readonly clock = new SimClock();
  readonly ids = new IdFactory();
  readonly scheduler = new Scheduler();
  readonly rateLimiter: RateLimiter;
  readonly webhooks: WebhookSender;
  /** Signs override deliveries in "maton" mode: a secret the dashboard cannot know. */
  readonly matonSecret = randomToken(32);
  state: SimState;
  faults: Faults = noFaults();
  random = seededRandom(42);
  requests: RequestLogEntry[] = [];
  baseUrl = "";

  constructor(readonly options: ResolvedOptions) {
    this.state = seedState(this.clock.now());
    this.rateLimiter = new RateLimiter(options.rateLimitPerSecond);
    this.webhooks = new WebhookSender({
      scheduler: this.scheduler,
      retry: () => this.options.webhookRetry,
      faults: () => this.faults,
      random: () => this.random(),
      now: () => this.clock.now(),
      log: (line) => {
        if (this.options.log) console.warn(line);
      },
    });
  }

  /** Where connect pages and media URLs point. */
  get publicUrl(): string {
    return this.options.publicUrl ?? this.baseUrl;
  }

  reset(): void {
    this.scheduler.clear();
    this.webhooks.clear();
    this.clock.reset();
    this.ids.reset();
    this.rateLimiter.clear();
    this.rateLimiter.setLimit(this.options.rateLimitPerSecond);
    this.faults = noFaults();
    this.random = seededRandom(42);
    this.requests = [];
    this.state = seedState(this.clock.now());
  }

  logRequest(entry: RequestLogEntry): void {
    this.requests.push(entry);
    if (this.requests.length > KEEP_REQUESTS) this.requests.shift();
    if (this.options.log === true) {
      console.log(`${entry.time} ${entry.method} ${entry.path} ${entry.status}${entry.connection ? ` [${entry.connection}]` : ""}`);
    }
  }
}
