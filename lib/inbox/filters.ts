/**
 * The conversation list's filters as they appear in the URL (`?assignee=&status=&window=&q=&number=`).
 * Plain code rather than a schema, so the inbox's first load does not carry a validation library:
 * anything unknown falls back to the default view.
 */
export interface ConversationListFilters {
  assignee: "mine" | "unassigned" | "all";
  status: "open" | "resolved" | "all";
  window: "open" | "closed" | "all";
  q: string;
  number: string;
}

const MAX_SEARCH_LENGTH = 200;
const MAX_NUMBER_ID_LENGTH = 64;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function upTo(value: string | undefined, length: number): string {
  return value !== undefined && value.length <= length ? value : "";
}

export function filtersFromSearchParams(params: URLSearchParams | Record<string, string | string[] | undefined>): ConversationListFilters {
  const get = (key: string) => {
    if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    assignee: oneOf(get("assignee"), ["mine", "unassigned", "all"], "all"),
    status: oneOf(get("status"), ["open", "resolved", "all"], "open"),
    window: oneOf(get("window"), ["open", "closed", "all"], "all"),
    q: upTo(get("q"), MAX_SEARCH_LENGTH),
    number: upTo(get("number"), MAX_NUMBER_ID_LENGTH),
  };
}
