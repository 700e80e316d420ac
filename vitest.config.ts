import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL(".", import.meta.url)) },
  },
  test: {
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // One worker per core, not Vitest's default of one fewer: much of a test's time is spent waiting
    // on its database, and on a 2-core machine the default runs the files one at a time.
    maxWorkers: availableParallelism(),
    // "server-only" throws outside a React Server environment; tests run server code directly.
    server: { deps: { inline: [] } },
    setupFiles: ["./vitest.setup.ts"],
  },
});
