import { requestTranslator } from "@/lib/i18n/server";
import { translateMessage, type Translatable } from "@/lib/i18n/translatable";

/** Paging cursors travel as opaque base64url JSON in the query string. */
export function encodeCursor(cursor: object | null): string | null {
  return cursor ? Buffer.from(JSON.stringify(cursor)).toString("base64url") : null;
}

export function decodeCursor<T extends Record<string, string>>(value: string | null, keys: (keyof T)[]): T | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Record<string, unknown>;
    if (keys.every((key) => typeof parsed[key as string] === "string")) return parsed as T;
  } catch {
    // fall through
  }
  return null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/** A refusal in the JSON shape the inbox reads (`{ error: { message, code } }`), its message in the reader's language. */
export async function problem(status: number, refusal: Translatable, code: string): Promise<Response> {
  const message = translateMessage(await requestTranslator(), refusal);
  return Response.json({ error: { message, code } }, { status });
}
