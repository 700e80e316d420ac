/**
 * Meta's Resumable Upload API through the gateway: `POST /app/uploads` opens a session, `POST
 * /upload:{session}` (header `file_offset`, raw bytes) answers a file handle (`h`), `GET
 * /upload:{session}` the offset to resume from. Maton does not document that it proxies these paths:
 * a refusal comes back as the usual GraphError/MatonError, shown as it is.
 */
import { z } from "@/lib/zod";

import { checkProfilePicture } from "@/lib/whatsapp/profile";

import { type CallContext, GatewayNetworkError, GatewayTimeoutError, InvalidRequestError, UnexpectedResponseError, errorFromResponse, isGatewayError } from "./errors";
import { type CallOptions, type GatewayTransport, buildUrl } from "./request";

/** The types Graph's Resumable Upload API accepts. */
export const RESUMABLE_UPLOAD_TYPES = ["application/pdf", "image/jpeg", "image/jpg", "image/png", "video/mp4"] as const;

const sessionSchema = z.looseObject({ id: z.string().regex(/^upload:.+/, "an upload session id starts with upload:") });
const offsetSchema = z.looseObject({ id: z.string().optional(), file_offset: z.number().int().min(0) });
const handleSchema = z.looseObject({ h: z.string().min(1) });

export interface ResumableFile {
  bytes: Uint8Array | ArrayBuffer | Blob;
  /** image/jpeg, image/png, application/pdf or video/mp4. */
  fileType: string;
  fileName?: string;
}

/** `upload:abc` → `upload:abc` with everything after the colon encoded (Graph wants the colon as is). */
function sessionPath(sessionId: string): string {
  if (!sessionId.startsWith("upload:") || sessionId.length <= "upload:".length) throw new TypeError(`not an upload session id: ${sessionId}`);
  return `upload:${encodeURIComponent(sessionId.slice("upload:".length))}`;
}

async function toBytes(bytes: ResumableFile["bytes"]): Promise<Uint8Array> {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  return new Uint8Array(await bytes.arrayBuffer());
}

export function createUploadsApi(transport: GatewayTransport) {
  const { settings } = transport;

  /** `POST /upload:{session}` with raw bytes: the transport speaks JSON and forms only, so this one call is sent here (same key, limiter, timeout, errors). */
  async function sendBytes(sessionId: string, bytes: Uint8Array, fileOffset: number, options: CallOptions = {}): Promise<unknown> {
    const path = sessionPath(sessionId);
    const url = buildUrl(settings, { plane: "graph", path });
    const call: CallContext = { method: "POST", path };
    const headers: Record<string, string> = {
      Authorization: `Bearer ${settings.apiKey}`,
      Accept: "application/json",
      "Content-Type": "application/octet-stream",
      file_offset: String(fileOffset),
    };
    if (options.connectionId) headers["Maton-Connection"] = options.connectionId;
    await settings.limiter.acquire(options.signal, options.priority);
    const controller = new AbortController();
    const timeoutMs = options.timeoutMs ?? settings.mediaTimeoutMs;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const response = await settings.fetch(url, { method: "POST", headers, body: bytes as BodyInit, signal: controller.signal });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text.trim() === "" ? undefined : (JSON.parse(text) as unknown);
      } catch {
        // kept as text
      }
      if (!response.ok) throw errorFromResponse(response.status, body, call);
      return body;
    } catch (error) {
      if (timedOut) throw new GatewayTimeoutError(timeoutMs, call, false);
      if (options.signal?.aborted) throw options.signal.reason;
      if (isGatewayError(error)) throw error;
      // Resending from the session's offset is always safe: nothing can be applied twice.
      throw new GatewayNetworkError(error, call, false);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
    }
  }

  const api = {
    /** `POST /app/uploads?file_name&file_length&file_type` → `upload:{session}`. */
    async startUploadSession(file: { fileName?: string; fileLength: number; fileType: string }, options?: CallOptions): Promise<string> {
      const path = "app/uploads";
      if (!(RESUMABLE_UPLOAD_TYPES as readonly string[]).includes(file.fileType)) {
        throw new InvalidRequestError([{ field: "file_type", message: `the Resumable Upload API does not take ${file.fileType}` }], { method: "POST", path });
      }
      if (!Number.isInteger(file.fileLength) || file.fileLength <= 0) {
        throw new InvalidRequestError([{ field: "file_length", message: "the file is empty" }], { method: "POST", path });
      }
      const response = await transport.request(
        {
          plane: "graph",
          method: "POST",
          path,
          query: { file_name: file.fileName, file_length: file.fileLength, file_type: file.fileType },
          schema: sessionSchema,
          // Opening a second session by mistake costs nothing.
          idempotent: true,
        },
        options,
      );
      return response.id;
    },

    /** `GET /upload:{session}` → the offset to resume from. */
    async getUploadOffset(sessionId: string, options?: CallOptions): Promise<number> {
      const response = await transport.request({ plane: "graph", method: "GET", path: sessionPath(sessionId), schema: offsetSchema }, options);
      return response.file_offset;
    },

    /** `POST /upload:{session}` with the bytes from `fileOffset` on → the file handle. */
    async uploadToSession(sessionId: string, bytes: Uint8Array, fileOffset = 0, options?: CallOptions): Promise<string> {
      const body = await sendBytes(sessionId, bytes, fileOffset, options);
      const parsed = handleSchema.safeParse(body);
      if (!parsed.success) {
        throw new UnexpectedResponseError(200, [{ field: "h", message: "no file handle in the answer (the upload may be incomplete)" }], body, { method: "POST", path: sessionPath(sessionId) }, false);
      }
      return parsed.data.h;
    },

    /** Both steps: a session for the whole file, then its bytes → the handle. */
    async uploadFile(file: ResumableFile, options?: CallOptions): Promise<string> {
      const bytes = await toBytes(file.bytes);
      const sessionId = await api.startUploadSession({ fileName: file.fileName, fileLength: bytes.byteLength, fileType: file.fileType }, options);
      return api.uploadToSession(sessionId, bytes, 0, options);
    },

    /** A profile picture (JPEG/PNG, at most 5 MB) → the `profile_picture_handle` for the business profile. */
    async uploadProfilePicture(file: ResumableFile, options?: CallOptions): Promise<string> {
      const bytes = await toBytes(file.bytes);
      const check = checkProfilePicture({ type: file.fileType, size: bytes.byteLength });
      if (!check.ok) {
        throw new InvalidRequestError([{ field: "file", message: check.reason }], { method: "POST", path: "app/uploads" });
      }
      return api.uploadFile({ ...file, bytes }, options);
    },
  };
  return api;
}

export type UploadsApi = ReturnType<typeof createUploadsApi>;
