import { databaseHandle } from "@/db";
import { pingDatabase } from "@/db/client";

export const dynamic = "force-dynamic";

type Check = { status: "ok" } | { status: "error"; message: string };

async function check(run: () => Promise<unknown>): Promise<Check & { latencyMs: number }> {
  const started = performance.now();
  try {
    await run();
    return { status: "ok", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: "error", message, latencyMs: Math.round(performance.now() - started) };
  }
}

/** Public on purpose (load balancers call it): says whether each dependency answers, nothing more. */
export async function GET() {
  let driver: string | undefined;
  const database = await check(async () => {
    const handle = await databaseHandle();
    driver = handle.driver;
    await pingDatabase(handle.db);
  });
  const healthy = database.status === "ok";
  return Response.json(
    { status: healthy ? "ok" : "error", database: { ...database, driver } },
    { status: healthy ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
