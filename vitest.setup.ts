import { vi } from "vitest";

// `server-only` guards client bundles; under Vitest the server modules are imported directly.
vi.mock("server-only", () => ({}));
