import { describe, expect, it } from "vitest";

import { parseTokenCreateArgs } from "./token-create-args";

describe("token:create's flags", () => {
  it("reads the email, the name and the days until expiry", () => {
    expect(parseTokenCreateArgs(["--email", "admin@demo.test", "--name", "CI script", "--expires-days", "90"])).toEqual({
      ok: true,
      help: false,
      email: "admin@demo.test",
      name: "CI script",
      expiresDays: 90,
    });
    expect(parseTokenCreateArgs(["--email=ops@example.test", "--name=  Nightly export  "])).toEqual({
      ok: true,
      help: false,
      email: "ops@example.test",
      name: "Nightly export",
      expiresDays: null,
    });
  });

  it("answers --help", () => {
    expect(parseTokenCreateArgs(["--help"])).toEqual({ ok: true, help: true });
    expect(parseTokenCreateArgs(["-h"])).toEqual({ ok: true, help: true });
  });

  it.each([
    [[], "--email"],
    [["--name", "x"], "--email"],
    [["--email", "not-an-email", "--name", "x"], "--email"],
    [["--email", "a@b.test"], "--name"],
    [["--email", "a@b.test", "--name", "   "], "--name"],
    [["--email", "a@b.test", "--name", "x".repeat(81)], "--name"],
    [["--email", "a@b.test", "--name", "x", "--expires-days", "0"], "--expires-days"],
    [["--email", "a@b.test", "--name", "x", "--expires-days", "366"], "--expires-days"],
    [["--email", "a@b.test", "--name", "x", "--expires-days", "1.5"], "--expires-days"],
    [["--email", "a@b.test", "--name", "x", "--expires-days", "soon"], "--expires-days"],
    [["--email", "a@b.test", "--name", "x", "--role", "admin"], "--role"],
    [["--email", "a@b.test", "--name", "x", "extra"], "extra"],
    [["--email"], "--email"],
  ])("refuses %j, naming %s", (argv, named) => {
    const parsed = parseTokenCreateArgs(argv);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toContain(named);
  });

  it("accepts the limits themselves", () => {
    expect(parseTokenCreateArgs(["--email", "a@b.test", "--name", "x".repeat(80), "--expires-days", "1"])).toMatchObject({ ok: true, expiresDays: 1 });
    expect(parseTokenCreateArgs(["--email", "a@b.test", "--name", "x", "--expires-days", "365"])).toMatchObject({ ok: true, expiresDays: 365 });
  });
});
