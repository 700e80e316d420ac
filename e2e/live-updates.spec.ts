import { expect, test, type Page } from "@playwright/test";

import { customerWrites, deliveredMessage } from "./fixtures/simulator";
import { signIn } from "./fixtures/users";

/** Opens the dashboard's event stream in the page, as the inbox does, and records what arrives. */
async function listenToEvents(page: Page) {
  await page.evaluate(() => {
    const received: Array<{ type: string; data: unknown }> = [];
    (window as unknown as { liveEvents: typeof received }).liveEvents = received;
    const source = new EventSource("/api/events");
    for (const type of ["message.created", "conversation.updated", "message.status"]) {
      source.addEventListener(type, (event) => received.push({ type, data: JSON.parse((event as MessageEvent).data) }));
    }
    return new Promise<void>((resolve) => source.addEventListener("open", () => resolve()));
  });
}

const eventsOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { liveEvents: Array<{ type: string; data: unknown }> }).liveEvents);

test("a customer's message arrives through the signed webhook and is announced live", async ({ page, request }) => {
  await signIn(page, "agent");
  await listenToEvents(page);
  await customerWrites(request, { type: "text", text: { body: "Hello, is my order on its way?" } });
  await expect.poll(async () => (await eventsOf(page)).map((event) => event.type)).toEqual(
    expect.arrayContaining(["message.created"]),
  );
});

test("media a customer sent is downloaded through the gateway for signed-in users only", async ({ page, request }) => {
  const wamid = await customerWrites(request, { type: "image", image: { caption: "The box arrived dented" } });
  const image = (await deliveredMessage(request, wamid)).image as { id: string; mime_type: string };

  const anonymous = await request.get(`/api/media/${image.id}`, { maxRedirects: 0 });
  expect(anonymous.status()).toBe(401);

  await signIn(page, "agent");
  for (let view = 0; view < 2; view += 1) {
    const response = await page.request.get(`/api/media/${image.id}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe(image.mime_type);
    expect((await response.body()).byteLength).toBeGreaterThan(0);
  }
});

test("the event stream refuses a visitor without a session", async ({ request }) => {
  const response = await request.get("/api/events", { maxRedirects: 0 });
  expect(response.status()).toBe(401);
});

test("a reconnecting browser gets the events it missed, by Last-Event-ID", async ({ page, request }) => {
  await signIn(page, "agent");
  await customerWrites(request, { type: "text", text: { body: "Sent while the tab was offline" } }, { from: "15550003333" });
  // Resume from the very beginning: every stored event comes first, in order, with its id.
  const frames = await page.evaluate(async () => {
    const controller = new AbortController();
    const response = await fetch("/api/events", { headers: { "Last-Event-ID": "0" }, signal: controller.signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!/event: message\.created[\s\S]*event: conversation\.updated/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    controller.abort();
    return text;
  });
  const ids = [...frames.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
  expect(ids.length).toBeGreaterThan(1);
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
});
