/** The template list's filters, read from and written to the URL so a view can be shared. Browser-safe. */
import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES } from "./templates";

export interface TemplateListFilters {
  category: string;
  status: string;
  language: string;
  q: string;
}

export const NO_TEMPLATE_FILTERS: TemplateListFilters = { category: "", status: "", language: "", q: "" };

type Params = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function read(params: Params, name: string): string {
  if (typeof (params as { get?: unknown }).get === "function") return (params as { get(name: string): string | null }).get(name) ?? "";
  const value = (params as Record<string, string | string[] | undefined>)[name];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/** Unknown categories and statuses are dropped rather than shown as an empty list. */
export function parseTemplateFilters(params: Params): TemplateListFilters {
  const category = read(params, "category").toUpperCase();
  const status = read(params, "status").toUpperCase();
  return {
    category: (TEMPLATE_CATEGORIES as readonly string[]).includes(category) ? category : "",
    status: (TEMPLATE_STATUSES as readonly string[]).includes(status) ? status : "",
    language: /^[A-Za-z_]{2,12}$/.test(read(params, "language")) ? read(params, "language") : "",
    q: read(params, "q").slice(0, 100),
  };
}

/** The query string for the filters (empty ones left out), keeping other parameters such as `waba`. */
export function templateFiltersQuery(filters: TemplateListFilters, keep: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(keep)) if (value) params.set(key, value);
  for (const key of ["category", "status", "language", "q"] as const) if (filters[key]) params.set(key, filters[key]);
  const query = params.toString();
  return query ? `?${query}` : "";
}

interface Filterable {
  name: string;
  language: string;
  category: string;
  status: string;
}

/** Templates matching every filter; templates gone at Meta (DELETED) only when that status is asked for. */
export function applyTemplateFilters<T extends Filterable>(templates: T[], filters: TemplateListFilters): T[] {
  const q = filters.q.trim().toLowerCase();
  return templates.filter(
    (template) =>
      (filters.category === "" || template.category === filters.category) &&
      (filters.status === "" ? template.status !== "DELETED" : template.status === filters.status) &&
      (filters.language === "" || template.language === filters.language) &&
      (q === "" || template.name.toLowerCase().includes(q)),
  );
}
