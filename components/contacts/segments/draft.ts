/**
 * The segment builder's form state and the ContactFilter it stands for, both ways. Pure, so what a
 * half-built condition means (left out of the live count, refused on save) is tested without a browser.
 */
import {
  ATTRIBUTE_OPERATORS,
  CONSENT_STATES,
  FILTER_LIMITS,
  VALUELESS_OPERATORS,
  type AttributeCondition,
  type AttributeOperator,
  type ConsentState,
  type ContactFilter,
} from "@/lib/contacts/filter";
import type { AttributeDefinitionView } from "@/lib/contacts/views";

import type { ContactListView } from "../list/url";

export interface ConditionDraft {
  key: string;
  op: AttributeOperator | "";
  /** The typed value (text, number, date, one choice). */
  value: string;
  /** The choices of an `in` condition. */
  values: string[];
}

export type WindowChoice = "any" | "open" | "closed";

export interface SegmentDraft {
  name: string;
  search: string;
  tagsAll: string[];
  tagsAny: string[];
  tagsNone: string[];
  conditions: ConditionDraft[];
  consent: ConsentState[];
  /** "Wrote in the last N days", as typed; empty for any time. */
  lastInboundWithinDays: string;
  window: WindowChoice;
  /** A business number's id; empty for any. */
  phoneNumberId: string;
}

/** Why a part of the draft cannot be saved yet (a key of the builder's `problems` messages). */
export type DraftProblem =
  | "chooseAttribute"
  | "attributeGone"
  | "chooseOperator"
  | "valueRequired"
  | "notANumber"
  | "notADate"
  | "chooseOptions"
  | "days"
  | "nameRequired";

export const EMPTY_CONDITION: ConditionDraft = { key: "", op: "", value: "", values: [] };

export function draftFromFilter(name: string, filter: ContactFilter): SegmentDraft {
  return {
    name,
    search: filter.search ?? "",
    tagsAll: filter.tags?.all ?? [],
    tagsAny: filter.tags?.any ?? [],
    tagsNone: filter.tags?.none ?? [],
    conditions: (filter.attributes ?? []).map((condition) => ({
      key: condition.key,
      op: condition.op,
      value: Array.isArray(condition.value) ? "" : condition.value === undefined ? "" : String(condition.value),
      values: Array.isArray(condition.value) ? condition.value : [],
    })),
    consent: filter.consent ?? [],
    lastInboundWithinDays: filter.lastInboundWithinDays === undefined ? "" : String(filter.lastInboundWithinDays),
    window: filter.windowOpen === undefined ? "any" : filter.windowOpen ? "open" : "closed",
    phoneNumberId: filter.phoneNumberId ?? "",
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isRealDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** One condition as the filter carries it, or why it cannot be. */
function conditionOf(draft: ConditionDraft, definitions: readonly AttributeDefinitionView[]): { condition: AttributeCondition } | { field: "key" | "op" | "value"; problem: DraftProblem } {
  if (!draft.key) return { field: "key", problem: "chooseAttribute" };
  const definition = definitions.find((candidate) => candidate.key === draft.key);
  if (!definition) return { field: "key", problem: "attributeGone" };
  if (!draft.op || !(ATTRIBUTE_OPERATORS[definition.type] as readonly string[]).includes(draft.op)) return { field: "op", problem: "chooseOperator" };
  const op = draft.op;
  if (VALUELESS_OPERATORS.includes(op)) return { condition: { key: draft.key, op } };
  if (op === "in") {
    if (draft.values.length === 0) return { field: "value", problem: "chooseOptions" };
    return { condition: { key: draft.key, op, value: draft.values.slice(0, FILTER_LIMITS.choices) } };
  }
  const text = draft.value.trim();
  if (!text) return { field: "value", problem: "valueRequired" };
  if (definition.type === "number") {
    const number = Number(text.replace(",", "."));
    if (!Number.isFinite(number)) return { field: "value", problem: "notANumber" };
    return { condition: { key: draft.key, op, value: number } };
  }
  if (definition.type === "date" && !isRealDay(text)) return { field: "value", problem: "notADate" };
  return { condition: { key: draft.key, op, value: text.slice(0, FILTER_LIMITS.value) } };
}

/**
 * The filter a draft stands for, with what is not complete yet left out (so the live count follows
 * what is finished), and the problems by the field the server would name (`filter.attributes.0.value`).
 */
export function filterFromDraft(draft: SegmentDraft, definitions: readonly AttributeDefinitionView[]): { filter: ContactFilter; problems: Record<string, DraftProblem> } {
  const filter: ContactFilter = {};
  const problems: Record<string, DraftProblem> = {};
  const search = draft.search.trim();
  if (search) filter.search = search.slice(0, FILTER_LIMITS.search);
  const tags: NonNullable<ContactFilter["tags"]> = {};
  if (draft.tagsAll.length > 0) tags.all = draft.tagsAll;
  if (draft.tagsAny.length > 0) tags.any = draft.tagsAny;
  if (draft.tagsNone.length > 0) tags.none = draft.tagsNone;
  if (Object.keys(tags).length > 0) filter.tags = tags;
  const conditions: AttributeCondition[] = [];
  draft.conditions.forEach((condition, index) => {
    const read = conditionOf(condition, definitions);
    if ("condition" in read) conditions.push(read.condition);
    else problems[`filter.attributes.${index}.${read.field}`] = read.problem;
  });
  if (conditions.length > 0) filter.attributes = conditions;
  if (draft.consent.length > 0) filter.consent = CONSENT_STATES.filter((state) => draft.consent.includes(state));
  const days = draft.lastInboundWithinDays.trim();
  if (days) {
    const number = Number(days);
    if (Number.isInteger(number) && number >= 1 && number <= FILTER_LIMITS.days) filter.lastInboundWithinDays = number;
    else problems["filter.lastInboundWithinDays"] = "days";
  }
  if (draft.window !== "any") filter.windowOpen = draft.window === "open";
  if (draft.phoneNumberId) filter.phoneNumberId = draft.phoneNumberId;
  if (!draft.name.trim()) problems.name = "nameRequired";
  return { filter, problems };
}

/**
 * The contact list's view of a filter, when its URL can say all of it (search, tags "any of", consent,
 * window, number); null when it holds more (all/none tags, attributes, recent activity): such a
 * filter is seen in the list once saved, as its segment.
 */
export function listViewOfFilter(filter: ContactFilter): ContactListView | null {
  const { tags, attributes, lastInboundWithinDays } = filter;
  if ((tags?.all?.length ?? 0) > 0 || (tags?.none?.length ?? 0) > 0 || (attributes?.length ?? 0) > 0 || lastInboundWithinDays !== undefined) return null;
  const view: ContactListView = { filter: { ...filter }, sort: "last_message" };
  if (tags?.any?.length) view.filter.tags = { any: tags.any };
  else delete view.filter.tags;
  return view;
}
