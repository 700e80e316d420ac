/** The job engine (pg-boss) on every test database: once, retries, restarts, recurring runs, two instances. */
import { sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { testDatabases, type TestDatabase } from "@/db/test-databases";

import { embeddedQueueExecutor } from "./embedded-queue";
import { defineJob, startJobEngine, type JobEngine, type JobEngineOptions, type JobRun, type RegisteredJob } from "./engine";

/** Failures the tests provoke on purpose are checked through the runs, not the log. */
const quiet = { warn: () => {} };

/** Polls until `probe` gives a value: tests wait on the queue's state, never for a fixed time. */
async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The URL of the test's own PostgreSQL database, for pg-boss's pool (PGlite needs none). */
async function databaseUrlOf(testDatabase: TestDatabase, handle: DatabaseHandle): Promise<string | undefined> {
  if (testDatabase.name !== "postgres") return undefined;
  const [row] = rowsOf<{ name: string }>(await handle.db.execute(sql`select current_database() as name`));
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${row!.name}`;
  return url.toString();
}

/** The runs as the queue recorded them (on the database's clock), in the order they started. */
async function recordedRuns(engine: JobEngine, job: { name: string }, ids: string[]): Promise<JobRun[]> {
  const runs = await Promise.all(ids.map((id) => engine.findRun(job, id)));
  return runs.filter((run) => run !== null).sort((a, b) => a.startedAt!.getTime() - b.startedAt!.getTime());
}

/** Each run started at least `periodMs` after the one before it did. */
function expectPeriodBetweenStarts(runs: JobRun[], periodMs: number) {
  expect(runs.length).toBeGreaterThanOrEqual(2);
  for (let index = 1; index < runs.length; index += 1) {
    expect(runs[index]!.startedAt!.getTime() - runs[index - 1]!.startedAt!.getTime()).toBeGreaterThanOrEqual(periodMs);
  }
}

/** No run started before the one before it had ended (times taken by the handlers, in this one process). */
function expectOneAtATime(runs: Array<{ startedAt: number; endedAt?: number }>) {
  const sorted = [...runs].sort((a, b) => a.startedAt - b.startedAt);
  for (let index = 1; index < sorted.length; index += 1) {
    expect(sorted[index]!.startedAt).toBeGreaterThanOrEqual(sorted[index - 1]!.endedAt ?? Infinity);
  }
}

describe.each(testDatabases)("the job engine on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  let databaseUrl: string | undefined;
  const engines: JobEngine[] = [];
  const start = async (jobs: readonly RegisteredJob[], options: Partial<JobEngineOptions> = {}) => {
    const engine = await startJobEngine({ handle, databaseUrl, jobs, pollingIntervalSeconds: 0.5, log: quiet, ...options });
    engines.push(engine);
    return engine;
  };

  beforeEach(async () => {
    handle = await testDatabase.open();
    databaseUrl = await databaseUrlOf(testDatabase, handle);
  });
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.stop()));
    await handle.close();
  });

  it("works a job sent once, and keeps what it returned", async () => {
    const greeted: string[] = [];
    const greet = defineJob("greet", async (data: { customer: string }) => {
      greeted.push(data.customer);
      return { greeted: data.customer };
    });
    const engine = await start([greet]);

    const id = await engine.send(greet, { customer: "Ada" });
    const run = await waitFor(async () => {
      const found = await engine.findRun(greet, id);
      return found?.state === "completed" && found;
    }, "the job to complete");

    expect(greeted).toEqual(["Ada"]);
    expect(run).toMatchObject({ attempts: 1, output: { greeted: "Ada" }, error: null });
  });

  it("retries a failing job after a backoff, then keeps its last error", async () => {
    const attempts: Array<{ attempt: number; at: number }> = [];
    const flaky = defineJob(
      "flaky",
      async (_data: object, { attempt }) => {
        attempts.push({ attempt, at: Date.now() });
        throw new Error(`Maton is down (attempt ${attempt})`);
      },
      { retryLimit: 1, retryDelaySeconds: 1, retryBackoff: true },
    );
    const engine = await start([flaky]);

    const id = await engine.send(flaky, {});
    const run = await waitFor(async () => {
      const found = await engine.findRun(flaky, id);
      return found?.state === "failed" && found;
    }, "the job to fail for good");

    expect(attempts.map((entry) => entry.attempt)).toEqual([1, 2]);
    // One second of delay at least (backoff adds up to as much again in jitter).
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(run).toMatchObject({ attempts: 2, error: "Maton is down (attempt 2)" });
  });

  it("finishes a job after the engine restarts while the job waits for its retry", async () => {
    const attempts: number[] = [];
    const flakyOnce = defineJob(
      "flaky-once",
      async (_data: object, { attempt }) => {
        attempts.push(attempt);
        if (attempt === 1) throw new Error("first attempt fails");
        return { attempt };
      },
      { retryLimit: 2, retryDelaySeconds: 1, retryBackoff: false },
    );
    const first = await start([flakyOnce]);
    const id = await first.send(flakyOnce, {});
    await waitFor(async () => (await first.findRun(flakyOnce, id))?.state === "retry", "the first attempt to fail");
    await first.stop();

    const second = await start([flakyOnce]);
    const run = await waitFor(async () => {
      const found = await second.findRun(flakyOnce, id);
      return found?.state === "completed" && found;
    }, "the job to complete after the restart");
    expect(attempts).toEqual([1, 2]);
    expect(run).toMatchObject({ attempts: 2, output: { attempt: 2 } });
  });

  it("takes up again a job that was running when its process ended", async () => {
    const done: number[] = [];
    const report = defineJob(
      "report",
      async (_data: object, { attempt }) => {
        done.push(attempt);
      },
      { retryLimit: 1, retryDelaySeconds: 0, retryBackoff: false, expireInSeconds: 1 },
    );
    const first = await start([report]);
    await first.stop();
    // Another process takes the job and dies without a word: the job stays active in the database.
    const taker = testDatabase.name === "pglite"
      ? new PgBoss({ db: embeddedQueueExecutor(handle), supervise: false, schedule: false, migrate: false })
      : new PgBoss({ connectionString: databaseUrl, supervise: false, schedule: false, migrate: false });
    await taker.start();
    const id = await taker.send("report", {});
    const [taken] = await taker.fetch("report");
    expect(taken?.id).toBe(id);
    await taker.stop({ graceful: false, close: true });

    // On PGlite the new process fails it at start; on PostgreSQL, maintenance fails it when it expires.
    const second = await start([report], { maintenanceIntervalSeconds: 1 });
    const run = await waitFor(async () => {
      const found = await second.findRun(report, id!);
      return found?.state === "completed" && found;
    }, "the abandoned job to complete");
    expect(done).toEqual([2]);
    expect(run.attempts).toBe(2);
  });

  it("runs a recurring job every period, one run at a time, with one run waiting", async () => {
    const runs: Array<{ id: string; startedAt: number; endedAt?: number }> = [];
    const tick = defineJob("tick", async (_run, { jobId }) => {
      const run: (typeof runs)[number] = { id: jobId, startedAt: Date.now() };
      runs.push(run);
      await new Promise((resolve) => setTimeout(resolve, 50));
      run.endedAt = Date.now();
    }, { everySeconds: 0.5 });
    const engine = await start([tick]);

    await waitFor(async () => runs.filter((run) => run.endedAt).length >= 3, "three runs");
    expect(new Set(runs.map((run) => run.id)).size).toBe(runs.length);
    expectOneAtATime(runs);
    expectPeriodBetweenStarts(await recordedRuns(engine, tick, runs.map((run) => run.id)), 500);
    expect(await engine.waitingRuns(tick)).toBe(1);
  });

  it("backs off a failing recurring job and keeps the failure on its run", async () => {
    const runs: Array<{ id: string; consecutiveFailures: number }> = [];
    const poll = defineJob("poll", async (run, { jobId }) => {
      runs.push({ id: jobId, consecutiveFailures: run.consecutiveFailures });
      if (runs.length === 1) throw new Error("templates of waba 1: Maton is down");
    }, { everySeconds: 0.5 });
    const engine = await start([poll]);

    await waitFor(async () => runs.length >= 2, "the run after the failure");
    expect(runs.map((run) => run.consecutiveFailures)).toEqual([0, 1]);
    // Twice the period after one failure, instead of one period.
    expectPeriodBetweenStarts(await recordedRuns(engine, poll, runs.map((run) => run.id)), 1000);
    expect(await engine.findRun(poll, runs[0]!.id)).toMatchObject({ state: "failed", error: "templates of waba 1: Maton is down" });
  });

  it("never runs a recurring job whose period is 0", async () => {
    let ran = false;
    const never = defineJob("never", async () => {
      ran = true;
    }, { everySeconds: () => 0 });
    const probe = defineJob("probe", async () => "ok");
    const engine = await start([never, probe]);

    const id = await engine.send(probe, {});
    await waitFor(async () => (await engine.findRun(probe, id))?.state === "completed", "the probe job");
    expect(await engine.waitingRuns(never)).toBe(0);
    expect(ran).toBe(false);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("two dashboard instances on one PostgreSQL database", () => {
  const testDatabase = testDatabases.find((candidate) => candidate.name === "postgres")!;
  let handle: DatabaseHandle;
  let databaseUrl: string | undefined;
  const engines: JobEngine[] = [];
  const start = async (jobs: readonly RegisteredJob[]) => {
    const engine = await startJobEngine({ handle, databaseUrl, jobs, pollingIntervalSeconds: 0.5, log: quiet });
    engines.push(engine);
    return engine;
  };

  beforeEach(async () => {
    handle = await testDatabase.open();
    databaseUrl = await databaseUrlOf(testDatabase, handle);
  });
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.stop()));
    await handle.close();
  });

  it("work each job once, whichever instance sent it", async () => {
    const workedBy = new Map<string, string[]>();
    const jobFor = (instance: string) =>
      defineJob("deliver", async (data: { n: number }, { jobId }) => {
        workedBy.set(jobId, [...(workedBy.get(jobId) ?? []), instance]);
        return data;
      });
    // Both start at once, as two instances behind a load balancer do.
    const [first, second] = await Promise.all([start([jobFor("a")]), start([jobFor("b")])]);

    const ids = await Promise.all(
      Array.from({ length: 20 }, (_, n) => (n % 2 === 0 ? first : second).send(jobFor("sender"), { n })),
    );
    await waitFor(async () => ids.every((id) => workedBy.has(id)), "every job to be worked");
    for (const id of ids) await waitFor(async () => (await first.findRun({ name: "deliver" }, id))?.state === "completed", "completion");
    expect([...workedBy.values()].every((instances) => instances.length === 1)).toBe(true);
    expect(workedBy.size).toBe(20);
  });

  it("run a recurring job in one of them per period", async () => {
    const runs: Array<{ id: string; instance: string; startedAt: number; endedAt?: number }> = [];
    const tickFor = (instance: string) =>
      defineJob("tick", async (_run, { jobId }) => {
        const run: (typeof runs)[number] = { id: jobId, instance, startedAt: Date.now() };
        runs.push(run);
        await new Promise((resolve) => setTimeout(resolve, 50));
        run.endedAt = Date.now();
      }, { everySeconds: 0.5 });
    const [first] = await Promise.all([start([tickFor("a")]), start([tickFor("b")])]);

    await waitFor(async () => runs.filter((run) => run.endedAt).length >= 4, "four runs");
    expectOneAtATime(runs);
    expectPeriodBetweenStarts(await recordedRuns(first!, tickFor("a"), runs.map((run) => run.id)), 500);
    expect(await first!.waitingRuns(tickFor("a"))).toBe(1);
  });
});
