import { scalarBundle } from "@/lib/api/reference";

export const dynamic = "force-dynamic";

/** Scalar's viewer for the API reference, from this server rather than a CDN; kept for good under its versioned URL. */
export async function GET(request: Request): Promise<Response> {
  const { bytes, version } = await scalarBundle();
  const etag = `"${version}"`;
  const versioned = new URL(request.url).searchParams.get("v") === version;
  const headers = {
    "Content-Type": "text/javascript; charset=utf-8",
    "Cache-Control": versioned ? "public, max-age=31536000, immutable" : "public, max-age=300",
    ETag: etag,
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(bytes, { headers });
}
