/**
 * What follows a customer's message, as a job per conversation on the job engine: auto-assignment,
 * then the welcome and away messages. Queued after the webhook's commit (lib/webhooks/ingest.ts) for
 * the inbound messages that commit stored, so a redelivered webhook (whose messages are already
 * stored) queues nothing; and each step is idempotent, so a retried job changes or sends nothing twice.
 */
import "server-only";

import type { Database } from "@/db";
import { findInboundTrigger, inboundMessagesByWamid } from "@/db/queries/inbox-settings";
import { defineJob, type JobEngine, type QueuedJobDefinition } from "@/lib/jobs/engine";
import { logger } from "@/lib/log";

import { autoAssignConversation, type AutoAssignOutcome } from "./auto-assignment";
import { sendAutomaticMessages, type AutoMessageOutcome } from "./auto-messages";
import type { SendContext } from "./outbound";

const log = logger("inbox");

export interface InboundAutomationJobData {
  conversationId: string;
  /** The customer's first message of the commit in this conversation. */
  messageId: string;
}

/** Runs the automation for one customer's message; the outcome is kept as the job's output. */
export async function runInboundAutomation(
  db: Database,
  data: InboundAutomationJobData,
  context: SendContext = {},
): Promise<{ assignment: AutoAssignOutcome | null; messages: AutoMessageOutcome[] }> {
  const trigger = await findInboundTrigger(db, data.messageId);
  if (!trigger || trigger.direction !== "inbound" || trigger.conversationId !== data.conversationId) return { assignment: null, messages: [] };
  const assignment = await autoAssignConversation(db, data.conversationId);
  const messages = await sendAutomaticMessages(db, trigger, context);
  return { assignment, messages };
}

export const inboundAutomationJob: QueuedJobDefinition<InboundAutomationJobData> = defineJob<InboundAutomationJobData>(
  "inbox.inbound-automation",
  async (data, context) => runInboundAutomation(context.db, data),
  { retryLimit: 5, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 5 * 60 },
);

/** Listed in lib/jobs/index.ts. */
export const inboxAutomationJobs = [inboundAutomationJob] as const;

const globalForAutomation = globalThis as unknown as { inboxAutomationEngines?: WeakMap<Database, Pick<JobEngine, "send">> };
const engines = (globalForAutomation.inboxAutomationEngines ??= new WeakMap());

/** Queues this database's automation jobs on `engine` from now on (the dashboard's engine at start); answers the undoing. */
export function attachInboxAutomationEngine(db: Database, engine: Pick<JobEngine, "send">): () => void {
  engines.set(db, engine);
  return () => {
    if (engines.get(db) === engine) engines.delete(db);
  };
}

/**
 * Queues one automation job per conversation for the customer's messages just stored (by wamid),
 * naming the conversation's first of them. Never throws: a webhook's answer does not depend on it;
 * without an engine (a script) nothing is queued.
 */
export async function queueInboundAutomation(db: Database, insertedInboundWamids: string[]): Promise<number> {
  const engine = engines.get(db);
  if (!engine || insertedInboundWamids.length === 0) return 0;
  try {
    const firstOf = new Map<string, string>();
    for (const row of await inboundMessagesByWamid(db, insertedInboundWamids)) if (!firstOf.has(row.conversationId)) firstOf.set(row.conversationId, row.id);
    for (const [conversationId, messageId] of firstOf) await engine.send(inboundAutomationJob, { conversationId, messageId });
    return firstOf.size;
  } catch (error) {
    log.warn({ err: error }, "inbound automation not queued");
    return 0;
  }
}
