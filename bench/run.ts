/**
 * `npm run bench`: builds the app if needed, then prints the benchmarks' figures.
 * `npm run bench -- webhooks` (or `inbox`, `api`, `contacts`, `imports`, `campaigns`, `analytics`) runs one of them.
 * `--scale N` measures the inbox at N times its size too, side by side (BENCH_SCALE).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

import { benchAnalytics } from "./analytics";
import { benchApi } from "./api";
import { benchCampaigns } from "./campaigns";
import { benchContacts } from "./contacts";
import { benchContactImport } from "./contact-import";
import { benchInbox } from "./inbox";
import { benchWebhooks } from "./webhooks";

if (!existsSync(path.join(".next", "BUILD_ID")) || process.env.BENCH_BUILD === "1") {
  const build = spawnSync(path.join("node_modules", ".bin", "next"), ["build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const benchmarks = { webhooks: benchWebhooks, inbox: benchInbox, api: benchApi, imports: benchContactImport, contacts: benchContacts, campaigns: benchCampaigns, analytics: benchAnalytics };
const args = process.argv.slice(2);
const scaleAt = args.indexOf("--scale");
if (scaleAt >= 0) {
  const scale = Number(args[scaleAt + 1]);
  if (!Number.isInteger(scale) || scale < 2 || scale > 100) {
    console.error("--scale takes a whole number from 2 to 100 (how many times the base size to measure too)");
    process.exit(2);
  }
  process.env.BENCH_SCALE = String(scale);
  args.splice(scaleAt, 2);
}
const chosen = args;
for (const name of chosen) {
  if (!(name in benchmarks)) {
    console.error(`Unknown benchmark "${name}"; choose from: ${Object.keys(benchmarks).join(", ")}`);
    process.exit(2);
  }
}
for (const [name, run] of Object.entries(benchmarks)) {
  if (chosen.length === 0 || chosen.includes(name)) await run();
}
