import "server-only";

import { databaseHandle } from "@/db";
import { pingDatabase } from "@/db/client";
import { gateway } from "@/lib/gateway/server";

import { SharedCheck, timedCheck, type CheckResult } from "./checks";
import { gatewayCheck } from "./gateway-check";

/** A database result is reused this long: concurrent health requests share one ping. */
const DATABASE_CHECK_MAX_AGE_MS = 1_000;

interface DatabaseCheck {
  check: SharedCheck;
  driver: string | undefined;
}

const globalForHealth = globalThis as unknown as { dashboardDatabaseCheck?: DatabaseCheck };

/** The process's database check; each caller after a second waits for a fresh ping (joining a running one). */
function databaseCheck(): DatabaseCheck {
  if (!globalForHealth.dashboardDatabaseCheck) {
    const state: DatabaseCheck = {
      driver: undefined,
      check: new SharedCheck({
        maxAgeMs: DATABASE_CHECK_MAX_AGE_MS,
        refresh: "wait",
        check: () =>
          timedCheck(async () => {
            const handle = await databaseHandle();
            state.driver = handle.driver;
            await pingDatabase(handle.db);
          }),
      }),
    };
    globalForHealth.dashboardDatabaseCheck = state;
  }
  return globalForHealth.dashboardDatabaseCheck;
}

export interface HealthReport {
  status: "ok" | "degraded" | "error";
  database: CheckResult & { driver: string | undefined };
  gateway: CheckResult & { gatewayUrl: string; ctrlUrl: string; graphVersion: string };
}

/**
 * Whether the database answers (checked at most once a second) and what the last gateway check found
 * (with when it ran: `gateway.checkedAt`). The database decides whether the dashboard is up; a
 * gateway problem makes it "degraded".
 */
export async function healthReport(): Promise<HealthReport> {
  const database = databaseCheck();
  const [databaseResult, gatewayResult] = await Promise.all([database.check.current(), gatewayCheck().current()]);
  const status = databaseResult.status !== "ok" ? "error" : gatewayResult.status === "ok" ? "ok" : "degraded";
  return {
    status,
    database: { ...databaseResult, driver: database.driver },
    gateway: { ...gatewayResult, ...gateway().target },
  };
}
