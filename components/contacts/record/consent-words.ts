/**
 * What a contact's marketing consent says in words: who or what set it, how, and when. Pure, so the
 * contact's page, the inbox's panel and their tests read it the same way.
 */
import type { ConsentState } from "@/lib/contacts/filter";
import type { ConsentEventView, ConsentSource, ConsentView } from "@/lib/contacts/views";

/** The parts of a consent's sentence (catalog contacts.record.consent.words.<state>, a select on `source`). */
export interface ConsentStory {
  state: ConsentState;
  /** The select's branch: the source, or "other" when the sentence would need what is not known. */
  source: ConsentSource | "other";
  at: string;
  /** The team member who changed it (agent source), when known. */
  actorName: string | null;
  /** The keyword written (keyword source). */
  keyword: string | null;
  /** The note a team member gave, or the import's file name: shown under the sentence. */
  note: string | null;
}

/** One event of the history as a sentence's parts. */
export function eventStory(event: ConsentEventView): ConsentStory {
  const keyword = event.source === "keyword" ? event.detail : null;
  const source = event.source === "keyword" && !keyword ? "other" : event.source;
  return {
    state: event.state,
    source,
    at: event.at,
    actorName: event.actor?.name ?? null,
    keyword,
    note: event.source === "keyword" ? null : event.detail,
  };
}

/**
 * The current consent as a sentence's parts: from the latest history event when it is the one that
 * set it (it knows the person, the keyword, the note), else from the consent alone. Undefined when
 * nothing was ever said (unknown consent with no time).
 */
export function consentStory(consent: ConsentView, history: readonly ConsentEventView[] = []): ConsentStory | undefined {
  const latest = history[0];
  if (latest && latest.state === consent.state && latest.source === consent.source) return eventStory(latest);
  if (!consent.at) return undefined;
  return {
    state: consent.state,
    // Without the event, a keyword's word is not known: the sentence says "opted out" alone.
    source: consent.source && consent.source !== "keyword" ? consent.source : "other",
    at: consent.at,
    actorName: null,
    keyword: null,
    note: null,
  };
}
