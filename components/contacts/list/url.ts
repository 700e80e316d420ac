/**
 * The contact list's view in its URL: `?q=&tag=&consent=&window=&number=&segment=&sort=`, so a reload
 * or a shared link shows the same contacts. Pure and browser-safe: the page reads it on the server
 * (to prefetch the first page under the same query key) and the list reads and writes it in the browser.
 */
import { CONSENT_STATES, CONTACT_SORTS, FILTER_LIMITS, type ConsentState, type ContactFilter, type ContactSort } from "@/lib/contacts/filter";
import { queryKeys } from "@/lib/query-keys";

/** What the list shows: a filter, a saved segment ANDed with it, and an order. */
export interface ContactListView {
  filter: ContactFilter;
  segmentId?: string;
  sort: ContactSort;
}

/** A page's `searchParams` as Next hands them over, or the browser's. */
export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

export const DEFAULT_SORT: ContactSort = "last_message";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PHONE_NUMBER_ID = /^[\w.-]{1,64}$/;

function valuesOf(params: SearchParamsInput, key: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(key);
  const value = params[key];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** A repeatable parameter, also accepting comma-separated values (`consent=opted_in,unknown`). */
function listOf(params: SearchParamsInput, key: string): string[] {
  return valuesOf(params, key)
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter((value) => value !== "");
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/**
 * The view a URL asks for. Whatever is malformed (a tag that is not an id, an unknown consent or sort)
 * is left out rather than refused: a hand-edited link still opens the list.
 */
export function filterFromSearchParams(params: SearchParamsInput): ContactListView {
  const filter: ContactFilter = {};
  const search = valuesOf(params, "q")[0]?.trim().slice(0, FILTER_LIMITS.search);
  if (search) filter.search = search;
  const tags = unique(listOf(params, "tag").filter((id) => UUID.test(id)).map((id) => id.toLowerCase())).slice(0, FILTER_LIMITS.tags);
  if (tags.length > 0) filter.tags = { any: tags };
  const consent = unique(listOf(params, "consent").filter((state): state is ConsentState => (CONSENT_STATES as readonly string[]).includes(state)));
  if (consent.length > 0) filter.consent = CONSENT_STATES.filter((state) => consent.includes(state));
  const window = valuesOf(params, "window")[0];
  if (window === "open") filter.windowOpen = true;
  else if (window === "closed") filter.windowOpen = false;
  const number = valuesOf(params, "number")[0];
  if (number && PHONE_NUMBER_ID.test(number)) filter.phoneNumberId = number;

  const view: ContactListView = { filter, sort: DEFAULT_SORT };
  const segment = valuesOf(params, "segment")[0];
  if (segment && UUID.test(segment)) view.segmentId = segment.toLowerCase();
  const sort = valuesOf(params, "sort")[0];
  if (sort && (CONTACT_SORTS as readonly string[]).includes(sort)) view.sort = sort as ContactSort;
  return view;
}

/**
 * The URL parameters of a view: only what differs from "every contact, latest message first", in a
 * stable order. The list's URL keeps only the parts it can show (tags as "any of"); a segment's own
 * conditions travel as `segment=`.
 */
export function searchParamsFromFilter(view: ContactListView): URLSearchParams {
  const params = new URLSearchParams();
  const { filter } = view;
  const search = filter.search?.trim();
  if (search) params.set("q", search);
  for (const tag of filter.tags?.any ?? []) params.append("tag", tag);
  for (const state of filter.consent ?? []) params.append("consent", state);
  if (filter.windowOpen !== undefined) params.set("window", filter.windowOpen ? "open" : "closed");
  if (filter.phoneNumberId) params.set("number", filter.phoneNumberId);
  if (view.segmentId) params.set("segment", view.segmentId);
  if (view.sort !== DEFAULT_SORT) params.set("sort", view.sort);
  return params;
}

/** `/contacts` with the view's parameters. */
export function contactListHref(view: ContactListView): string {
  const query = searchParamsFromFilter(view).toString();
  return query ? `/contacts?${query}` : "/contacts";
}

/** Whether the view narrows the list at all (what "Clear filters" clears). */
export function hasNarrowing(view: ContactListView): boolean {
  return view.segmentId !== undefined || searchParamsFromFilter({ ...view, sort: DEFAULT_SORT }).size > 0;
}

/** How many contacts each page of the list asks for. */
export const CONTACT_PAGE_SIZE = 50;

/** The list's query key: the same on the server (the page prefetches the first page) and in the browser. */
export function contactListKey(view: ContactListView) {
  return queryKeys.contacts.list({ filter: view.filter, segmentId: view.segmentId, sort: view.sort });
}
