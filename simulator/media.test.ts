import { describe, expect, it } from "vitest";
import { SEED } from "./seed";
import { control, gateway, KEY, setupTestSimulator } from "./test/harness";

const PHONE = SEED.phoneNumbers.lumenUs;
const env = setupTestSimulator({ receiver: false });

async function upload(bytes: Uint8Array, type: string, options: { product?: "form" | "query" | "none"; filename?: string; typeField?: boolean } = {}) {
  const form = new FormData();
  const product = options.product ?? "form";
  if (product === "form") form.set("messaging_product", "whatsapp");
  if (options.typeField !== false) form.set("type", type);
  form.set("file", new Blob([new Uint8Array(bytes)], { type }), options.filename ?? "file.bin");
  const query = product === "query" ? "?messaging_product=whatsapp" : "";
  const response = await fetch(`${env.sim.url}/whatsapp-business/v21.0/${PHONE}/media${query}`, { method: "POST", headers: { authorization: `Bearer ${KEY}` }, body: form });
  return { status: response.status, body: (await response.json()) as { id?: string; error?: { code: number; message: string; error_data?: { details: string } } } };
}

/** A media URL as a client fetches it: through the gateway, which holds the media host's token. */
const viaGateway = (url: string) => {
  const target = new URL(url);
  return `${env.sim.url}/whatsapp-business${target.pathname}${target.search}`;
};

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

describe("media upload, lookup, download and delete", () => {
  it("uploads, answers metadata with a URL that needs the key, and serves the same bytes", async () => {
    const uploaded = await upload(PNG, "image/png", { filename: "logo.png" });
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.id).toMatch(/^\d{15,16}$/);
    const meta = await gateway(env.sim.url, uploaded.body.id ?? "");
    expect(meta.body).toMatchObject({ messaging_product: "whatsapp", mime_type: "image/png", file_size: PNG.length, id: uploaded.body.id });
    expect(meta.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const withoutKey = await fetch(viaGateway(meta.body.url));
    expect(withoutKey.status).toBe(401);
    const download = await fetch(viaGateway(meta.body.url), { headers: { authorization: `Bearer ${KEY}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);

    await control(env.sim.url, "clock", { advance_seconds: 6 * 60 });
    expect((await fetch(viaGateway(meta.body.url), { headers: { authorization: `Bearer ${KEY}` } })).status).toBe(404);
    const fresh = await gateway(env.sim.url, uploaded.body.id ?? "");
    expect((await fetch(viaGateway(fresh.body.url), { headers: { authorization: `Bearer ${KEY}` } })).status).toBe(200);

    expect((await gateway(env.sim.url, uploaded.body.id ?? "", { method: "DELETE" })).body).toEqual({ success: true });
    expect((await gateway(env.sim.url, uploaded.body.id ?? "")).body.error).toMatchObject({ code: 100, error_subcode: 33 });
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
    const meta = await gateway(env.sim.url, video.body.id ?? "");
    expect(meta.body.file_size).toBe(16 * 1024 * 1024);
    expect((await upload(new Uint8Array(16 * 1024 * 1024 + 1), "video/mp4")).body.error?.code).toBe(131053);
    await control(env.sim.url, "clock", { advance_seconds: 30 * 24 * 3600 + 1 });
    expect((await gateway(env.sim.url, video.body.id ?? "")).body.error?.error_subcode).toBe(33);
  });

  it("makes inbound media downloadable", async () => {
    const inbound = await control(env.sim.url, "inbound", { phone_number_id: PHONE, from: "447700900461", type: "image", image: { caption: "My order" } });
    expect(inbound.status).toBe(200);
    const deliveries = (await control(env.sim.url, "webhooks?limit=1")).body.deliveries;
    const message = deliveries[0].payload.entry[0].changes[0].value.messages[0];
    expect(message.image).toMatchObject({ caption: "My order", mime_type: "image/png" });
    const meta = await gateway(env.sim.url, message.image.id);
    const bytes = Buffer.from(await (await fetch(viaGateway(meta.body.url), { headers: { authorization: `Bearer ${KEY}` } })).arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe("PNG");
  });
});

describe("lookaside downloads as Meta serves them", () => {
  const withKey = { headers: { authorization: `Bearer ${KEY}` } };
  const inboundImage = async () => {
    await control(env.sim.url, "inbound", { phone_number_id: PHONE, from: "447700900461", type: "image", image: {} });
    const deliveries = (await control(env.sim.url, "webhooks?limit=1")).body.deliveries;
    return deliveries[0].payload.entry[0].changes[0].value.messages[0].image.id as string;
  };

  it("answers a url on another host than the gateway's, which only the gateway can fetch, valid 5 minutes", async () => {
    const id = await inboundImage();
    const meta = await gateway(env.sim.url, id);
    const url = new URL(meta.body.url);
    expect(url.origin).not.toBe(new URL(env.sim.url).origin);
    expect(url.pathname).toBe("/lookaside/whatsapp_business/attachments/");
    expect([...url.searchParams.keys()].sort()).toEqual(["ext", "hash", "mid"]);
    expect(url.searchParams.get("mid")).toBe(id);
    // Meta's media host wants Meta's token: asked directly with the Maton key, it refuses.
    const direct = await fetch(meta.body.url, withKey);
    expect(direct.status).toBe(401);
    expect(await direct.json()).toMatchObject({ error: { code: 190 } });
    expect((await fetch(viaGateway(meta.body.url), withKey)).status).toBe(200);
    expect((await fetch(viaGateway(meta.body.url), { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    const tampered = new URL(meta.body.url);
    tampered.searchParams.set("ext", String(Number(tampered.searchParams.get("ext")) + 3600));
    expect((await fetch(viaGateway(tampered.toString()), withKey)).status).toBe(404);
  });

  it("answers 404 with Meta's media download error (131052) once inbound media expired (7 days) or was deleted", async () => {
    const id = await inboundImage();
    const url = (await gateway(env.sim.url, id)).body.url as string;
    await control(env.sim.url, "clock", { advance_seconds: 7 * 24 * 3600 + 1 });
    const expired = await fetch(viaGateway(url), withKey);
    expect(expired.status).toBe(404);
    expect(await expired.json()).toMatchObject({ error: { code: 131052, message: "(#131052) Media download error", error_data: { details: expect.stringMatching(/expired/) } } });
    expect((await gateway(env.sim.url, id)).body.error).toMatchObject({ code: 100, error_subcode: 33 });

    const other = await inboundImage();
    const otherUrl = (await gateway(env.sim.url, other)).body.url as string;
    await gateway(env.sim.url, other, { method: "DELETE" });
    expect((await fetch(viaGateway(otherUrl), withKey)).status).toBe(404);
  });

  it("fails downloads on demand: expired (404, 131052), unreachable (502 from the gateway), too_large (file_size over 100 MB)", async () => {
    const id = await inboundImage();
    const freshUrl = async () => viaGateway((await gateway(env.sim.url, id)).body.url as string);

    expect((await control(env.sim.url, "faults", { media_download: "expired" })).body.faults.media_download).toBe("expired");
    const expired = await fetch(await freshUrl(), withKey);
    expect(expired.status).toBe(404);
    expect(((await expired.json()) as { error: { code: number } }).error.code).toBe(131052);

    await control(env.sim.url, "faults", { media_download: "unreachable" });
    const unreachable = await fetch(await freshUrl(), withKey);
    expect(unreachable.status).toBe(502);
    expect(await unreachable.json()).toMatchObject({ error: { type: "MatonError", code: 502, message: expect.stringMatching(/could not be reached/) } });

    await control(env.sim.url, "faults", { media_download: "too_large" });
    const meta = await gateway(env.sim.url, id);
    expect(meta.body.file_size).toBeGreaterThan(100 * 1024 * 1024);

    await control(env.sim.url, "faults", { media_download: "none" });
    expect((await gateway(env.sim.url, id)).body.file_size).toBeLessThan(100 * 1024);
    expect((await fetch(await freshUrl(), withKey)).status).toBe(200);
    await control(env.sim.url, "faults", { media_download: "unreachable" });
    await control(env.sim.url, "faults", { media_download: null });
    expect((await control(env.sim.url, "faults")).body.faults.media_download).toBeNull();
  });
});
