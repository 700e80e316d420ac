/** The real client against the local simulator: Meta's Resumable Upload API and the profile picture it sets. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { translateMessage } from "@/lib/i18n/translatable";
import { inEnglish } from "@/lib/i18n/translators";
import { DEMO_MATON_API_KEY } from "@/lib/whatsapp/demo";
import { type RunningSimulator, startSimulator } from "@/simulator/server";

import { type GatewayClient, createGatewayClient } from "./client";
import { GraphError, InvalidRequestError, MatonError } from "./errors";
import { jsonResponse, scriptedFetch, simControl } from "./test-helpers";

const PNG = Uint8Array.from(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64"),
);
const LUMEN_US = "106540352242922";
const LUMEN_CONNECTION = "3f6c2a9e-1b4d-4c8a-9e2f-7a5b1c0d9e01";

let sim: RunningSimulator;
let client: GatewayClient;
const caught = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

beforeAll(async () => {
  sim = await startSimulator({ port: 0, webhookUrl: null });
  client = createGatewayClient({ apiKey: DEMO_MATON_API_KEY, gatewayUrl: sim.url, ctrlUrl: sim.url, retry: { baseDelayMs: 20, maxDelayMs: 100 } });
});
afterAll(() => sim?.close());
beforeEach(() => simControl(sim.url).reset());

describe("resumable upload", () => {
  it("uploads a picture in two steps and sets it as the profile picture", async () => {
    const options = { connectionId: LUMEN_CONNECTION };
    const session = await client.uploads.startUploadSession({ fileName: "logo.png", fileLength: PNG.byteLength, fileType: "image/png" }, options);
    expect(session).toMatch(/^upload:/);
    await expect(client.uploads.getUploadOffset(session, options)).resolves.toBe(0);
    const handle = await client.uploads.uploadToSession(session, PNG, 0, options);
    expect(handle).toMatch(/^4::/);
    await expect(client.profile.updateBusinessProfile(LUMEN_US, { profile_picture_handle: handle }, options)).resolves.toBe(true);
    const profile = await client.profile.getBusinessProfile(LUMEN_US, options);
    const picture = await fetch(profile.profile_picture_url!);
    expect(new Uint8Array(await picture.arrayBuffer())).toEqual(PNG);
  });

  it("checks type and size before sending anything", async () => {
    const gif = await caught(client.uploads.uploadProfilePicture({ bytes: PNG, fileType: "image/gif" }));
    expect(gif).toBeInstanceOf(InvalidRequestError);
    const large = await caught(client.uploads.uploadProfilePicture({ bytes: new Uint8Array(5 * 1024 * 1024 + 1), fileType: "image/jpeg" }));
    expect(translateMessage(inEnglish, (large as InvalidRequestError).problems[0]?.message ?? "")).toContain("5 MB");
  });

  it("reports the simulator's refusal of a wrong offset as a GraphError naming file_offset", async () => {
    const session = await client.uploads.startUploadSession({ fileLength: PNG.byteLength, fileType: "image/png" });
    const error = (await caught(client.uploads.uploadToSession(session, PNG, 5))) as GraphError;
    expect(error).toBeInstanceOf(GraphError);
    expect(error.details).toContain("file_offset");
  });

  it("reports a gateway that does not proxy the path (Maton 404) as a MatonError", async () => {
    const scripted = scriptedFetch([jsonResponse({ error: { message: "Path not supported", type: "MatonError", code: 404 } }, 404)]);
    const refusing = createGatewayClient({ apiKey: "k", gatewayUrl: "http://gateway.test", ctrlUrl: "http://ctrl.test", fetch: scripted.fetch, limiter: false });
    const error = (await caught(refusing.uploads.uploadProfilePicture({ bytes: PNG, fileType: "image/png" }, { connectionId: "c-1" }))) as MatonError;
    expect(error).toBeInstanceOf(MatonError);
    expect(error.status).toBe(404);
    expect(scripted.calls[0]?.url).toBe(`http://gateway.test/whatsapp-business/v21.0/app/uploads?file_length=${PNG.byteLength}&file_type=image%2Fpng`);
    expect(scripted.calls[0]?.headers.get("maton-connection")).toBe("c-1");
  });

  it("sends the bytes raw with the file_offset header and the Maton key", async () => {
    const scripted = scriptedFetch([jsonResponse({ id: "upload:abc" }), jsonResponse({ h: "4::handle" })]);
    const recording = createGatewayClient({ apiKey: "key-1", gatewayUrl: "http://gateway.test", ctrlUrl: "http://ctrl.test", fetch: scripted.fetch, limiter: false });
    await expect(recording.uploads.uploadFile({ bytes: PNG, fileType: "image/png", fileName: "a.png" })).resolves.toBe("4::handle");
    const send = scripted.calls[1]!;
    expect(send.url).toBe("http://gateway.test/whatsapp-business/v21.0/upload:abc");
    expect(send.headers.get("file_offset")).toBe("0");
    expect(send.headers.get("authorization")).toBe("Bearer key-1");
    expect(send.body).toEqual(PNG);
  });
});
