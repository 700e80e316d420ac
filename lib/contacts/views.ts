/**
 * What the contact screens, the inbox's customer panel and the API read of contacts: plain JSON
 * (dates as ISO strings), browser-safe. The services in lib/contacts/ answer these.
 */
import type { Translatable } from "@/lib/i18n/translatable";

import type { AttributeType, ConsentState, ContactFilter, ContactSort } from "./filter";

/** The limits of contacts' fields, one source for the forms (browser) and the services that enforce them. */
export const CONTACT_LIMITS = {
  displayName: 100,
  phone: 64,
  attributeText: 500,
  tagName: 40,
  tagsPerChange: 50,
  attributeName: 60,
  attributeOptions: 50,
  attributeOption: 60,
  noteBody: 5000,
  bulkIds: 1000,
} as const;

/** Where a consent came from: a person or system that said yes or no. */
export const CONSENT_SOURCES = [
  /** An import's consent column. */
  "import",
  /** A form outside the dashboard, through the API with `source: "form"`. */
  "form",
  /** A team member, in the dashboard. */
  "agent",
  /** The public API. */
  "api",
  /** The customer, in WhatsApp's own marketing controls (`user_preferences` stop / resume). */
  "whatsapp",
  /** The customer wrote an opt-out keyword (STOP, BAJA, 退订, …). */
  "keyword",
] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

export const TAG_COLOURS = ["gray", "red", "orange", "amber", "green", "teal", "blue", "violet", "pink"] as const;
export type TagColour = (typeof TAG_COLOURS)[number];

export interface TagView {
  id: string;
  name: string;
  colour: TagColour;
  /** How many (not deleted) contacts carry it. */
  contactCount: number;
}

/** A tag as a contact carries it. */
export interface TagChip {
  id: string;
  name: string;
  colour: TagColour;
}

export interface AttributeDefinitionView {
  id: string;
  key: string;
  name: string;
  type: AttributeType;
  /** A "choice" attribute's values, in order; empty for other types. */
  options: string[];
}

/** An attribute's value: text, number, `YYYY-MM-DD`, boolean, or one of the options. */
export type AttributeValue = string | number | boolean;

export interface ConsentView {
  state: ConsentState;
  source: ConsentSource | null;
  at: string | null;
}

export interface ConsentEventView {
  id: number;
  state: ConsentState;
  source: ConsentSource;
  /** The team member who changed it (agent source), when known. */
  actor: { id: string; name: string } | null;
  /** The keyword written, the import's file name, the reason given. */
  detail: string | null;
  at: string;
}

export interface ContactNoteView {
  id: string;
  body: string;
  author: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
  /** The reader wrote it (or manages contacts): they may edit and delete it. */
  editable: boolean;
}

/** One row of the contact list. */
export interface ContactListItem {
  id: string;
  /** The display name, else the WhatsApp profile name; null when neither is known. */
  name: string | null;
  displayName: string | null;
  profileName: string | null;
  /** Digits only, as WhatsApp reports it (format for reading with lib/inbox/customer-label.ts formatPhone). */
  phoneNumber: string | null;
  userId: string | null;
  username: string | null;
  tags: TagChip[];
  attributes: Record<string, AttributeValue>;
  consent: ConsentView;
  lastMessageAt: string | null;
  lastInboundAt: string | null;
  /** When the latest conversation's 24-hour window closes; null when it is closed or never opened. */
  windowClosesAt: string | null;
  createdAt: string;
}

export interface ContactListPage {
  items: ContactListItem[];
  /** Opaque; null on the last page. */
  nextCursor: string | null;
  /** How many contacts match the whole filter. */
  total: number;
}

/** A conversation with the contact on one business number, for the contact's page. */
export interface ContactConversationView {
  id: string;
  phoneNumberId: string;
  /** The business number as shown (display number, else its id). */
  businessNumber: string;
  status: "open" | "resolved";
  assignee: { id: string; name: string } | null;
  lastMessageAt: string | null;
  lastInboundAt: string | null;
}

export interface ContactDetail extends ContactListItem {
  waId: string;
  notes: ContactNoteView[];
  consentHistory: ConsentEventView[];
  conversations: ContactConversationView[];
  /** What the reader may do here (the server checks again). */
  can: {
    edit: boolean;
    /** Create, rename, recolour, delete tags; delete the contact. */
    manage: boolean;
  };
}

export interface SegmentView {
  id: string;
  name: string;
  filter: ContactFilter;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
}

/** Which contacts a bulk action or an export acts on: the ones ticked, or every one matching a filter. */
export type ContactSelection = { ids: string[] } | { filter: ContactFilter; segmentId?: string };

export interface ContactListParams {
  filter: ContactFilter;
  /** A saved segment's filter, ANDed with `filter`. */
  segmentId?: string;
  sort: ContactSort;
  cursor?: string;
  limit?: number;
}

export type ContactImportStatus = "uploaded" | "queued" | "running" | "finished" | "failed";

/** The fields a CSV column may be mapped to. */
export type ImportField = "name" | "phone" | "tags" | "consent" | `attribute:${string}`;

export interface ContactImportView {
  id: string;
  fileName: string;
  fileSize: number;
  status: ContactImportStatus;
  columns: string[];
  previewRows: string[][];
  totalRows: number;
  /** Column index (as text) → field. */
  mapping: Record<string, ImportField> | null;
  defaultCountry: string | null;
  processedRows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Why a failed import stopped, in the reader's words. */
  error: string | null;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A refusal of a contact operation, with the field it concerns (as the form or the API names it). */
export interface ContactProblem {
  field: string;
  message: Translatable;
}
