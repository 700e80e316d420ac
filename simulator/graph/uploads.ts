/**
 * Meta's Resumable Upload API, as Graph documents it: `POST /app/uploads?file_name&file_length&file_type`
 * opens a session (`{"id":"upload:<session>"}`), `POST /upload:<session>` with a `file_offset` header and
 * the raw bytes sends them (`{"h":"<handle>"}` once complete), `GET /upload:<session>` answers the offset
 * to resume from. Whether Maton proxies these paths is not documented; the simulator assumes it does.
 */
import { GraphError, invalidParameter } from "../errors";
import type { Reply } from "../http";
import { BodyTooLargeError, json, readBody } from "../http";
import { randomToken } from "../ids";
import type { Simulator } from "../sim";
import type { UploadSession } from "../state";
import type { GraphRequest } from "./context";

/** The types the Resumable Upload API takes (Graph's list). */
export const RESUMABLE_UPLOAD_TYPES = ["application/pdf", "image/jpeg", "image/jpg", "image/png", "video/mp4"] as const;
/** Above any file WhatsApp takes through this path; larger sessions are refused. */
export const RESUMABLE_UPLOAD_MAX_BYTES = 100 * 1024 * 1024;
/** WhatsApp's profile picture: JPEG or PNG, at most 5 MB. */
export const PROFILE_PICTURE_TYPES = ["image/jpeg", "image/jpg", "image/png"] as const;
export const PROFILE_PICTURE_MAX_BYTES = 5 * 1024 * 1024;

const SESSION_PREFIX = "upload:";

export function isUploadSessionId(id: string): boolean {
  return id.startsWith(SESSION_PREFIX) && id.length > SESSION_PREFIX.length;
}

/** `POST /app/uploads`: opens a session for a file of the declared name, length and type. */
export async function startUploadSession(request: GraphRequest): Promise<Reply> {
  if (request.method !== "POST") throw new GraphError(100, { message: `Unsupported ${request.method.toLowerCase()} request.`, type: "GraphMethodException" });
  const params = request.query;
  const fileName = params.get("file_name") ?? "";
  const lengthText = params.get("file_length");
  const fileType = params.get("file_type");
  if (!lengthText) throw invalidParameter("The parameter file_length is required.", "(#100) The parameter file_length is required.");
  const fileLength = Number(lengthText);
  if (!Number.isInteger(fileLength) || fileLength <= 0) throw invalidParameter("Param file_length must be a positive integer.");
  if (fileLength > RESUMABLE_UPLOAD_MAX_BYTES) throw invalidParameter(`Param file_length must be at most ${RESUMABLE_UPLOAD_MAX_BYTES} bytes.`);
  if (!fileType) throw invalidParameter("The parameter file_type is required.", "(#100) The parameter file_type is required.");
  if (!(RESUMABLE_UPLOAD_TYPES as readonly string[]).includes(fileType)) {
    throw invalidParameter(`Param file_type must be one of {${RESUMABLE_UPLOAD_TYPES.join(", ")}} - got "${fileType}".`);
  }
  const id = `${SESSION_PREFIX}${Buffer.from(`${fileType}:${randomToken(18)}`).toString("base64url")}`;
  const session: UploadSession = {
    id,
    connectionId: request.connection.connectionId,
    fileName: fileName || "upload",
    fileLength,
    fileType,
    received: Buffer.alloc(0),
    handle: null,
    createdAt: request.sim.clock.now(),
  };
  request.sim.state.uploadSessions.set(id, session);
  return json({ id });
}

function sessionOrThrow(request: GraphRequest, id: string): UploadSession {
  const session = request.sim.state.uploadSessions.get(id);
  if (!session || session.connectionId !== request.connection.connectionId) {
    throw new GraphError(100, { message: "(#100) Invalid upload session", details: `Upload session ${id} does not exist or belongs to another app.` });
  }
  return session;
}

/** `GET /upload:{session}`: where to resume; `POST /upload:{session}`: the bytes from `file_offset` on. */
export async function routeUploadSession(request: GraphRequest, id: string): Promise<Reply> {
  const session = sessionOrThrow(request, id);
  if (request.method === "GET") return json({ id: session.id, file_offset: session.received.length });
  if (request.method !== "POST") throw new GraphError(100, { message: `Unsupported ${request.method.toLowerCase()} request.`, type: "GraphMethodException" });
  const header = request.req.headers["file_offset"] ?? request.req.headers["file-offset"];
  const offsetText = Array.isArray(header) ? header[0] : header;
  if (offsetText === undefined) throw invalidParameter("The header file_offset is required.", "(#100) The parameter file_offset is required.");
  const offset = Number(offsetText);
  if (!Number.isInteger(offset) || offset !== session.received.length) {
    throw invalidParameter(`Param file_offset must be ${session.received.length} (the bytes received so far) - got "${offsetText}".`);
  }
  let chunk: Buffer;
  try {
    chunk = await readBody(request.req, session.fileLength - offset);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw invalidParameter(`The body is longer than the file_length declared (${session.fileLength} bytes).`);
    throw error;
  }
  session.received = Buffer.concat([session.received, chunk]);
  if (session.received.length < session.fileLength) return json({ id: session.id, file_offset: session.received.length });
  session.handle ??= `4::${Buffer.from(session.fileType).toString("base64")}:${randomToken(24)}`;
  request.sim.state.uploadedFiles.set(session.handle, {
    handle: session.handle,
    connectionId: session.connectionId,
    fileType: session.fileType,
    bytes: session.received,
  });
  return json({ h: session.handle });
}

/**
 * The public URL of a profile picture set from a handle, as Graph answers `profile_picture_url`
 * (WhatsApp's CDN needs no key; the simulator serves it at `/pps/{id}`). Refuses a handle that is not
 * a finished upload of this connection, or not a JPEG/PNG of at most 5 MB.
 */
export function profilePictureFromHandle(request: GraphRequest, handle: string): string {
  const file = request.sim.state.uploadedFiles.get(handle);
  if (!file || file.connectionId !== request.connection.connectionId) {
    throw invalidParameter("Param profile_picture_handle is not a valid file handle: upload the picture with the Resumable Upload API first.");
  }
  if (!(PROFILE_PICTURE_TYPES as readonly string[]).includes(file.fileType)) {
    throw invalidParameter(`Param profile_picture_handle must be a JPEG or PNG image - got "${file.fileType}".`);
  }
  if (file.bytes.length > PROFILE_PICTURE_MAX_BYTES) throw invalidParameter("Param profile_picture_handle must be an image of at most 5 MB.");
  const id = randomToken(12);
  const mimeType = file.fileType === "image/png" ? "image/png" : "image/jpeg";
  request.sim.state.profilePictures.set(id, { mimeType, bytes: file.bytes });
  return `${request.sim.publicUrl}/pps/${id}.${mimeType === "image/png" ? "png" : "jpg"}`;
}

/** `GET /pps/{id}.jpg`: a profile picture, public like WhatsApp's CDN. */
export function serveProfilePicture(sim: Simulator, url: URL): Reply {
  const id = url.pathname.replace(/^\/pps\//, "").replace(/\.(jpg|png)$/, "");
  const picture = sim.state.profilePictures.get(id);
  if (!picture) return { status: 404, raw: "Not found", contentType: "text/plain" };
  return { status: 200, raw: picture.bytes, contentType: picture.mimeType, headers: { "cache-control": "public, max-age=86400" } };
}
