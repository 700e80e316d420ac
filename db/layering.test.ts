/** Keeps db/ at the bottom of the layers (DESIGN.md §2): it imports nothing from lib/ but lib/env.ts. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

const DB_DIR = path.dirname(new URL(import.meta.url).pathname);

/** Known exceptions, by file, each with what would remove it: none today. */
const ALLOWED: Record<string, string[]> = {};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "migrations" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every module a file names: static and type imports, re-exports, dynamic imports. */
function importedModules(source: string): string[] {
  const found = [...source.matchAll(/\b(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((match) => match[1]!);
  return [...new Set(found)];
}

describe("db/ layering", () => {
  const files = sourceFiles(DB_DIR);

  it("finds the data layer's files", () => {
    expect(files.map((file) => path.relative(DB_DIR, file))).toEqual(expect.arrayContaining(["schema.ts", "index.ts", path.join("queries", "webhook-ingest.ts")]));
  });

  it.each(files.map((file) => [path.relative(DB_DIR, file), file] as const))("%s imports nothing from lib/ but lib/env.ts", (name, file) => {
    const fromLib = importedModules(readFileSync(file, "utf8")).filter(
      (module) => (module.startsWith("@/lib/") || /^(\.\.\/)+lib\//.test(module)) && module !== "@/lib/env" && !(ALLOWED[name] ?? []).includes(module),
    );
    expect(fromLib).toEqual([]);
  });
});
