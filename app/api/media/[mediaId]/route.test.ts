import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { ingestDelivery } from "@/db/queries/webhook-ingest";
import { findUserByEmail } from "@/db/queries/users";
import { seedDemoUsers } from "@/db/seed";
import { testDatabases } from "@/db/test-databases";
import { GraphError, MatonError } from "@/lib/gateway";
import { inbound } from "@/lib/webhooks/test-payloads";
import { recordsFromDelivery } from "@/lib/whatsapp/inbound";

import { GET } from "./route";

const session = vi.hoisted(() => ({ userId: undefined as string | undefined }));
vi.mock("@/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId }, expires: "" } : null) }));
const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
// By media id: 9xxx WhatsApp no longer knows (what Graph answers for an expired or deleted id);
// 8001 is 150 MB; 8002's bytes cannot be fetched through the gateway.
vi.mock("@/lib/gateway/server", () => ({
  gateway: () => ({
    media: {
      getMedia: async (mediaId: string) => {
        if (mediaId.startsWith("8")) {
          return { id: mediaId, url: `https://lookaside.example/${mediaId}`, mime_type: "image/jpeg", sha256: "abc", file_size: mediaId === "8001" ? 150 * 1024 * 1024 : 1000 };
        }
        throw new GraphError(
          404,
          { message: "Unsupported get request. Object with ID 'x' does not exist", code: 100, error_subcode: 33, type: "GraphMethodException" },
          {},
          { method: "GET", path: "x" },
        );
      },
      fetchMediaBytes: async () => {
        throw new MatonError(502, { error: { message: "Bad gateway" } }, { method: "GET", path: "https://lookaside.example/8002" });
      },
    },
  }),
}));

const DAY = 24 * 60 * 60 * 1000;

async function customerSentImage(mediaId: string, at: Date) {
  const payload = inbound("15551112222", "image", { id: mediaId, mime_type: "image/jpeg", sha256: "abc" }, { at });
  await ingestDelivery(database.handle.db, recordsFromDelivery(payload, new Date()));
}

const get = (mediaId: string) =>
  GET(new Request(`http://127.0.0.1/api/media/${mediaId}`), { params: Promise.resolve({ mediaId }) });

describe("media a customer sent, once WhatsApp has forgotten it", () => {
  beforeEach(async () => {
    database.handle = await testDatabases[0]!.open();
    await seedDemoUsers(database.handle.db);
    session.userId = (await findUserByEmail(database.handle.db, "agent@demo.test"))!.id;
  });
  afterEach(async () => {
    await database.handle.close();
  });

  it("is reported as expired with what to do, after about a week", async () => {
    await customerSentImage("9001", new Date(Date.now() - 8 * DAY));
    const response = await get("9001");
    expect(response.status).toBe(410);
    expect(await response.json()).toEqual({
      error: {
        code: "MEDIA_EXPIRED",
        message:
          "This file has expired at WhatsApp (media from customers can be downloaded for about 7 days) and was never opened here. Ask the customer to send it again.",
      },
    });
  });

  it("is reported as a gateway error, explained, while it should still exist", async () => {
    await customerSentImage("9002", new Date(Date.now() - DAY));
    const response = await get("9002");
    expect(response.status).toBe(502);
    expect((await response.json()).error.code).toBe("GATEWAY_ERROR");
  });

  it("is not fetched when larger than WhatsApp carries, and says so", async () => {
    await customerSentImage("8001", new Date());
    const response = await get("8001");
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatchObject({ code: "MEDIA_TOO_LARGE", message: expect.stringMatching(/150 MB, larger than the 100 MB/) });
  });

  it("says plainly when WhatsApp has the file but its bytes do not come through the gateway", async () => {
    await customerSentImage("8002", new Date());
    const response = await get("8002");
    expect(response.status).toBe(502);
    expect((await response.json()).error).toMatchObject({ code: "MEDIA_UNREACHABLE", message: expect.stringMatching(/could not be fetched through the Maton gateway.*Try again/) });
  });

  it("is refused to a visitor without a session", async () => {
    session.userId = undefined;
    expect((await get("9001")).status).toBe(401);
  });
});
