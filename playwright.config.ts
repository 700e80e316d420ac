import { defineConfig, devices } from "@playwright/test";

/** Ports of their own, so the suite can run beside a developer's `npm run demo`. */
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 4110);
const dataDir = `.data/e2e-${APP_PORT}`;
const appUrl = `http://127.0.0.1:${APP_PORT}`;
const simUrl = `http://127.0.0.1:${SIM_PORT}`;

const serverEnv = {
  PORT: String(APP_PORT),
  SIM_PORT: String(SIM_PORT),
  SIM_WEBHOOK_URL: `${appUrl}/api/webhooks/whatsapp`,
  PGLITE_DIR: `${dataDir}/pglite`,
  MEDIA_DIR: `${dataDir}/media`,
  MATON_API_KEY: "",
  DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
  // "Meta" reviews a new template only when a test decides it (POST /_sim/templates/{id}/decide): after a
  // fixed delay, a slow run would see APPROVED where a fast one sees PENDING.
  SIM_TEMPLATE_REVIEW_MS: String(60 * 60 * 1000),
  // Outbound webhook tests deliver to a receiver on 127.0.0.1, an address refused outside tests and the demo.
  OUTBOUND_WEBHOOKS_ALLOW_PRIVATE: "true",
};

/**
 * With a PostgreSQL server (CI sets TEST_DATABASE_URL), two more dashboards share one fresh
 * database, to show that live updates reach every instance (LISTEN/NOTIFY).
 */
const postgresServer = process.env.TEST_DATABASE_URL;
const sharedDatabaseUrl = postgresServer
  ? Object.assign(new URL(postgresServer), { pathname: `/dashboard_e2e_${APP_PORT}` }).toString()
  : undefined;
export const INSTANCE_URLS = [`http://127.0.0.1:${APP_PORT + 1}`, `http://127.0.0.1:${APP_PORT + 2}`] as const;
const sharedDatabaseServers = sharedDatabaseUrl
  ? INSTANCE_URLS.map((url, index) => ({
      name: `dashboard on PostgreSQL ${index + 1}`,
      command: `${index === 0 ? `npx tsx scripts/e2e-fresh-database.ts ${sharedDatabaseUrl} && ` : ""}npx next start --port ${APP_PORT + 1 + index} --hostname 127.0.0.1`,
      url: `${url}/api/health`,
      // No sync loop: it would register these instances' callbacks on the shared simulator's accounts
      // and take the deliveries the main dashboard's tests wait for.
      env: { ...serverEnv, PORT: String(APP_PORT + 1 + index), DATABASE_URL: sharedDatabaseUrl, SYNC_INTERVAL_SECONDS: "0" },
      reuseExistingServer: false,
      timeout: 120_000,
    }))
  : [];

export default defineConfig({
  testDir: "./e2e",
  outputDir: `./test-results-${APP_PORT}`,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  // Sized for a 2-core machine shared with other suites, where a scenario takes up to ~30 s (its
  // sign-ins cost a bcrypt each) and a page's answer to an action up to ~5 s: twice what was
  // measured there. Waits on the server's answer to an action have no timeout of their own
  // (fixtures/server-actions.ts); only the test's bounds them.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: appUrl,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
  },
  projects: [
    // "The only admin" must be true while these run: they go first, before other specs add admins.
    { name: "team administration", testMatch: /team-admin\.spec\.ts$/, fullyParallel: false, use: { ...devices["Desktop Chrome"] } },
    {
      name: "chromium",
      testIgnore: [/team-admin\.spec\.ts$/, /campaigns-.*\.spec\.ts$/],
      dependencies: ["team administration"],
      use: { ...devices["Desktop Chrome"] },
    },
    // Campaigns send for real at the account's budget: each runs alone, after the rest, so that its
    // stream of sends and status webhooks and the other specs do not slow each other down.
    { name: "campaign building", testMatch: /campaigns-build\.spec\.ts$/, dependencies: ["chromium"], use: { ...devices["Desktop Chrome"] } },
    { name: "campaign sending", testMatch: /campaigns-run\.spec\.ts$/, dependencies: ["campaign building"], use: { ...devices["Desktop Chrome"] } },
  ],
  webServer: [
    {
      name: "simulator",
      command: "npx tsx simulator/main.ts",
      url: `${simUrl}/_sim/state`,
      env: serverEnv,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      name: "dashboard",
      command: `rm -rf ${dataDir} && npx next start --port ${APP_PORT} --hostname 127.0.0.1`,
      url: `${appUrl}/api/health`,
      env: serverEnv,
      reuseExistingServer: false,
      timeout: 120_000,
    },
    ...sharedDatabaseServers,
  ],
});

export { appUrl, simUrl };
