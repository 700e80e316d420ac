/**
 * What the first load of `/inbox` is made of.
 *
 * - In a browser, against a production server on a fresh PostgreSQL database: every script `/inbox`
 *   loads until its conversation list shows and the network settles (counted as the inbox benchmark
 *   counts them), each gzipped.
 * - From Turbopack's analyzer graph of the route (`next analyze --output` beforehand): which
 *   dependencies and modules those scripts carry. The analyzer gzips each module on its own, which
 *   overstates what it adds inside a chunk, so its figures are scaled to the measured total.
 *
 *   NEXT_DIST_DIR=.next-analyze npx next analyze --output   # once per change, ~3 min
 *   BENCH_DATABASE_URL=postgres://… npx tsx --conditions=react-server bench/bundle.ts
 *
 * `BENCH_ANALYZE_DIR` names the analyzer's output folder (default `.next-analyze`); without it only the
 * browser's figures are printed. `BENCH_BUNDLE_PORT` is the server's port (default 3960).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { gzipSync } from "node:zlib";

import { chromium, type Browser } from "@playwright/test";

import { DEMO_PASSWORD, DEMO_USERS } from "@/db/seed";
import { openDatabase } from "@/db/client";

import { seedInboxData } from "./inbox-data";
import { printTable } from "./report";
import { assertPortFree, benchServerUrl, startServer, stopServer, waitForServer, withFreshDatabase } from "./server";

const PORT = Number(process.env.BENCH_BUNDLE_PORT ?? 3960);
const BASE = `http://127.0.0.1:${PORT}`;
const ANALYZE_DIR = process.env.BENCH_ANALYZE_DIR ?? ".next-analyze";
const ROUTE = "/inbox";

interface LoadedScript {
  path: string;
  raw: number;
  gzipped: number;
}

/** The scripts the signed-in `/inbox` page loads until its list shows and the network has been quiet 1.5 s. */
async function loadedScripts(browser: Browser): Promise<LoadedScript[]> {
  const context = await browser.newContext({ baseURL: BASE, viewport: { width: 1280, height: 800 } });
  try {
    const signIn = await context.newPage();
    await signIn.goto("/login");
    await signIn.getByLabel("Email").fill(DEMO_USERS[0]!.email);
    await signIn.getByLabel("Password").fill(DEMO_PASSWORD);
    await signIn.getByRole("button", { name: "Sign in" }).click();
    await signIn.waitForURL(/\/inbox$/, { timeout: 30_000 });
    await signIn.close();

    const page = await context.newPage();
    const scripts: Array<Promise<LoadedScript | null>> = [];
    page.on("response", (response) => {
      const url = new URL(response.url());
      if (response.request().resourceType() !== "script" && !url.pathname.endsWith(".js")) return;
      scripts.push(
        response.body().then(
          (body) => ({ path: url.pathname, raw: body.length, gzipped: gzipSync(body).length }),
          () => null,
        ),
      );
    });
    await page.goto(ROUTE, { waitUntil: "load" });
    await page.getByRole("list", { name: "Conversations" }).getByRole("link").first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1500);
    return (await Promise.all(scripts)).filter((script): script is LoadedScript => script !== null);
  } finally {
    await context.close();
  }
}

interface AnalyzerPart {
  output: string;
  source: string;
  gzipped: number;
}

/** The route's JavaScript as the analyzer saw it: each module's gzipped size in every output of the first load. */
async function analyzerParts(distDir: string): Promise<AnalyzerPart[]> {
  const child = spawn(path.join("node_modules", ".bin", "next"), ["analyze", "export", "--route", ROUTE, "--dist-dir", distDir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const parts: AnalyzerPart[] = [];
  const firstLoad = new Set<string>();
  for await (const line of createInterface({ input: child.stdout })) {
    if (!line.startsWith("{")) continue;
    const record = JSON.parse(line) as {
      type: string;
      kind?: string;
      outputs?: string[];
      filename?: string;
      source_path?: string;
      compressed_size?: number;
    };
    // Groups loaded with the page (bootstrap, and every client component it renders); async groups load later.
    if (record.type === "group" && record.kind !== "async") for (const output of record.outputs ?? []) firstLoad.add(output);
    if (record.type === "part" && record.filename?.endsWith(".js") && record.filename.includes("/static/")) {
      parts.push({ output: record.filename, source: record.source_path ?? "?", gzipped: record.compressed_size ?? 0 });
    }
  }
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  if (code !== 0) throw new Error(`next analyze export exited with ${code}`);
  return parts.filter((part) => firstLoad.has(part.output));
}

/** A module's dependency: its package (React DOM and React apart from the rest of Next), else its folder in the project. */
function dependencyOf(source: string): string {
  const file = source.replace(/^\[project\]\//, "");
  const compiled = /^node_modules\/next\/dist\/compiled\/(react-dom|react|scheduler|react-server-dom-turbopack)\//.exec(file);
  if (compiled) return compiled[1] === "react-server-dom-turbopack" ? "next (RSC client)" : compiled[1]!;
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
  if (pkg) return pkg[1] === "next" ? "next (runtime)" : pkg[1]!;
  if (file.startsWith("[turbopack]")) return "turbopack runtime";
  const [top, second] = file.split("/");
  return second && !second.includes(".") ? `${top}/${second}/` : file;
}

function kb(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}

async function main(): Promise<void> {
  const serverUrl = benchServerUrl();
  if (!serverUrl) throw new Error("set BENCH_DATABASE_URL to a PostgreSQL server the script may create a database on");
  if (!existsSync(path.join(process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID"))) throw new Error("build first: npx next build");
  await assertPortFree(PORT);

  const scripts = await withFreshDatabase(serverUrl, "dashboard_bench_bundle", async (url) => {
    const handle = await openDatabase({ driver: "postgres", url });
    try {
      await handle.migrate();
      await seedInboxData(handle.db, { conversations: 2_000, messages: 50_000 });
    } finally {
      await handle.close();
    }
    const server = startServer(PORT, { DATABASE_URL: url, SYNC_INTERVAL_SECONDS: "0" });
    let browser: Browser | undefined;
    try {
      await waitForServer(`${BASE}/api/health`, server);
      browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
      return await loadedScripts(browser);
    } finally {
      await browser?.close();
      await stopServer(server);
    }
  });

  const total = scripts.reduce((sum, script) => sum + script.gzipped, 0);
  printTable(
    `Scripts loaded by ${ROUTE} (${scripts.length} files, ${kb(scripts.reduce((sum, script) => sum + script.raw, 0))} KB raw, ${kb(total)} KB gzipped)`,
    [...scripts].sort((a, b) => b.gzipped - a.gzipped).map((script) => ({ script: script.path, "raw KB": kb(script.raw), "gzipped KB": kb(script.gzipped) })),
  );

  if (!existsSync(path.join(ANALYZE_DIR, "diagnostics", "analyze"))) {
    console.log(`\nNo analyzer output in ${ANALYZE_DIR}: run \`NEXT_DIST_DIR=${ANALYZE_DIR} npx next analyze --output\` for the breakdown by dependency.`);
    return;
  }
  const parts = await analyzerParts(ANALYZE_DIR);
  const analysed = parts.reduce((sum, part) => sum + part.gzipped, 0);
  const scale = total / analysed;
  const sum = (key: (part: AnalyzerPart) => string) => {
    const sizes = new Map<string, number>();
    for (const part of parts) sizes.set(key(part), (sizes.get(key(part)) ?? 0) + part.gzipped);
    return [...sizes].sort((a, b) => b[1] - a[1]);
  };
  const rows = (entries: Array<[string, number]>, column: string, limit: number) =>
    entries.slice(0, limit).map(([name, size]) => ({ [column]: name, "KB (module alone)": kb(size), "KB in first load": kb(size * scale), share: `${((size / analysed) * 100).toFixed(1)} %` }));
  printTable(`${ROUTE} first load by dependency (gzipped; analyzer's modules scaled by ${scale.toFixed(2)} to the measured total)`, rows(sum((part) => dependencyOf(part.source)), "dependency", 40));
  printTable(`${ROUTE} first load: the largest project modules`, rows(sum((part) => part.source.replace(/^\[project\]\//, "")).filter(([name]) => !name.startsWith("node_modules/") && !name.startsWith("[")), "module", 25));
}

await main();
