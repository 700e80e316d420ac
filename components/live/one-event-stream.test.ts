import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

describe("the dashboard's event stream", () => {
  it("is opened by the live-events provider alone: a page listens through it, never through a second EventSource", () => {
    const openers = ["app", "components", "lib"].flatMap((folder) =>
      readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })
        .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
        .map((file) => path.join(folder, file))
        .filter((file) => readFileSync(path.join(root, file), "utf8").includes("new EventSource(")),
    );
    expect(openers).toEqual([path.join("components", "live", "live-events-provider.tsx")]);
  });
});
