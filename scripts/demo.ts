/**
 * `npm run demo`: the dashboard on the embedded database against the local simulator,
 * with demo users and the simulator's seeded accounts. Prints the URL and the logins.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

import { DEMO_PASSWORD, DEMO_USERS } from "@/db/seed";

const port = Number(process.env.PORT ?? 3000);
const simPort = Number(process.env.SIM_PORT ?? 4010);
const appUrl = `http://127.0.0.1:${port}`;
const bin = (name: string) => path.join("node_modules", ".bin", name);

// Demo mode is defined by the absence of a Maton key, and runs on the embedded database.
const demoEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), SIM_PORT: String(simPort) };
for (const name of ["MATON_API_KEY", "MATON_GATEWAY_URL", "MATON_CTRL_URL", "DATABASE_URL"]) delete demoEnv[name];
demoEnv.SIM_WEBHOOK_URL ??= `${appUrl}/api/webhooks/whatsapp`;

/** The newest modification time under the sources a production build depends on. */
function newestSourceChange(): number {
  let newest = 0;
  const visit = (entry: string) => {
    const stats = statSync(entry);
    if (stats.isDirectory()) {
      for (const child of readdirSync(entry)) visit(path.join(entry, child));
    } else newest = Math.max(newest, stats.mtimeMs);
  };
  for (const entry of ["app", "components", "lib", "db", "auth.ts", "auth.config.ts", "proxy.ts", "next.config.ts", "package-lock.json"]) {
    if (existsSync(entry)) visit(entry);
  }
  return newest;
}

const buildId = path.join(".next", "BUILD_ID");
if (!existsSync(buildId) || statSync(buildId).mtimeMs < newestSourceChange()) {
  console.log("Building the dashboard (once per change, about a minute)…");
  const build = spawnSync(bin("next"), ["build"], { stdio: "inherit", env: demoEnv });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const children: ChildProcess[] = [];
function start(name: string, command: string, args: string[]) {
  const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"], env: demoEnv });
  child.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`${name} stopped (${signal ?? `exit code ${code}`}); stopping the demo.`);
    stop(code ?? 1);
  });
  children.push(child);
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 500).unref();
}
process.on("SIGINT", () => stop());
process.on("SIGTERM", () => stop());

start("The simulator", bin("tsx"), ["simulator/main.ts"]);
start("The dashboard", bin("next"), ["start", "--port", String(port), "--hostname", "127.0.0.1"]);

async function waitForHealth(deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${appUrl}/api/health`);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

if (await waitForHealth(Date.now() + 120_000)) {
  const logins = DEMO_USERS.map((user) => `    ${user.role.padEnd(9)} ${user.email}`).join("\n");
  console.log(
    `\n  WhatsApp Business dashboard (demo) is running:\n\n    ${appUrl}\n\n` +
      `  Sign in with any of these, password "${DEMO_PASSWORD}":\n${logins}\n\n` +
      `  The simulated Maton gateway runs at http://127.0.0.1:${simPort}. Press Ctrl+C to stop.\n`,
  );
} else {
  console.error(`The dashboard did not answer at ${appUrl}/api/health within two minutes.`);
  stop(1);
}
