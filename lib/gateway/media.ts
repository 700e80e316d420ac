/** Media: upload (multipart), look up, download (streamed, in one function), delete. */
import { type MediaInfo, checkMediaFile, mediaInfoSchema, uploadMediaResponseSchema } from "@/lib/whatsapp/media";
import type { MediaMessageKind } from "@/lib/whatsapp/messages";
import { successResponseSchema } from "@/lib/whatsapp/messages";

import { InvalidRequestError } from "./errors";
import { type CallOptions, type GatewayTransport, encodeSegment } from "./request";

export interface MediaUpload {
  /** The bytes: a Blob/File, or raw bytes. */
  file: Blob | Uint8Array | ArrayBuffer;
  mimeType: string;
  filename?: string;
  /** Checked against this kind's types and sizes; guessed from the MIME type when left out. */
  kind?: MediaMessageKind;
}

export interface DownloadedMedia {
  info: MediaInfo;
  mimeType: string;
  /** Bytes announced by Graph (file_size). */
  size: number;
  sha256: string;
  /** Read it to the end or cancel it. */
  body: ReadableStream<Uint8Array>;
}

/**
 * Where the bytes of a media URL are fetched, with the Maton key. A URL on the gateway's own host is
 * used as is; a Meta lookaside URL is sent through the gateway (Maton does not document that path, so
 * this is the one place to change) and the Maton key never goes to a foreign host.
 */
export function mediaDownloadTarget(url: string, gatewayUrl: string): string {
  const target = new URL(url);
  const gateway = new URL(gatewayUrl);
  if (target.origin === gateway.origin) return target.toString();
  return `${gatewayUrl.replace(/\/+$/, "")}/whatsapp-business${target.pathname}${target.search}`;
}

export function createMediaApi(transport: GatewayTransport, resolveDownloadUrl: (url: string) => string) {
  async function getMedia(mediaId: string, options?: CallOptions & { phoneNumberId?: string }): Promise<MediaInfo> {
    return transport.request(
      {
        plane: "graph",
        method: "GET",
        path: encodeSegment(mediaId),
        query: { phone_number_id: options?.phoneNumberId },
        schema: mediaInfoSchema,
      },
      options,
    );
  }

  return {
    /** Uploads a file; answers the media id (valid 30 days) to send by id. */
    async uploadMedia(phoneNumberId: string, upload: MediaUpload, options?: CallOptions): Promise<{ id: string }> {
      const path = `${encodeSegment(phoneNumberId)}/media`;
      const blob = upload.file instanceof Blob ? upload.file : new Blob([upload.file as BlobPart], { type: upload.mimeType });
      const check = checkMediaFile({ mimeType: upload.mimeType, size: blob.size, kind: upload.kind });
      if (!check.ok) throw new InvalidRequestError([{ field: "file", message: check.reason }], { method: "POST", path });
      const form = new FormData();
      form.set("messaging_product", "whatsapp");
      // The part's own Content-Type is the MIME type WhatsApp checks.
      form.set("file", blob.type === upload.mimeType ? blob : new Blob([blob], { type: upload.mimeType }), upload.filename ?? `upload.${check.kind}`);
      form.set("type", upload.mimeType);
      const response = await transport.request(
        { plane: "graph", method: "POST", path, form, schema: uploadMediaResponseSchema, timeoutKind: "media" },
        options,
      );
      return { id: response.id };
    },

    /** The short-lived download URL (about 5 minutes) and the file's type, size and hash. */
    getMedia,

    /** The bytes behind `getMedia`'s URL (valid about 5 minutes), fetched through the gateway. */
    async fetchMediaBytes(info: MediaInfo, options?: CallOptions): Promise<DownloadedMedia> {
      const response = await transport.stream(
        { plane: "absolute", method: "GET", path: resolveDownloadUrl(info.url), timeoutKind: "media" },
        options,
      );
      return { info, mimeType: info.mime_type, size: info.file_size, sha256: info.sha256, body: response.body };
    },

    /** Looks the media up and streams its bytes, with the same Maton key; a fresh URL every time. */
    async downloadMedia(mediaId: string, options?: CallOptions & { phoneNumberId?: string }): Promise<DownloadedMedia> {
      const info = await getMedia(mediaId, options);
      return this.fetchMediaBytes(info, options);
    },

    async deleteMedia(mediaId: string, options?: CallOptions & { phoneNumberId?: string }): Promise<boolean> {
      const response = await transport.request(
        {
          plane: "graph",
          method: "DELETE",
          path: encodeSegment(mediaId),
          query: { phone_number_id: options?.phoneNumberId },
          schema: successResponseSchema,
        },
        options,
      );
      return response.success;
    },
  };
}

export type MediaApi = ReturnType<typeof createMediaApi>;
