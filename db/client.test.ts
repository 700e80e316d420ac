import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { DatabaseInUseError, lockPgliteDir, openDatabase, pingDatabase } from "./client";
import { countUsers } from "./queries/users";
import { seedDemoUsers } from "./seed";

const children: Array<ReturnType<typeof spawn>> = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

describe("the embedded database folder", () => {
  it("keeps its rows across a close and a reopen", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "pglite-")), "db");
    const first = await openDatabase({ driver: "pglite", dir });
    await first.migrate();
    await seedDemoUsers(first.db);
    await first.close();
    const second = await openDatabase({ driver: "pglite", dir });
    await second.migrate();
    expect(await countUsers(second.db)).toBe(3);
    await pingDatabase(second.db);
    await second.close();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it("refuses to open a folder another live process holds", () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "pglite-")), "db");
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    children.push(other);
    writeFileSync(`${dir}.lock`, String(other.pid));
    expect(() => lockPgliteDir(dir)).toThrow(DatabaseInUseError);
    expect(() => lockPgliteDir(dir)).toThrow(new RegExp(`in use by process ${other.pid}`));
  });

  it("takes over a lock left by a process that is gone", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "pglite-")), "db");
    const gone = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => gone.on("exit", resolve));
    writeFileSync(`${dir}.lock`, String(gone.pid));
    const release = lockPgliteDir(dir);
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });
});
