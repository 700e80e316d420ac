/**
 * Cursor pagination for the public API's lists: `?limit=&cursor=` in, `{ data, next_cursor, total? }`
 * out. A cursor is the last row's position (its sort keys) as base64url JSON: opaque to callers, and
 * a page boundary that does not move when rows are added before it.
 */
import "server-only";

import type { ZodArray, ZodNullable, ZodNumber, ZodObject, ZodOptional, ZodString, ZodType } from "zod";

import { message } from "@/lib/i18n/translatable";
import { z } from "@/lib/zod";

import { ApiProblem } from "./problem";

export const PAGE_LIMIT_DEFAULT = 25;
export const PAGE_LIMIT_MAX = 100;

/** The query of every list; extend it with the list's filters: `pageQuery.extend({ status: … })`. */
export const pageQuery = z.object({
  cursor: z
    .string()
    .max(2048)
    .optional()
    .meta({ description: "Where to continue: the `next_cursor` of the previous page. Leave out for the first page." }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(PAGE_LIMIT_MAX)
    .default(PAGE_LIMIT_DEFAULT)
    .meta({ description: `How many items per page, 1 to ${PAGE_LIMIT_MAX}.`, example: PAGE_LIMIT_DEFAULT }),
});

export type PageQuery = z.output<typeof pageQuery>;

type ListSchema<T extends ZodType> = ZodObject<{ data: ZodArray<T>; next_cursor: ZodNullable<ZodString>; total: ZodOptional<ZodNumber> }>;

/** One page schema per item schema: a component id may be registered only once. */
const listSchemas = new WeakMap<ZodType, ZodObject>();

/**
 * A page of a list of `item`. When the item schema has a component id (`.meta({ id: "Template" })`),
 * the page is a component too (`TemplateList`).
 */
export function listOf<T extends ZodType>(item: T): ListSchema<T> {
  const known = listSchemas.get(item);
  if (known) return known as ListSchema<T>;
  const page = z.object({
    data: z.array(item),
    next_cursor: z.string().nullable().meta({ description: "Pass as `cursor` to get the next page; null on the last page." }),
    total: z.number().int().min(0).optional().meta({ description: "How many items the whole list holds, with the same filters." }),
  });
  const itemId = z.globalRegistry.get(item)?.id;
  const schema = itemId ? page.meta({ id: `${itemId}List`, description: `A page of ${itemId} objects.` }) : page;
  listSchemas.set(item, schema);
  return schema;
}

/** The cursor that continues after `position` (the last row's sort keys); null when there is no next page. */
export function encodeCursor(position: object | null): string | null {
  if (position === null) return null;
  return Buffer.from(JSON.stringify(position), "utf8").toString("base64url");
}

/**
 * The position a cursor carries, checked against the list's own shape; null for no cursor (the first
 * page). A cursor this list did not give out is refused: 400 INVALID_CURSOR on the field `cursor`.
 */
export function decodeCursor<T>(cursor: string | undefined, schema: ZodType<T>): T | null {
  if (cursor === undefined || cursor === "") return null;
  let decoded: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error("not base64url");
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  const parsed = schema.safeParse(decoded);
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
}

function invalidCursor(): ApiProblem {
  const said = message("api.problems.invalidCursor");
  return new ApiProblem(400, "INVALID_CURSOR", said, { errors: [{ field: "cursor", detail: said }] });
}
