import { sql, type AnyColumn, type SQL } from "drizzle-orm";

import { contacts, conversationSearchDocuments } from "../schema";

/**
 * Search, the one way every list (inbox, contacts, a campaign's recipients, the API) finds what a
 * person typed. A search is words: each must be found, as the start of a word of the text ("refun"
 * finds "refund"), whatever its case and accents ("sao paulo" finds "São Paulo"), Arabic without its
 * vowel marks and with any alef. Chinese, Japanese and Thai, written without spaces, are found by any
 * part of one character or more. The database does the normalising, with one set of functions for
 * what it stores and what is asked (`search_fold`, `search_document`, `search_query`, migration 0022),
 * so PostgreSQL and the embedded database find the same.
 *
 * What is searched:
 * - a customer's names (the profile's and the team's) and username, as words;
 * - their number, from three digits on as typed ("+49 151" finds 4915…), anywhere in it;
 * - a WhatsApp user id ("US.13491208655302741918"), exactly;
 * - the text of a conversation's messages (bodies, captions, button replies, notes), as words, through
 *   one document per conversation (`conversation_search_documents`).
 *
 * Message text is searched only here ({@link conversationsWithText} and {@link conversationHasText}):
 * a deployment that outgrows PostgreSQL's full-text index would answer those two from an external
 * engine (a list of conversation ids for the words) and nothing else would change.
 */
export interface Search {
  /** As typed, trimmed. */
  text: string;
  /** The digits of a number as typed (`+1 (415) 555-01` → `141555501`), when the search is one of at least three. */
  digits: string | null;
  /** A WhatsApp user id ("CC.…"), found exactly. */
  userId: string | null;
}

/** The longest search anyone needs; longer input is cut here rather than refused. */
export const SEARCH_MAX_LENGTH = 200;

/** A person's search as the lists read it; null when there is nothing to search. */
export function parseSearch(input: string | null | undefined): Search | null {
  const text = (input ?? "").trim().slice(0, SEARCH_MAX_LENGTH);
  if (!text) return null;
  const digits = text.replace(/[\s()+\-.]/g, "");
  return {
    text,
    digits: /^\d{3,}$/.test(digits) ? digits : null,
    userId: /^[A-Za-z]{2}\.[A-Za-z0-9.]+$/.test(text) ? text : null,
  };
}

/** The search's words as a full-text query (null when it has none: it then matches no words). */
function query(search: Search): SQL {
  return sql`search_query(${search.text})`;
}

/** `%`, `_` and `\` are LIKE's own characters: a search for them finds them literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Whether a document (a tsvector column or expression written by `search_document`) holds every word
 * of the search. Null, not false, for a search without words: a WHERE keeps no row for it, and the
 * planner, seeing the operator itself, estimates how many rows match and reads the index.
 */
export function documentMatches(document: AnyColumn | SQL, search: Search): SQL {
  return sql`${document} @@ ${query(search)}`;
}

/**
 * Whether a contact row (`contacts` in the query) is the one searched for: its names and username
 * hold every word, its number holds the digits, or it has the user id. Indexes: the names'
 * document (contacts_search_document_idx), the number in `search_text` (contacts_search_trgm_idx).
 */
export function contactMatches(search: Search, phoneNumber: AnyColumn | SQL = contacts.phoneNumber): SQL {
  const parts: SQL[] = [documentMatches(contacts.searchDocument, search)];
  if (search.digits) {
    // `search_text` holds the number: its trigram index answers the substring.
    parts.push(
      phoneNumber === contacts.phoneNumber
        ? sql`${contacts.searchText} like ${`%${escapeLike(search.digits)}%`}`
        : sql`${phoneNumber} like ${`%${escapeLike(search.digits)}%`}`,
    );
  }
  if (search.userId) parts.push(sql`${contacts.userId} = ${search.userId}`);
  return sql`(${sql.join(parts, sql` or `)})`;
}

/**
 * The contacts the search finds, each part through its index (`contacts_found`, migration 0022): a
 * subquery of their `wa_id`s, for lists that find many rows at once.
 */
export function contactsFound(search: Search): SQL {
  return sql`(select contacts_found(${query(search)}, ${search.digits}::text, ${search.userId}::text))`;
}

/** The conversations whose messages hold every word of the search: a subquery of their ids (all at once, through the index). */
export function conversationsWithText(search: Search): SQL {
  return sql`(select conversations_with_words(${query(search)}))`;
}

/** Whether this conversation's messages hold every word of the search (one document read: for a few conversations). */
export function conversationHasText(conversationId: AnyColumn, search: Search): SQL {
  // "offset 0" keeps the check per conversation, through the primary key: without it the planner may
  // read every document to hash the matching ones, which is what the caller avoids by asking this.
  return sql`exists (select 1 from ${conversationSearchDocuments}
    where ${conversationSearchDocuments.conversationId} = ${conversationId} and ${conversationSearchDocuments.document} @@ ${query(search)} offset 0)`;
}
