/**
 * One dashboard instance without Next.js, for the test of several instances on one PostgreSQL: the job
 * engine with every registered job on DATABASE_URL, wired as lib/jobs/index.ts wires it, and the
 * gateway client of lib/gateway/server.ts (configured from the environment: MATON_GATEWAY_URL,
 * MATON_REQUESTS_PER_SECOND, the shared limiter in PostgreSQL) behind every send.
 *
 *   node --import tsx lib/campaigns/test-fixtures/instance.ts
 *
 * Not with `--conditions=react-server`: the campaign services reach lib/auth/session.ts, whose
 * `next/navigation` needs React's client build. `server-only` is answered with an empty module instead,
 * as the react-server condition would (bench/contact-import.ts does the same).
 *
 * Environment: DATABASE_URL, MATON_GATEWAY_URL, MATON_CTRL_URL, INSTANCE_NAME, and CAMPAIGN_LEASE_MS (a
 * shorter claim lease for campaign sends, so a killed instance's claims run out sooner).
 * Reads lines on stdin: `dispatch <campaignId>` queues that campaign's dispatch job on this engine.
 * Writes lines `@@instance {json}` on stdout: ready, queued, slice (a dispatch slice starts), sliceEnd.
 */
import { register } from "node:module";
import { createInterface } from "node:readline";

import type { CampaignDispatchJobData } from "@/lib/campaigns/jobs";
import type { QueuedJobDefinition, RegisteredJob } from "@/lib/jobs/engine";

register(
  `data:text/javascript,${encodeURIComponent(
    'export async function resolve(specifier, context, next) { return specifier === "server-only" ? { url: "data:text/javascript,export{}", shortCircuit: true } : next(specifier, context); }',
  )}`,
);
// After the hook: the dashboard's modules import `server-only`.
const [{ databaseHandle }, { campaignDispatchJob, runDispatchSlice }, { env }, { registeredJobs }, { startJobEngine }, { attachOutboundWebhookEngine }] = await Promise.all([
  import("@/db"),
  import("@/lib/campaigns/jobs"),
  import("@/lib/env"),
  import("@/lib/jobs"),
  import("@/lib/jobs/engine"),
  import("@/lib/outbound-webhooks/jobs"),
]);

const instance = process.env.INSTANCE_NAME ?? "instance";
const leaseMs = process.env.CAMPAIGN_LEASE_MS ? Number(process.env.CAMPAIGN_LEASE_MS) : undefined;

function say(event: string, details: Record<string, unknown> = {}) {
  process.stdout.write(`@@instance ${JSON.stringify({ instance, event, ...details })}\n`);
}

/** The registered dispatch job, telling when its slices start and end, with the lease given. */
const dispatchJob: QueuedJobDefinition<CampaignDispatchJobData> = {
  ...campaignDispatchJob,
  handler: async (data, context) => {
    say("slice", { campaignId: data.campaignId });
    const result = await runDispatchSlice(context.db, data.campaignId, context.send, { leaseMs });
    say("sliceEnd", { campaignId: data.campaignId, end: result.end });
    return result;
  },
};
const jobs: RegisteredJob[] = registeredJobs.map((job) => (job.name === dispatchJob.name ? dispatchJob : job));

const handle = await databaseHandle();
const engine = await startJobEngine({ handle, databaseUrl: env().databaseUrl, jobs, pollingIntervalSeconds: 0.5 });
attachOutboundWebhookEngine(handle.db, engine);
say("ready", { pid: process.pid });

createInterface({ input: process.stdin }).on("line", (line) => {
  const [command, campaignId] = line.trim().split(/\s+/);
  if (command !== "dispatch" || !campaignId) return;
  engine.send(dispatchJob, { campaignId }).then(
    (jobId) => say("queued", { campaignId, jobId }),
    (error: unknown) => say("error", { message: error instanceof Error ? error.message : String(error) }),
  );
});

// Stopped by the test (SIGTERM): finish or hand back running jobs, then leave.
process.once("SIGTERM", () => {
  void engine
    .stop()
    .finally(() => handle.close())
    .finally(() => process.exit(0));
});
