import { describe, expect, it } from "vitest";
import { SEED } from "./seed";
import { gateway, KEY, setupTestSimulator } from "./test/harness";

const PHONE = SEED.phoneNumbers.lumenUs;
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

const env = setupTestSimulator({ receiver: false });

const base = () => `${env.sim.url}/whatsapp-business/v21.0`;

async function startSession(query: Record<string, string>, connection?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${KEY}` };
  if (connection) headers["maton-connection"] = connection;
  const response = await fetch(`${base()}/app/uploads?${new URLSearchParams(query).toString()}`, { method: "POST", headers });
  return { status: response.status, body: (await response.json()) as { id?: string; error?: { code: number; error_data?: { details: string } } } };
}

async function sendBytes(session: string, bytes: Uint8Array, offset: number | null = 0, connection?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${KEY}`, "content-type": "application/octet-stream" };
  if (offset !== null) headers.file_offset = String(offset);
  if (connection) headers["maton-connection"] = connection;
  const response = await fetch(`${base()}/${session}`, { method: "POST", headers, body: new Uint8Array(bytes) });
  return { status: response.status, body: (await response.json()) as { h?: string; file_offset?: number; error?: { code: number; error_data?: { details: string } } } };
}

describe("resumable upload (POST /app/uploads, POST /upload:{session})", () => {
  it("opens a session, takes the bytes in two parts, answers a handle, and the handle sets a public profile picture", async () => {
    const session = await startSession({ file_name: "logo.png", file_length: String(PNG.length), file_type: "image/png" });
    expect(session.status).toBe(200);
    expect(session.body.id).toMatch(/^upload:/);
    const id = session.body.id!;

    const first = await sendBytes(id, PNG.subarray(0, 20), 0);
    expect(first.body).toEqual({ id, file_offset: 20 });
    expect((await gateway(env.sim.url, id)).body).toEqual({ id, file_offset: 20 });
    const wrongOffset = await sendBytes(id, PNG.subarray(20), 0);
    expect(wrongOffset.body.error?.error_data?.details).toContain("file_offset must be 20");
    const rest = await sendBytes(id, PNG.subarray(20), 20);
    expect(rest.status).toBe(200);
    expect(rest.body.h).toMatch(/^4::/);

    const path = `${PHONE}/whatsapp_business_profile`;
    const set = await gateway(env.sim.url, path, { body: { messaging_product: "whatsapp", profile_picture_handle: rest.body.h } });
    expect(set.body).toEqual({ success: true });
    const profile = await gateway(env.sim.url, `${path}?fields=profile_picture_url`);
    const url = profile.body.data[0].profile_picture_url as string;
    expect(url.startsWith(`${env.sim.url}/pps/`)).toBe(true);
    const picture = await fetch(url); // public, like WhatsApp's CDN: no key
    expect(picture.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await picture.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it("refuses sessions without a length, with a type Graph does not take, or too large", async () => {
    expect((await startSession({ file_type: "image/png" })).body.error?.error_data?.details).toContain("file_length");
    expect((await startSession({ file_length: "10", file_type: "image/gif" })).body.error?.error_data?.details).toContain("file_type");
    expect((await startSession({ file_length: String(200 * 1024 * 1024), file_type: "video/mp4" })).body.error?.error_data?.details).toContain("file_length");
  });

  it("refuses a body longer than declared, a missing offset, and a session of another connection", async () => {
    const { body } = await startSession({ file_length: "4", file_type: "image/jpeg" });
    expect((await sendBytes(body.id!, new Uint8Array(5))).body.error?.error_data?.details).toContain("file_length");
    expect((await sendBytes(body.id!, new Uint8Array(4), null)).body.error?.code).toBe(100);
    const other = await sendBytes(body.id!, new Uint8Array(4), 0, SEED.connections.harbor);
    expect(other.body.error?.error_data?.details).toContain("does not exist");
  });

  it("refuses a profile picture handle that is unknown or not a JPEG/PNG", async () => {
    const path = `${PHONE}/whatsapp_business_profile`;
    const unknown = await gateway(env.sim.url, path, { body: { messaging_product: "whatsapp", profile_picture_handle: "4::made-up" } });
    expect(unknown.body.error.error_data.details).toContain("profile_picture_handle");
    const pdf = await startSession({ file_length: "8", file_type: "application/pdf" });
    const handle = (await sendBytes(pdf.body.id!, Buffer.from("%PDF-1.4"))).body.h;
    const refused = await gateway(env.sim.url, path, { body: { messaging_product: "whatsapp", profile_picture_handle: handle } });
    expect(refused.body.error.error_data.details).toMatch(/profile_picture_handle must be a JPEG or PNG/);
  });
});
