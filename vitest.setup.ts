import { vi } from "vitest";

// `server-only` guards client bundles; under Vitest the server modules are imported directly.
vi.mock("server-only", () => ({}));

// Server log lines would bury the test report; tests that check logging build their own logger.
process.env.LOG_LEVEL ??= "silent";
