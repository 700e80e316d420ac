import { describe, expect, it, vi } from "vitest";
import { z } from "@/lib/zod";

import { currentRequestId } from "@/lib/log";

import { actionClient } from "./client";

// The request the action runs in: the proxy has given it an id.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));
// No action here needs a session; the clients' module imports Auth.js all the same.
vi.mock("@/auth", () => ({ auth: async () => null }));

const whoAmI = actionClient
  .metadata({ actionName: "whoAmI" })
  .inputSchema(z.object({}))
  .action(async () => {
    await new Promise((resolve) => setImmediate(resolve));
    return { requestId: currentRequestId() };
  });

describe("the action clients' request context", () => {
  it("runs every action inside the request's context, with the id the proxy set", async () => {
    request.headers = new Headers({ "x-request-id": "req-from-proxy" });
    expect((await whoAmI({})).data).toEqual({ requestId: "req-from-proxy" });
    expect(currentRequestId()).toBeUndefined();
  });

  it("gives an action called without the proxy's header an id of its own", async () => {
    request.headers = new Headers();
    const first = (await whoAmI({})).data?.requestId;
    const second = (await whoAmI({})).data?.requestId;
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toMatch(/^[0-9a-f-]{36}$/);
    expect(first).not.toBe(second);
  });
});
