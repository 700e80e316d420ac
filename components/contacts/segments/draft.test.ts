import { describe, expect, it } from "vitest";

import type { AttributeDefinitionView } from "@/lib/contacts/views";

import { draftFromFilter, EMPTY_CONDITION, filterFromDraft, listViewOfFilter, type SegmentDraft } from "./draft";

const TAG_A = "0b6a4e1c-3c1f-4d7e-9a57-2f1d8c0e5a11";
const TAG_B = "7d2f9e3a-8b4c-4f1a-b6e5-9c0d1e2f3a4b";

const definition = (key: string, type: AttributeDefinitionView["type"], options: string[] = []): AttributeDefinitionView => ({ id: key, key, name: key, type, options });
const DEFINITIONS = [definition("city", "text"), definition("orders", "number"), definition("birthday", "date"), definition("vip", "boolean"), definition("plan", "choice", ["Free", "Pro"])];

const blank = (changes: Partial<SegmentDraft> = {}): SegmentDraft => ({ ...draftFromFilter("Buyers", {}), ...changes });

describe("the segment builder's draft", () => {
  it("stands for every part of a filter, and reads back from it", () => {
    const filter = {
      search: "ana",
      tags: { all: [TAG_A], any: [TAG_B], none: [TAG_A] },
      attributes: [
        { key: "city", op: "contains" as const, value: "Lis" },
        { key: "orders", op: "gte" as const, value: 3 },
        { key: "birthday", op: "before" as const, value: "2000-01-31" },
        { key: "vip", op: "is_true" as const },
        { key: "plan", op: "in" as const, value: ["Free", "Pro"] },
      ],
      consent: ["opted_in" as const, "unknown" as const],
      lastInboundWithinDays: 30,
      windowOpen: false,
      phoneNumberId: "555",
    };
    const draft = draftFromFilter("Buyers", filter);
    expect(draft.conditions[1]).toEqual({ key: "orders", op: "gte", value: "3", values: [] });
    expect(draft.window).toBe("closed");
    expect(filterFromDraft(draft, DEFINITIONS)).toEqual({ filter, problems: {} });
  });

  it("is an empty filter when nothing is chosen, and asks for a name", () => {
    expect(filterFromDraft(blank({ name: "  " }), DEFINITIONS)).toEqual({ filter: {}, problems: { name: "nameRequired" } });
  });

  it("leaves half-built conditions out of the filter and names the field of each problem", () => {
    const { filter, problems } = filterFromDraft(
      blank({
        conditions: [
          EMPTY_CONDITION,
          { ...EMPTY_CONDITION, key: "gone" },
          { ...EMPTY_CONDITION, key: "city" },
          { ...EMPTY_CONDITION, key: "city", op: "gt" },
          { ...EMPTY_CONDITION, key: "city", op: "eq", value: "  " },
          { ...EMPTY_CONDITION, key: "orders", op: "eq", value: "three" },
          { ...EMPTY_CONDITION, key: "birthday", op: "eq", value: "2025-02-30" },
          { ...EMPTY_CONDITION, key: "plan", op: "in" },
          { ...EMPTY_CONDITION, key: "orders", op: "lt", value: "2,5" },
        ],
        lastInboundWithinDays: "0",
      }),
      DEFINITIONS,
    );
    expect(problems).toEqual({
      "filter.attributes.0.key": "chooseAttribute",
      "filter.attributes.1.key": "attributeGone",
      "filter.attributes.2.op": "chooseOperator",
      // An operator of another type (text has no "greater than").
      "filter.attributes.3.op": "chooseOperator",
      "filter.attributes.4.value": "valueRequired",
      "filter.attributes.5.value": "notANumber",
      "filter.attributes.6.value": "notADate",
      "filter.attributes.7.value": "chooseOptions",
      "filter.lastInboundWithinDays": "days",
    });
    // Only the finished one counts (a decimal comma read as a point).
    expect(filter).toEqual({ attributes: [{ key: "orders", op: "lt", value: 2.5 }] });
  });

  it("refuses days out of range or not whole", () => {
    for (const days of ["3651", "1.5", "x"]) {
      expect(filterFromDraft(blank({ lastInboundWithinDays: days }), DEFINITIONS).problems).toEqual({ "filter.lastInboundWithinDays": "days" });
    }
    expect(filterFromDraft(blank({ lastInboundWithinDays: " 7 " }), DEFINITIONS).filter).toEqual({ lastInboundWithinDays: 7 });
  });
});

describe("seeing a filter in the contact list", () => {
  it("links to the list when its URL can say the whole filter", () => {
    expect(listViewOfFilter({ tags: { any: [TAG_A] }, consent: ["opted_in"], windowOpen: true })).toEqual({
      filter: { tags: { any: [TAG_A] }, consent: ["opted_in"], windowOpen: true },
      sort: "last_message",
    });
    expect(listViewOfFilter({ tags: {} })).toEqual({ filter: {}, sort: "last_message" });
  });

  it("does not when it holds more than the list's filters", () => {
    expect(listViewOfFilter({ tags: { all: [TAG_A] } })).toBeNull();
    expect(listViewOfFilter({ tags: { none: [TAG_A] } })).toBeNull();
    expect(listViewOfFilter({ attributes: [{ key: "vip", op: "is_true" }] })).toBeNull();
    expect(listViewOfFilter({ lastInboundWithinDays: 7 })).toBeNull();
  });
});
