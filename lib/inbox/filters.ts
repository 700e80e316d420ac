/**
 * The conversation list's filters as they appear in the URL (`?assignee=&status=&window=&q=&number=&label=`).
 * `status=snoozed` lists the snoozed ones (`open` leaves them out until they come back); `window=expiring`
 * lists the conversations whose 24-hour window closes within 2 hours with the customer's last message unanswered.
 * Plain code rather than a schema, so the inbox's first load does not carry a validation library:
 * anything unknown falls back to the default view.
 */
export interface ConversationListFilters {
  assignee: "mine" | "unassigned" | "all";
  status: "open" | "snoozed" | "resolved" | "all";
  window: "open" | "expiring" | "closed" | "all";
  q: string;
  number: string;
  /** A conversation label's id; "" for any. */
  label: string;
}

const MAX_SEARCH_LENGTH = 200;
const MAX_NUMBER_ID_LENGTH = 64;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
    status: oneOf(get("status"), ["open", "snoozed", "resolved", "all"], "open"),
    window: oneOf(get("window"), ["open", "expiring", "closed", "all"], "all"),
    q: upTo(get("q"), MAX_SEARCH_LENGTH),
    number: upTo(get("number"), MAX_NUMBER_ID_LENGTH),
    label: UUID.test(get("label") ?? "") ? get("label")!.toLowerCase() : "",
  };
}
