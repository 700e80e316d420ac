import { databaseHandle } from "@/db";
import { pingDatabase } from "@/db/client";
import { describeGatewayFailure, failureMessage, isGatewayError } from "@/lib/gateway";
import { gateway } from "@/lib/gateway/server";

export const dynamic = "force-dynamic";

type Check = { status: "ok"; latencyMs: number } | { status: "error"; message: string; latencyMs: number };

async function check(run: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    await run();
    return { status: "ok", latencyMs: latency() };
  } catch (error) {
    // A gateway failure is told in plain words (e.g. a rejected Maton key), without what the gateway said:
    // this answer is public. Other errors say what failed.
    let message = error instanceof Error ? error.message : String(error);
    if (isGatewayError(error)) {
      const { title, explanation, action } = describeGatewayFailure(error);
      message = failureMessage({ title, explanation, action });
    }
    return { status: "error", message, latencyMs: latency() };
  }
}

/**
 * Public on purpose (load balancers call it): whether the database answers and whether the Maton
 * control plane accepts the key. The database decides the HTTP status; the gateway is reported.
 */
export async function GET() {
  let driver: string | undefined;
  const [database, maton] = await Promise.all([
    check(async () => {
      const handle = await databaseHandle();
      driver = handle.driver;
      await pingDatabase(handle.db);
    }),
    check(() => gateway().connections.listConnections({ status: "ACTIVE" }, { timeoutMs: 5000 })),
  ]);
  const healthy = database.status === "ok";
  return Response.json(
    {
      status: healthy ? (maton.status === "ok" ? "ok" : "degraded") : "error",
      database: { ...database, driver },
      gateway: { ...maton, ...gateway().target },
    },
    { status: healthy ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
