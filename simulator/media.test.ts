import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SEED } from "./seed";
import type { RunningSimulator } from "./server";
import { control, gateway, KEY, startTestSimulator } from "./test/harness";

const PHONE = SEED.phoneNumbers.lumenUs;
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());
afterEach(() => control(sim.url, "reset", {}));

async function upload(bytes: Uint8Array, type: string, options: { product?: "form" | "query" | "none"; filename?: string; typeField?: boolean } = {}) {
  const form = new FormData();
  const product = options.product ?? "form";
  if (product === "form") form.set("messaging_product", "whatsapp");
  if (options.typeField !== false) form.set("type", type);
  form.set("file", new Blob([new Uint8Array(bytes)], { type }), options.filename ?? "file.bin");
  const query = product === "query" ? "?messaging_product=whatsapp" : "";
  const response = await fetch(`${sim.url}/whatsapp-business/v21.0/${PHONE}/media${query}`, { method: "POST", headers: { authorization: `Bearer ${KEY}` }, body: form });
  return { status: response.status, body: (await response.json()) as { id?: string; error?: { code: number; message: string; error_data?: { details: string } } } };
}

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

describe("media upload, lookup, download and delete", () => {
  it("uploads, answers metadata with a URL that needs the key, and serves the same bytes", async () => {
    const uploaded = await upload(PNG, "image/png", { filename: "logo.png" });
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.id).toMatch(/^\d{15,16}$/);
    const meta = await gateway(sim.url, uploaded.body.id ?? "");
    expect(meta.body).toMatchObject({ messaging_product: "whatsapp", mime_type: "image/png", file_size: PNG.length, id: uploaded.body.id });
    expect(meta.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const withoutKey = await fetch(meta.body.url);
    expect(withoutKey.status).toBe(401);
    const download = await fetch(meta.body.url, { headers: { authorization: `Bearer ${KEY}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);

    await control(sim.url, "clock", { advance_seconds: 6 * 60 });
    expect((await fetch(meta.body.url, { headers: { authorization: `Bearer ${KEY}` } })).status).toBe(404);
    const fresh = await gateway(sim.url, uploaded.body.id ?? "");
    expect((await fetch(fresh.body.url, { headers: { authorization: `Bearer ${KEY}` } })).status).toBe(200);

    expect((await gateway(sim.url, uploaded.body.id ?? "", { method: "DELETE" })).body).toEqual({ success: true });
    expect((await gateway(sim.url, uploaded.body.id ?? "")).body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it("accepts messaging_product as a query parameter and refuses it missing", async () => {
    expect((await upload(PNG, "image/png", { product: "query" })).status).toBe(200);
    const missing = await upload(PNG, "image/png", { product: "none" });
    expect(missing.status).toBe(400);
    expect(missing.body.error?.code).toBe(100);
    expect(missing.body.error?.message).toContain("messaging_product");
  });

  it("applies the size limit of each kind with 131053 naming the limit", async () => {
    const image = await upload(new Uint8Array(5 * 1024 * 1024 + 1), "image/jpeg");
    expect(image.body.error?.code).toBe(131053);
    expect(image.body.error?.error_data?.details).toContain("5 MB");
    const sticker = await upload(Buffer.concat([Buffer.from("RIFF....WEBPVP8 "), Buffer.alloc(101 * 1024)]), "image/webp");
    expect(sticker.body.error?.error_data?.details).toContain("static sticker");
    const gif = await upload(PNG, "image/gif");
    expect(gif.body.error?.error_data?.details).toContain("image/gif");
    const ogg = await upload(Buffer.from("OggS not opus"), "audio/ogg");
    expect(ogg.body.error?.error_data?.details).toMatch(/Opus/);
  });

  it("takes a 16 MB video and expires upload ids after 30 days", async () => {
    const video = await upload(new Uint8Array(16 * 1024 * 1024), "video/mp4");
    expect(video.status).toBe(200);
    const meta = await gateway(sim.url, video.body.id ?? "");
    expect(meta.body.file_size).toBe(16 * 1024 * 1024);
    expect((await upload(new Uint8Array(16 * 1024 * 1024 + 1), "video/mp4")).body.error?.code).toBe(131053);
    await control(sim.url, "clock", { advance_seconds: 30 * 24 * 3600 + 1 });
    expect((await gateway(sim.url, video.body.id ?? "")).body.error?.error_subcode).toBe(33);
  });

  it("makes inbound media downloadable", async () => {
    const inbound = await control(sim.url, "inbound", { phone_number_id: PHONE, from: "447700900461", type: "image", image: { caption: "My order" } });
    expect(inbound.status).toBe(200);
    const deliveries = (await control(sim.url, "webhooks?limit=1")).body.deliveries;
    const message = deliveries[0].payload.entry[0].changes[0].value.messages[0];
    expect(message.image).toMatchObject({ caption: "My order", mime_type: "image/png" });
    const meta = await gateway(sim.url, message.image.id);
    const bytes = Buffer.from(await (await fetch(meta.body.url, { headers: { authorization: `Bearer ${KEY}` } })).arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe("PNG");
  });
});
