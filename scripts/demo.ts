/**
 * `npm run demo`: the dashboard on the embedded database against the local simulator,
 * with demo users and the simulator's seeded accounts. Prints the URL and the logins, then only
 * warnings and errors; `npm run demo -- --verbose` also prints every request and routine log line.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

import { DEMO_PASSWORD, DEMO_USERS } from "@/db/seed";

const USAGE = "usage: npm run demo [-- --verbose]";
const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log(`${USAGE}\n  --verbose  print the simulator's request lines and the dashboard's routine log lines too`);
  process.exit(0);
}
const unknown = args.filter((arg) => arg !== "--verbose" && arg !== "-v");
if (unknown.length > 0) {
  console.error(`Unknown option ${unknown.join(" ")}; ${USAGE}`);
  process.exit(2);
}
const verbose = args.length > 0;

const port = Number(process.env.PORT ?? 3000);
const simPort = Number(process.env.SIM_PORT ?? 4010);
const appUrl = `http://127.0.0.1:${port}`;
const bin = (name: string) => path.join("node_modules", ".bin", name);

// Demo mode is defined by the absence of a Maton key, and runs on the embedded database.
const demoEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), SIM_PORT: String(simPort) };
for (const name of ["MATON_API_KEY", "MATON_GATEWAY_URL", "MATON_CTRL_URL", "DATABASE_URL"]) delete demoEnv[name];
demoEnv.SIM_WEBHOOK_URL ??= `${appUrl}/api/webhooks/whatsapp`;
// Outbound webhooks may go to a receiver on this machine (http://127.0.0.1:…), which is refused elsewhere.
demoEnv.OUTBOUND_WEBHOOKS_ALLOW_PRIVATE ??= "true";
// Quiet unless asked, so the logins stay in view; an explicit LOG_LEVEL wins. Both processes read it.
const logLevel = process.env.LOG_LEVEL || (verbose ? "info" : "warn");
demoEnv.LOG_LEVEL = logLevel;
// `next start` runs in production mode, whose default is JSON lines: a person reads this terminal.
demoEnv.LOG_FORMAT = process.env.LOG_FORMAT || "pretty";

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

console.log(`Starting the simulator on port ${simPort} and the dashboard on port ${port} (embedded database in .data/)…`);
start("The simulator", bin("tsx"), ["simulator/main.ts"]);
start("The dashboard", bin("next"), ["start", "--port", String(port), "--hostname", "127.0.0.1"]);

async function waitForHealth(deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    try {
      const [dashboard, simulator] = await Promise.all([
        fetch(`${appUrl}/api/health`),
        fetch(`http://127.0.0.1:${simPort}/_sim/state`),
      ]);
      if (dashboard.ok && simulator.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

const LUMEN_US = "106540352242922";
const LUMEN_UK = "106540352242923";
const HARBOR = "113224466880011";
const minutesAgo = (minutes: number) => Math.floor(Date.now() / 1000 - minutes * 60);

/** Customers of the simulator's seeded accounts writing in, so the inbox has something to show. */
const DEMO_CONVERSATIONS: Array<Record<string, unknown>> = [
  { phone_number_id: LUMEN_US, from: "14155550123", name: "Maya Thompson", timestamp: minutesAgo(22), type: "text", text: { body: "Hi! My order #4821 hasn't arrived yet. Could you check where it is?" } },
  { phone_number_id: LUMEN_US, from: "14155550123", name: "Maya Thompson", timestamp: minutesAgo(21), type: "image", image: { caption: "This is the tracking page, it hasn't moved since Monday" } },
  { phone_number_id: LUMEN_US, from: "14155550177", name: "Daniel Okafor", timestamp: minutesAgo(185), type: "location", location: { latitude: 37.7793, longitude: -122.4193, name: "Lumen Coffee — Civic Center", address: "1 Dr Carlton B Goodlett Pl, San Francisco" } },
  { phone_number_id: LUMEN_US, from: "14155550177", name: "Daniel Okafor", timestamp: minutesAgo(184), type: "text", text: { body: "Is this shop open on Sundays?" } },
  { phone_number_id: LUMEN_US, from: "4915112345678", name: "Jonas Weber", timestamp: minutesAgo(26 * 60), type: "text", text: { body: "Do you ship to Germany? I'd like the *Ethiopia Yirgacheffe*, 1 kg." } },
  // Lucía uses a WhatsApp username and has withheld her number: she is known by her user id.
  { phone_number_id: LUMEN_US, user_id: "BR.7730918264410095321", username: "@lucia.fernandez", name: "Lucía Fernández", timestamp: minutesAgo(64), type: "button", button: { payload: "CONFIRM", text: "Yes, confirm" } },
  { phone_number_id: LUMEN_US, from: "919812345678", name: "Arjun Mehta", timestamp: minutesAgo(300), type: "document", document: { filename: "invoice-2026-118.pdf", caption: "Can you correct the VAT number on this invoice?" } },
  { phone_number_id: LUMEN_US, from: "61412345678", name: "Oliver Bennett", timestamp: minutesAgo(41), type: "audio", audio: { voice: true } },
  { phone_number_id: LUMEN_UK, from: "447700900461", name: "Priya Raman", timestamp: minutesAgo(23 * 60), type: "text", text: { body: "Hello, I'd like to change the delivery address for my subscription." } },
  { phone_number_id: HARBOR, from: "33612345678", name: "Camille Laurent", timestamp: minutesAgo(2 * 24 * 60), type: "text", text: { body: "Bonjour, can I move my cleaning appointment to next week?" } },
];

/** Once per data folder (beside PGLITE_DIR's database): the dashboard's embedded database keeps them across restarts. */
async function seedDemoConversations(): Promise<void> {
  const marker = path.join(path.dirname(path.resolve(process.env.PGLITE_DIR ?? ".data/pglite")), "demo-conversations-seeded");
  if (existsSync(marker)) return;
  let delivered = 0;
  for (const message of DEMO_CONVERSATIONS) {
    const response = await fetch(`http://127.0.0.1:${simPort}/_sim/inbound`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(message),
    });
    if (response.ok) delivered += 1;
    else console.warn(`A demo message could not be delivered: ${response.status} ${await response.text()}`);
  }
  if (delivered === DEMO_CONVERSATIONS.length) {
    mkdirSync(".data", { recursive: true });
    writeFileSync(marker, new Date().toISOString());
  }
}

/** Who can sign in, as printed once the demo is up. */
function loginsText(): string {
  const logins = DEMO_USERS.map((user) => `    ${user.role.padEnd(9)} ${user.email.padEnd(19)} ${user.name} — ${user.demoAccessNote}`).join("\n");
  return `  Sign in with any of these, password "${DEMO_PASSWORD}":\n${logins}`;
}

function loggingText(): string {
  const routineLinesShown = !["warn", "error", "fatal", "silent"].includes(logLevel.trim().toLowerCase());
  if (routineLinesShown) return `  Every request and routine log line is printed below (LOG_LEVEL=${logLevel}).`;
  return `  From here on only warnings and errors are printed; \`npm run demo -- --verbose\` shows every request.`;
}

if (await waitForHealth(Date.now() + 120_000)) {
  await seedDemoConversations();
  console.log(
    `\n  WhatsApp Business dashboard (demo) is running:\n\n    ${appUrl}\n\n` +
      `${loginsText()}\n\n` +
      `  The simulated Maton gateway runs at http://127.0.0.1:${simPort}. Press Ctrl+C to stop.\n` +
      `${loggingText()}\n`,
  );
} else {
  console.error(`The dashboard did not answer at ${appUrl}/api/health within two minutes.`);
  stop(1);
}
