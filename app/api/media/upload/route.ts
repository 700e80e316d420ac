import { getDb } from "@/db";
import { withCapability } from "@/lib/auth/session";
import { failureSentence } from "@/lib/gateway";
import { crossOriginRefusal } from "@/lib/http/same-origin";
import { requestFormatter, requestTranslator } from "@/lib/i18n/server";
import { message, translateMessage, type Translatable } from "@/lib/i18n/translatable";
import { logger } from "@/lib/log";
import { MediaProblem, toLibraryView, uploadToLibrary } from "@/lib/media/library";
import type { UploadAnswer } from "@/lib/media/types";

const log = logger("media");

export const dynamic = "force-dynamic";

/**
 * One file per request, its bytes as the raw body: `POST /api/media/upload?phoneNumberId=…` with
 * `Content-Type` (the file's MIME type) and `X-File-Name` (URI-encoded). The proxy does not buffer
 * this route, so the body streams to disk and from there to the gateway; its leading bytes must be
 * of the declared type (415 otherwise). Marketers and admins only, on numbers of their connections.
 */
export const POST = withCapability("media.manage", async (user, request: Request) => {
  // The proxy, which refuses other sites' calls elsewhere, does not see this route.
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  // Refusals are written in the uploader's language, sizes included.
  const t = await requestTranslator();
  const format = await requestFormatter();
  const problem = (status: number, said: Translatable | string, code: string) =>
    Response.json({ error: { message: translateMessage(t, said), code } }, { status });
  const url = new URL(request.url);
  const phoneNumberId = url.searchParams.get("phoneNumberId") ?? "";
  if (!/^[\w-]{1,64}$/.test(phoneNumberId)) return problem(400, message("media.problems.pickNumber"), "INVALID_INPUT");
  let fileName: string;
  try {
    fileName = decodeURIComponent(request.headers.get("x-file-name") ?? "").trim();
  } catch {
    // Refused by the library as a name it cannot keep.
    fileName = "";
  }
  const length = request.headers.get("content-length");
  const declaredSize = length !== null && /^\d+$/.test(length) ? Number(length) : undefined;
  if (!request.body) return problem(400, message("media.check.empty", { name: fileName }), "INVALID_FILE");

  try {
    const result = await uploadToLibrary(await getDb(), user, {
      phoneNumberId,
      fileName,
      mimeType: request.headers.get("content-type") ?? "application/octet-stream",
      declaredSize,
      body: request.body,
      signal: request.signal,
      format,
    });
    const answer: UploadAnswer = { media: toLibraryView(result.media), reused: result.reused };
    return Response.json(answer, { status: result.reused ? 200 : 201 });
  } catch (error) {
    if (error instanceof MediaProblem) return problem(error.status, error.failure ? failureSentence(t, error.failure) : error.said, error.code);
    // The browser cancelled the upload: nobody reads an answer.
    if (request.signal.aborted) return new Response(null, { status: 499 });
    log.error({ err: error }, "media upload failed");
    return problem(500, message("media.problems.internal"), "INTERNAL");
  }
});
