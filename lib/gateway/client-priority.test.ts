import { describe, expect, it } from "vitest";

import { createGatewayClient } from "./client";
import type { GatewayPriority, RateLimiter } from "./limiter";
import { jsonResponse, scriptedFetch } from "./test-helpers";

/** A limiter that lets everything through and notes the priority each call asked for. */
function recordingLimiter() {
  const asked: Array<GatewayPriority | undefined> = [];
  const limiter: RateLimiter = {
    acquire: (_signal, priority) => {
      asked.push(priority);
      return Promise.resolve();
    },
  };
  return { limiter, asked };
}

function clientWith(limiter: RateLimiter, priority?: GatewayPriority) {
  const { fetch } = scriptedFetch([jsonResponse({ success: true })]);
  return createGatewayClient({ apiKey: "key-1", gatewayUrl: "http://gateway.test", ctrlUrl: "http://ctrl.test", fetch, limiter, priority });
}

describe("call priorities", () => {
  it("passes a call's priority to the limiter, and none when the call names none (interactive)", async () => {
    const { limiter, asked } = recordingLimiter();
    const client = clientWith(limiter);
    await client.media.deleteMedia("m1", { priority: "api" });
    await client.media.deleteMedia("m2");
    expect(asked).toEqual(["api", undefined]);
  });

  it("gives a background client's calls the background priority unless a call names its own", async () => {
    const { limiter, asked } = recordingLimiter();
    const background = clientWith(limiter).withPriority("background");
    await background.media.deleteMedia("m1");
    await background.templates.listTemplates("waba-1").catch(() => undefined);
    await background.media.deleteMedia("m2", { priority: "campaign" });
    expect(asked).toEqual(["background", "background", "campaign"]);
  });

  it("takes the default priority as an option of the client too, and withPriority changes it again", async () => {
    const { limiter, asked } = recordingLimiter();
    const campaigns = clientWith(limiter, "campaign");
    await campaigns.media.deleteMedia("m1");
    await campaigns.withPriority("api").media.deleteMedia("m2");
    expect(asked).toEqual(["campaign", "api"]);
  });
});
