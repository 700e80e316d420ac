/**
 * The Node.js side of start-up (instrumentation.ts loads it on the Node runtime only, so the Edge
 * build never sees these Node APIs): stamps each request with its connection's address, validates
 * the configuration, opens, migrates and seeds the database, creates the first admin, and starts the
 * job engine before the first request.
 */
export async function registerNode() {
  // First, so that as few requests as possible arrive unstamped (they count as "unknown").
  const { stampSocketAddresses } = await import("@/lib/http/socket-address");
  stampSocketAddresses();
  const { env } = await import("@/lib/env");
  const config = env();
  const { logger } = await import("@/lib/log");
  const log = logger("dashboard");
  const { databaseHandle } = await import("@/db");
  const handle = await databaseHandle();
  if (!config.demoMode && config.initialAdmin) {
    // The first admin, from ADMIN_EMAIL / ADMIN_PASSWORD, on an empty database only.
    const [{ createInitialAdmin }, { hashPassword }] = await Promise.all([import("@/db/seed"), import("@/lib/auth/password")]);
    const { email, password } = config.initialAdmin;
    if (await createInitialAdmin(handle.db, { email, passwordHash: await hashPassword(password) })) log.info({ email }, "created the first admin");
  }
  log.info(
    { driver: handle.driver, gateway: config.matonGatewayUrl, demo: config.demoMode },
    `database ready (${handle.driver}); ${config.demoMode ? "demo mode against the simulator at " : "Maton gateway "}${config.matonGatewayUrl}`,
  );
  // Mirror Maton's connections and numbers in the background; a failure (bad key, Maton down) is not fatal.
  const { refreshAccounts } = await import("@/lib/accounts/sync");
  void refreshAccounts(handle.db, { maxAgeMs: 0 })
    .then((status) => {
      if (status.error) log.warn({ code: status.error.code }, `account sync: ${status.error.title}: ${status.error.explanation}`);
    })
    .catch((error: unknown) => log.warn({ err: error }, "account sync failed"));
  // Background work (template and number polling, every later job) runs on the job engine, held in the database.
  // Next itself never calls register() during `next build`, so no build process takes jobs.
  const { jobEngine, stopJobEngine } = await import("@/lib/jobs");
  await jobEngine();
  const { webhookRefusals } = await import("@/lib/webhooks/refusals");
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void Promise.all([
        // Refused deliveries counted in memory since the last write (flush() never rejects).
        webhookRefusals().flush(),
        stopJobEngine().catch((error: unknown) => log.warn({ err: error }, "stopping jobs failed")),
      ]).finally(() => {
        // Next exits on its own listener; without one, end the process as the signal would have.
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    });
  }
}
