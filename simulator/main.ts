/** `npm run sim`: the simulator as a stand-alone process, configured from the environment. */
import { DEMO_APP_SECRET, DEMO_MATON_API_KEY, DEMO_SIM_PORT } from "@/lib/whatsapp/demo";
import { SEED, SEED_CUSTOMERS, NOT_ON_WHATSAPP_PREFIX } from "./seed";
import { MAX_RATE_LIMIT_PER_SECOND } from "./sim-api";
import { startSimulator, type SimulatorLog } from "./server";

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`${name} must be a non-negative integer; got "${raw}"`);
    process.exit(1);
  }
  return value;
}

/** Maton's budget per key and second (SIM_RATE_LIMIT_PER_SECOND, default 10): raised for benchmarks. */
function rateLimitFromEnv(): number {
  const value = numberFromEnv("SIM_RATE_LIMIT_PER_SECOND", 10);
  if (value < 1 || value > MAX_RATE_LIMIT_PER_SECOND) {
    console.error(`SIM_RATE_LIMIT_PER_SECOND must be between 1 and ${MAX_RATE_LIMIT_PER_SECOND}; got "${process.env.SIM_RATE_LIMIT_PER_SECOND}"`);
    process.exit(1);
  }
  return value;
}

/**
 * A line per request at LOG_LEVEL info (the default) and below; at warn, error or fatal only failed
 * webhook deliveries and errors; silent: neither (errors are printed whatever the level).
 */
function logFromEnv(): SimulatorLog {
  const level = (process.env.LOG_LEVEL ?? "").trim().toLowerCase();
  if (level === "silent") return false;
  return ["warn", "error", "fatal"].includes(level) ? "warnings" : true;
}

async function main(): Promise<void> {
  const port = numberFromEnv("SIM_PORT", DEMO_SIM_PORT);
  const rateLimitPerSecond = rateLimitFromEnv();
  const webhookUrl = process.env.SIM_WEBHOOK_URL ?? "http://127.0.0.1:3000/api/webhooks/whatsapp";
  const simulator = await startSimulator({
    port,
    apiKey: process.env.SIM_API_KEY || DEMO_MATON_API_KEY,
    appSecret: process.env.WHATSAPP_APP_SECRET || DEMO_APP_SECRET,
    webhookUrl: webhookUrl === "" || webhookUrl === "none" ? null : webhookUrl,
    publicUrl: process.env.SIM_PUBLIC_URL || undefined,
    templateReviewMs: numberFromEnv("SIM_TEMPLATE_REVIEW_MS", 5000),
    rateLimitPerSecond,
    // "maton": deliveries to registered callbacks are signed with a secret the dashboard does not know.
    overrideSigning: process.env.SIM_OVERRIDE_SIGNING === "maton" ? "maton" : "app-secret",
    log: logFromEnv(),
  });
  console.log(`WhatsApp/Maton simulator listening on ${simulator.url}`);
  console.log(`  gateway  ${simulator.url}/whatsapp-business/v21.0/…   control plane ${simulator.url}/connections   control API ${simulator.url}/_sim/state`);
  console.log(`  webhooks → ${webhookUrl || "(recorded only)"}   rate limit ${rateLimitPerSecond} requests/s per key`);
  console.log(`  connection ${SEED.connections.lumen}  Lumen Coffee Roasters  WABA ${SEED.wabas.lumen}`);
  console.log(`      phone ${SEED.phoneNumbers.lumenUs} +1 555-010-4821   phone ${SEED.phoneNumbers.lumenUk} +44 20 7946 0321`);
  console.log(`  connection ${SEED.connections.harbor}  Harbor Dental Clinic  WABA ${SEED.wabas.harbor}`);
  console.log(`      phone ${SEED.phoneNumbers.harbor} +49 30 901820 77`);
  console.log(`  customers: ${SEED_CUSTOMERS.map((customer) => `${customer.name} ${[customer.waId, customer.userId, customer.username].filter(Boolean).join(" ")}`).join(", ")}`);
  console.log(`  numbers starting ${NOT_ON_WHATSAPP_PREFIX} are not on WhatsApp (131026). A customer writes: POST /_sim/inbound`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the simulator`);
    void simulator.close().then(() => process.exit(0));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

void main().catch((error: unknown) => {
  console.error("The simulator could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
