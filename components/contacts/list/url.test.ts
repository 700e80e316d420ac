import { describe, expect, it } from "vitest";

import { contactListHref, filterFromSearchParams, hasNarrowing, searchParamsFromFilter, type ContactListView } from "./url";

const TAG_A = "0b6a4e1c-3c1f-4d7e-9a57-2f1d8c0e5a11";
const TAG_B = "7d2f9e3a-8b4c-4f1a-b6e5-9c0d1e2f3a4b";
const SEGMENT = "5e8c1a2b-3d4f-4a6b-8c9d-0e1f2a3b4c5d";

describe("the contact list's URL", () => {
  it("reads every part of a view", () => {
    const params = new URLSearchParams(
      `q=${encodeURIComponent(" Ana + ")}&tag=${TAG_A}&tag=${TAG_B}&consent=opted_out&consent=opted_in&window=open&number=1234567890&segment=${SEGMENT}&sort=name`,
    );
    expect(filterFromSearchParams(params)).toEqual({
      filter: {
        search: "Ana +",
        tags: { any: [TAG_A, TAG_B] },
        // In the states' own order, whatever the URL's.
        consent: ["opted_in", "opted_out"],
        windowOpen: true,
        phoneNumberId: "1234567890",
      },
      segmentId: SEGMENT,
      sort: "name",
    });
  });

  it("reads a page's searchParams object, with lists repeated or comma-separated", () => {
    expect(filterFromSearchParams({ tag: [TAG_A, TAG_B], consent: "unknown,opted_in", window: "closed" })).toEqual({
      filter: { tags: { any: [TAG_A, TAG_B] }, consent: ["opted_in", "unknown"], windowOpen: false },
      sort: "last_message",
    });
  });

  it("leaves out what is malformed instead of refusing the link", () => {
    const view = filterFromSearchParams(
      new URLSearchParams(`q=%20%20&tag=not-a-tag&tag=${TAG_A}&tag=${TAG_A.toUpperCase()}&consent=maybe&window=soon&number=${"9".repeat(65)}&segment=abc&sort=oldest`),
    );
    expect(view).toEqual({ filter: { tags: { any: [TAG_A] } }, sort: "last_message" });
  });

  it("keeps a search within the filter's limit", () => {
    expect(filterFromSearchParams(new URLSearchParams(`q=${"a".repeat(150)}`)).filter.search).toHaveLength(100);
  });

  it("writes only what narrows the list, and reads back the same view", () => {
    const view: ContactListView = {
      filter: { search: "María", tags: { any: [TAG_B] }, consent: ["unknown"], windowOpen: false, phoneNumberId: "555" },
      segmentId: SEGMENT,
      sort: "created",
    };
    const params = searchParamsFromFilter(view);
    expect(params.toString()).toBe(`q=Mar%C3%ADa&tag=${TAG_B}&consent=unknown&window=closed&number=555&segment=${SEGMENT}&sort=created`);
    expect(filterFromSearchParams(params)).toEqual(view);
  });

  it("links to the bare list when nothing narrows it", () => {
    const view = filterFromSearchParams(new URLSearchParams(""));
    expect(searchParamsFromFilter(view).size).toBe(0);
    expect(contactListHref(view)).toBe("/contacts");
    expect(hasNarrowing(view)).toBe(false);
    // The order is not a filter: "Clear filters" keeps it.
    expect(hasNarrowing({ ...view, sort: "name" })).toBe(false);
    expect(hasNarrowing({ ...view, segmentId: SEGMENT })).toBe(true);
    expect(hasNarrowing({ ...view, filter: { windowOpen: false } })).toBe(true);
    expect(contactListHref({ filter: {}, segmentId: SEGMENT, sort: "last_message" })).toBe(`/contacts?segment=${SEGMENT}`);
  });
});
