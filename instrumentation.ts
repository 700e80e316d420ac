/** Validates the configuration and opens, migrates and seeds the database before the first request. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  const config = env();
  const { databaseHandle } = await import("@/db");
  const handle = await databaseHandle();
  console.log(
    `[dashboard] database ready (${handle.driver}); ${config.demoMode ? "demo mode against the simulator at " + config.matonGatewayUrl : "Maton gateway " + config.matonGatewayUrl}`,
  );
  // Mirror Maton's connections and numbers in the background; a failure (bad key, Maton down) is not fatal.
  const { refreshAccounts } = await import("@/lib/accounts/sync");
  void refreshAccounts(handle.db, { maxAgeMs: 0 })
    .then((status) => {
      if (status.error) console.warn(`[dashboard] account sync: ${status.error.title}: ${status.error.explanation}`);
    })
    .catch((error: unknown) => console.warn("[dashboard] account sync failed:", error));
  // Template statuses and number quality reach Maton's callback, not ours: poll them.
  if (config.syncIntervalSeconds > 0) {
    const { startSyncLoop } = await import("@/lib/jobs/sync-loop");
    startSyncLoop(handle.db, config.syncIntervalSeconds * 1000);
  }
}
