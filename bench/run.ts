/** `npm run bench`: builds the app if needed, then prints the benchmarks' figures. */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

import { benchInbox } from "./inbox";
import { benchWebhooks } from "./webhooks";

if (!existsSync(path.join(".next", "BUILD_ID")) || process.env.BENCH_BUILD === "1") {
  const build = spawnSync(path.join("node_modules", ".bin", "next"), ["build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

await benchWebhooks();
await benchInbox();
