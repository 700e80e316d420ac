import { sql, type AnyColumn, type SQL } from "drizzle-orm";

/**
 * Largest first, nulls last: the order of this schema's descending indexes (they are built
 * `DESC NULLS LAST`). PostgreSQL's plain `desc` puts nulls first, so it cannot read such an index
 * in order and sorts every matching row instead.
 */
export function descNullsLast(column: AnyColumn): SQL {
  return sql`${column} desc nulls last`;
}
