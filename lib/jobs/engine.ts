import "server-only";

import { sql } from "drizzle-orm";
import PgBoss from "pg-boss";

import type { Database, DatabaseHandle } from "@/db/client";
import { logger, type Logger } from "@/lib/log";

import { embeddedQueueExecutor, failRunsOfEndedProcess } from "./embedded-queue";

/** pg-boss keeps its tables in a schema of its own, beside the dashboard's (created on first start). */
const QUEUE_SCHEMA = "pgboss";
/** Any fixed number (the migrations use 726_354_901): serialises engine starts across instances. */
const ENGINE_START_LOCK_ID = 726_354_902;
/** A recurring job that keeps failing waits at most this long before its next run (at least one period). */
const MAX_RECURRING_BACKOFF_SECONDS = 15 * 60;

/** What a job's handler gets besides its data. */
export interface JobContext {
  db: Database;
  jobId: string;
  /** 1 for the first run, 2 for the first retry, and so on. */
  attempt: number;
  /** Enqueues a follow-up job (a campaign's sends, an import's batches). */
  send: JobEngine["send"];
}

/** Does the job's work; a throw fails this run (retried per the job's options), a return value is kept as the run's output. */
export type JobHandler<Data> = (data: Data, context: JobContext) => Promise<unknown>;

/** How a queued job is retried and how long a run may take. */
export interface JobOptions {
  /** Runs after the first failure before the job is failed for good (default 3). */
  retryLimit?: number;
  /** Whole seconds before the first retry (default 5); doubled at each retry, with jitter, when `retryBackoff`. */
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** A run still going after this long is failed, and retried (default 15 minutes). */
  expireInSeconds?: number;
}

/** A recurring job: the engine keeps one run pending, so it runs every period in one instance at a time. */
export interface RecurringJobOptions {
  /** Seconds between runs (fractions allowed); 0 turns the job off. A function is read when the engine starts. */
  everySeconds: number | (() => number);
  /** A run still going after this long is failed (default twice the period, between 1 and 15 minutes). */
  expireInSeconds?: number;
}

/** What a recurring run knows of the runs before it; the engine backs off after each failure in a row. */
export interface RecurringRun {
  consecutiveFailures: number;
}

/** A job that callers send with data: imports, campaign batches, outbound webhooks. */
export interface QueuedJobDefinition<Data extends object> {
  readonly kind: "queued";
  readonly name: string;
  readonly handler: JobHandler<Data>;
  readonly options: JobOptions;
}

/** A job the engine runs on its own every period: template and number polling. */
export interface RecurringJobDefinition {
  readonly kind: "recurring";
  readonly name: string;
  readonly handler: JobHandler<RecurringRun>;
  readonly options: RecurringJobOptions;
}

/** Any job an engine can be started with (whatever its data). */
export type RegisteredJob = QueuedJobDefinition<never> | RecurringJobDefinition;

/** Declares a job in its feature folder; listing it in `lib/jobs/index.ts` makes every instance work it. */
export function defineJob(name: string, handler: JobHandler<RecurringRun>, options: RecurringJobOptions): RecurringJobDefinition;
export function defineJob<Data extends object>(name: string, handler: JobHandler<Data>, options?: JobOptions): QueuedJobDefinition<Data>;
export function defineJob<Data extends object>(
  name: string,
  handler: JobHandler<Data> | JobHandler<RecurringRun>,
  options: JobOptions | RecurringJobOptions = {},
) {
  if ("everySeconds" in options) return { kind: "recurring", name, handler, options };
  return { kind: "queued", name, handler, options };
}

/** When a sent job may start, and which of the waiting ones goes first. */
export interface SendOptions {
  /** Not before this moment, or this many seconds from now. */
  startAfter?: Date | number;
  /** Higher runs first among the jobs waiting in its queue (default 0). */
  priority?: number;
}

/** One run of a job as the queue keeps it (completed and failed runs are kept for days). */
export interface JobRun {
  id: string;
  state: "created" | "retry" | "active" | "completed" | "cancelled" | "failed";
  /** Runs started so far, retries included. */
  attempts: number;
  /** The handler's return value, or the error it threw. */
  output: unknown;
  /** The last failure's message, while the run is failed or waiting for its retry. */
  error: string | null;
  startAfter: Date;
  startedAt: Date | null;
  completedAt: Date | null;
}

/** The job engine of one dashboard process; every instance runs one on the same database. */
export interface JobEngine {
  send<Data extends object>(job: QueuedJobDefinition<Data>, data: Data, options?: SendOptions): Promise<string>;
  findRun(job: { name: string }, id: string): Promise<JobRun | null>;
  /** Runs of the job waiting for their time or their retry (a recurring job keeps exactly one). */
  waitingRuns(job: { name: string }): Promise<number>;
  /** Stops taking jobs, lets running ones finish (failing them for a retry after a timeout), then lets go of the database. */
  stop(): Promise<void>;
}

export interface JobEngineOptions {
  /** The dashboard's database: handlers get its `db`, and on PGlite the queue lives in it too. */
  handle: DatabaseHandle;
  /** PostgreSQL only (DATABASE_URL): pg-boss opens a small pool of its own on it. */
  databaseUrl?: string;
  jobs: readonly RegisteredJob[];
  /** How often an idle worker looks for due jobs (default 2 s, at least 0.5 s); a job sent from this process is taken at once. */
  pollingIntervalSeconds?: number;
  /** How often runs that outlived their expiry are failed and old runs archived (default 60 s). */
  maintenanceIntervalSeconds?: number;
  /** Where failures are reported (default the dashboard's logger, area "jobs"). */
  log?: Pick<Logger, "warn">;
}

/**
 * Starts pg-boss on the dashboard's database (PostgreSQL through its own pool, PGlite through
 * the dashboard's instance) and a worker for every job. Jobs live in the database, so a pending
 * or retrying job outlives the process; with several instances each job runs once.
 */
export async function startJobEngine(options: JobEngineOptions): Promise<JobEngine> {
  const { handle, jobs, pollingIntervalSeconds = 2, log = logger("jobs") } = options;
  const embedded = handle.driver !== "postgres";
  const executor = embedded ? embeddedQueueExecutor(handle) : undefined;
  if (!embedded && !options.databaseUrl) throw new Error("The job engine needs the PostgreSQL URL (DATABASE_URL) to open its pool.");
  const boss = new PgBoss({
    ...(executor ? { db: executor } : { connectionString: options.databaseUrl, max: 4, application_name: "dashboard-jobs" }),
    schema: QUEUE_SCHEMA,
    // Recurring jobs reschedule themselves (any period, not only whole minutes): no cron timekeeper.
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
  });
  boss.on("error", (error) => log.warn({ err: error }, "job queue error"));
  const queues = jobs.map((job) => ({ job, ...queueOf(job) }));
  try {
    await oneStartAtATime(handle, async () => {
      await boss.start();
      for (const { job, settings } of queues) await defineQueue(boss, job.name, settings);
    });
    // One process owns an embedded database: a run still active there was cut off when the last process ended.
    if (executor) await failRunsOfEndedProcess(executor, QUEUE_SCHEMA, (name, id) => boss.fail(name, id, { message: "the dashboard stopped during this run" }));
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => {});
    await closeAfterFailedStart(boss);
    throw error;
  }

  const workerIds = new Map<string, string[]>();
  let stopping: Promise<void> | undefined;

  const engine: JobEngine = {
    async send(job, data, sendOptions = {}) {
      if (!jobs.some((registered) => registered.name === job.name)) {
        throw new Error(`Job "${job.name}" is not registered with the job engine (lib/jobs/index.ts).`);
      }
      const id = await boss.send(job.name, data, {
        ...(sendOptions.startAfter !== undefined ? { startAfter: sendOptions.startAfter } : {}),
        ...(sendOptions.priority !== undefined ? { priority: sendOptions.priority } : {}),
      });
      if (!id) throw new Error(`Job "${job.name}" was not accepted by the queue.`);
      // Due now: wake this process's worker instead of waiting for its next poll.
      if (sendOptions.startAfter === undefined) for (const workerId of workerIds.get(job.name) ?? []) boss.notifyWorker(workerId);
      return id;
    },
    async findRun(job, id) {
      const run = await boss.getJobById<unknown>(job.name, id, { includeArchive: true });
      if (!run) return null;
      const started = run.startedOn ?? null;
      return {
        id: run.id,
        state: run.state,
        attempts: started ? run.retryCount + 1 : 0,
        output: run.output,
        error: run.state === "failed" || run.state === "retry" ? errorMessageOf(run.output) : null,
        startAfter: run.startAfter,
        startedAt: started,
        completedAt: run.completedOn ?? null,
      };
    },
    waitingRuns(job) {
      return boss.getQueueSize(job.name);
    },
    stop() {
      stopping ??= boss.stop({ graceful: true, timeout: 10_000 });
      return stopping;
    },
  };

  const contextOf = (run: PgBoss.JobWithMetadata<unknown>): JobContext => ({
    db: handle.db,
    jobId: run.id,
    attempt: run.retryCount + 1,
    send: engine.send,
  });
  const workOptions = { includeMetadata: true as const, batchSize: 1, pollingIntervalSeconds };
  const addWorker = (name: string, workerId: string) => workerIds.set(name, [...(workerIds.get(name) ?? []), workerId]);
  // pg-boss waits a polling interval after every job; a worker that found one looks again at once, so a
  // queue drains at the speed of its handler and only an idle worker polls.
  const takeNextAtOnce = (workerId: string) => {
    if (workerId) boss.notifyWorker(workerId);
  };

  async function workQueued<Data extends object>(job: QueuedJobDefinition<Data>) {
    const worker = { id: "" };
    worker.id = await boss.work<Data>(job.name, workOptions, async ([run]) => {
      if (!run) return null;
      takeNextAtOnce(worker.id);
      try {
        return await job.handler(run.data, contextOf(run));
      } catch (error) {
        log.warn({ err: error, job: job.name, jobId: run.id, attempt: run.retryCount + 1 }, `${job.name} failed (attempt ${run.retryCount + 1})`);
        throw error;
      }
    });
    addWorker(job.name, worker.id);
  }

  async function workRecurring(job: RecurringJobDefinition, everySeconds: number) {
    if (!(everySeconds > 0)) return;
    const sendNext = (consecutiveFailures: number, afterSeconds: number) =>
      boss.send(job.name, { consecutiveFailures } satisfies RecurringRun, { startAfter: afterSeconds });
    const workerId = await boss.work<RecurringRun>(job.name, workOptions, async ([run]) => {
      if (!run) return null;
      // The next run is queued before this one works, so the chain survives a process that dies mid-run.
      const next = await sendNext(0, everySeconds);
      try {
        return await job.handler(run.data, contextOf(run));
      } catch (error) {
        const consecutiveFailures = run.data.consecutiveFailures + 1;
        const backoffSeconds = Math.min(everySeconds * 2 ** consecutiveFailures, Math.max(MAX_RECURRING_BACKOFF_SECONDS, everySeconds));
        if (next) await boss.cancel(job.name, next);
        await sendNext(consecutiveFailures, backoffSeconds);
        log.warn(
          { err: error, job: job.name, jobId: run.id, consecutiveFailures, nextInSeconds: backoffSeconds },
          `${job.name} failed (${consecutiveFailures} in a row, next in ${backoffSeconds}s)`,
        );
        throw error;
      }
    });
    addWorker(job.name, workerId);
    // Every instance makes sure a run is pending; the queue keeps only the first.
    await sendNext(0, Math.min(everySeconds, 5));
  }

  for (const { job, everySeconds } of queues) {
    if (job.kind === "recurring") await workRecurring(job, everySeconds);
    else await workQueued(job);
  }
  return engine;
}

/** The queue a job lives in: its retries and expiry, and for a recurring job its period (read once, at start). */
function queueOf(job: RegisteredJob): { settings: Omit<PgBoss.Queue, "name">; everySeconds: number } {
  if (job.kind === "queued") {
    return {
      everySeconds: 0,
      settings: {
        policy: "standard",
        retryLimit: job.options.retryLimit ?? 3,
        retryDelay: job.options.retryDelaySeconds ?? 5,
        retryBackoff: job.options.retryBackoff ?? true,
        expireInSeconds: job.options.expireInSeconds ?? 15 * 60,
      },
    };
  }
  const everySeconds = typeof job.options.everySeconds === "function" ? job.options.everySeconds() : job.options.everySeconds;
  return {
    everySeconds,
    // "stately": at most one run waiting and one running, whichever instances send and work them.
    // No retries: after a failure the next run comes later instead (see workRecurring).
    settings: {
      policy: "stately",
      retryLimit: 0,
      expireInSeconds: job.options.expireInSeconds ?? Math.round(Math.min(Math.max(2 * everySeconds, 60), 15 * 60)),
    },
  };
}

/**
 * On PostgreSQL, instances that start together take turns to install pg-boss and define the
 * queues: done at the same time, pg-boss's queue creation deadlocks. PGlite has one process.
 */
async function oneStartAtATime(handle: DatabaseHandle, start: () => Promise<void>): Promise<void> {
  if (handle.driver !== "postgres") return start();
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ENGINE_START_LOCK_ID})`);
    await start();
  });
}

/** pg-boss's stop() does nothing until start() has finished: the pool of a start that failed early is closed here. */
async function closeAfterFailedStart(boss: PgBoss): Promise<void> {
  const db: object = boss.getDb();
  if ("opened" in db && db.opened === true && "close" in db && typeof db.close === "function") await db.close();
}

/** Creates the job's queue, or brings an existing one to the options the code now gives it. */
async function defineQueue(boss: PgBoss, name: string, queue: Omit<PgBoss.Queue, "name">) {
  await boss.createQueue(name, { name, ...queue });
  await boss.updateQueue(name, { name, ...queue });
}

/** The message of a thrown error, or of one pg-boss kept as a run's output. */
function errorMessageOf(error: unknown): string | null {
  if (typeof error === "object" && error !== null && "message" in error && typeof error.message === "string") return error.message;
  return null;
}
