/** The contact list and segments of the public API, on the contact list's services (their checks and scope). */
import { defineOperation } from "@/lib/api/operation";
import { listOf, pageQuery } from "@/lib/api/pagination";
import { ApiProblem } from "@/lib/api/problem";
import { apiContact, apiContactSchema } from "@/lib/api/resources/contacts";
import { apiSegment, contactFilterOf, createSegmentBody, segmentSchema } from "@/lib/api/resources/segments";
import { ActionError } from "@/lib/actions/errors";
import { CONSENT_STATES, CONTACT_SORTS, FILTER_LIMITS, type ContactFilter } from "@/lib/contacts/filter";
import { countContacts, listContacts, parseContactCursor } from "@/lib/contacts/list";
import { createSegment, listSegments } from "@/lib/contacts/segments";
import { tagsByReference } from "@/lib/contacts/tags";
import { message } from "@/lib/i18n/translatable";
import { z } from "@/lib/zod";

/** A query parameter given once or repeated, as a list. */
const repeated = <T extends z.ZodType>(item: T) => z.union([item, z.array(item)]).transform((value) => (Array.isArray(value) ? value : [value]));

export const listContactsQuery = pageQuery.extend({
  search: z.string().trim().max(FILTER_LIMITS.search).optional().meta({ description: "In names, number, @username and user id; case-insensitive.", example: "maya" }),
  tag: repeated(z.string().trim().min(1).max(64))
    .optional()
    .meta({ description: "A tag's id or name (any case); repeat it for contacts with every one of them.", example: "VIP" }),
  segment_id: z.uuid().optional().meta({ description: "Only the contacts of this saved segment." }),
  consent: repeated(z.enum(CONSENT_STATES)).optional().meta({ description: "Consent is one of these; repeat for several.", example: "opted_in" }),
  sort: z.enum(CONTACT_SORTS).default("last_message").meta({ description: "Latest message first (never written to last), by name, or newest first." }),
});

export const listContactsOperation = defineOperation({
  method: "GET",
  path: "/contacts",
  operationId: "listContacts",
  summary: "List contacts",
  description: "The contacts you may see, filtered by search, tags, a segment and consent, with `total` matching the whole filter.",
  tag: "Contacts",
  capability: "contacts.view",
  query: listContactsQuery,
  success: { status: 200, description: "A page of contacts.", schema: listOf(apiContactSchema) },
  async handle({ db, user, query }) {
    if (query.cursor && !parseContactCursor(query.cursor, query.sort)) {
      const said = message("api.problems.invalidCursor");
      throw new ApiProblem(400, "INVALID_CURSOR", said, { errors: [{ field: "cursor", detail: said }] });
    }
    const filter: ContactFilter = {};
    if (query.search) filter.search = query.search;
    if (query.consent) filter.consent = [...new Set(query.consent)];
    if (query.tag) {
      const tags = await tagsByReference(db, query.tag);
      const errors = tags.flatMap((tag, index) => (tag ? [] : [{ field: "tag", detail: message("contacts.list.errors.unknownTag", { tag: query.tag![index]! }) }]));
      if (errors.length > 0) throw new ApiProblem(422, "INVALID_INPUT", errors[0]!.detail, { errors });
      filter.tags = { all: [...new Set(tags.map((tag) => tag!.id))] };
    }
    try {
      const page = await listContacts(db, user, { filter, segmentId: query.segment_id, sort: query.sort, cursor: query.cursor, limit: query.limit });
      return { data: page.items.map(apiContact), next_cursor: page.nextCursor, total: page.total };
    } catch (error) {
      // The segment is a parameter of the query: its absence is the caller's input, named as they wrote it.
      if (error instanceof ActionError && error.field === "segmentId") {
        throw new ApiProblem(404, "NOT_FOUND", error.said, { errors: [{ field: "segment_id", detail: error.said }] });
      }
      throw error;
    }
  },
});

export const listSegmentsOperation = defineOperation({
  method: "GET",
  path: "/segments",
  operationId: "listSegments",
  summary: "List segments",
  description: "Every saved segment (the team's), by name.",
  tag: "Segments",
  capability: "contacts.view",
  success: { status: 200, description: "The segments.", schema: listOf(segmentSchema) },
  async handle({ db }) {
    const segments = await listSegments(db);
    return { data: segments.map((segment) => apiSegment(segment)), next_cursor: null, total: segments.length };
  },
});

export const createSegmentOperation = defineOperation({
  method: "POST",
  path: "/segments",
  operationId: "createSegment",
  summary: "Create a segment",
  description:
    "Saves a contact filter under a name, unique whatever its case (409 `CONFLICT` on `name` otherwise). Attribute conditions are checked against the attribute definitions. Answers the segment with how many contacts match it now. Needs the marketer or admin role.",
  tag: "Segments",
  capability: "contacts.manage",
  body: createSegmentBody,
  idempotent: true,
  success: { status: 201, description: "The new segment.", schema: segmentSchema },
  async handle({ db, user, body }) {
    try {
      const segment = await createSegment(db, user, { name: body.name, filter: contactFilterOf(body.filter) });
      return apiSegment(segment, await countContacts(db, user, {}, segment.id));
    } catch (error) {
      if (error instanceof ActionError && error.code === "CONFLICT") {
        throw new ApiProblem(409, "CONFLICT", error.said, { errors: [{ field: "name", detail: error.said }] });
      }
      throw error;
    }
  },
});

export const SEGMENT_OPERATIONS = [listContactsOperation, listSegmentsOperation, createSegmentOperation];
