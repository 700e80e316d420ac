import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

import { CAMPAIGN_RECIPIENT_STATUSES, CAMPAIGN_STATUSES } from "./campaign-statuses";

/** PostgreSQL's full-text document: what search reads (db/queries/search.ts); written only by the database. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export { CAMPAIGN_RECIPIENT_STATUSES, CAMPAIGN_STATUSES, type CampaignRecipientStatus, type CampaignStatus } from "./campaign-statuses";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

/** Who a user is in the team; what each role may do is lib/auth/permissions.ts's (its ROLES are these). */
export const userRole = pgEnum("user_role", ["admin", "marketer", "agent"]);

/** Whether an agent takes new conversations (lib/inbox/auto-assignment.ts skips those away). */
export const USER_AVAILABILITIES = ["available", "away"] as const;
export const userAvailability = pgEnum("user_availability", USER_AVAILABILITIES);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stored lower-cased; the unique index below is on the stored value. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: userRole("role").notNull(),
    disabled: boolean("disabled").notNull().default(false),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    /** Sessions signed in before this moment are over (set when the password changes or is reset). */
    sessionsValidFrom: timestamp("sessions_valid_from", { withTimezone: true }),
    /** The working connection and phone number this user last chose (header switcher, profile page). */
    selectedConnectionId: text("selected_connection_id"),
    selectedPhoneNumberId: text("selected_phone_number_id"),
    /**
     * Whether this user may work in every connection, including ones linked later; when false, only
     * in those of `user_connections`. Admins always have all: the column is not read for them.
     */
    allConnections: boolean("all_connections").notNull().default(false),
    /** The dashboard's language for this user (a tag of i18n/locales.ts); null follows the browser. */
    locale: text("locale"),
    /** The IANA time zone dates are shown in; null follows the browser. */
    timeZone: text("time_zone"),
    /** Whether the user takes new conversations now: auto-assignment never picks someone away. */
    availability: userAvailability("availability").notNull().default("available"),
    /** The user allowed desktop notifications in their account settings (the browser's permission is asked then). */
    desktopNotifications: boolean("desktop_notifications").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex("users_email_key").on(table.email)],
);

/**
 * One row per sign-in: the session cookie names it, every request checks it is not revoked, and
 * signing out revokes it, so a copied cookie stops working at sign-out.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** The client address and browser at sign-in, to tell sessions apart on the account page. */
    address: text("address"),
    userAgent: text("user_agent"),
  },
  (table) => [index("user_sessions_user_idx").on(table.userId)],
);

/** Recent failed sign-ins per account and per client address, to slow down guessing. */
export const signInFailures = pgTable("sign_in_failures", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }).notNull(),
});

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** Kept beside the id so the entry stays readable if the user is ever removed. */
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  },
  (table) => [index("audit_log_at_idx").on(table.at), index("audit_log_actor_idx").on(table.actorId)],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type AuditEntry = typeof auditLog.$inferSelect;
export type UserSession = typeof userSessions.$inferSelect;

/** Maton connections, mirrored from the control plane; unlinked ones are kept with their data. */
export const connections = pgTable("connections", {
  id: text("id").primaryKey(),
  status: text("status").notNull(),
  connectUrl: text("connect_url"),
  label: text("label"),
  isDefault: boolean("is_default").notNull().default(false),
  matonCreatedAt: timestamp("maton_created_at", { withTimezone: true }),
  matonUpdatedAt: timestamp("maton_updated_at", { withTimezone: true }),
  unlinkedAt: timestamp("unlinked_at", { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** The connections a user without `allConnections` may work in (admins see all regardless). */
export const userConnections = pgTable(
  "user_connections",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    connectionId: text("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.connectionId] })],
);

/** WhatsApp Business Accounts behind each connection, with this dashboard's webhook registration. */
export const wabas = pgTable("wabas", {
  id: text("id").primaryKey(),
  connectionId: text("connection_id").references(() => connections.id, { onDelete: "set null" }),
  businessId: text("business_id"),
  name: text("name"),
  /** The callback this dashboard registered through subscribed_apps, and when. */
  callbackUrl: text("callback_url"),
  callbackRegisteredAt: timestamp("callback_registered_at", { withTimezone: true }),
  callbackError: text("callback_error"),
  syncedAt: timestamp("synced_at", { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Business phone numbers; a number first seen in a webhook is stored before its connection is known. */
export const phoneNumbers = pgTable(
  "phone_numbers",
  {
    id: text("id").primaryKey(),
    wabaId: text("waba_id").notNull(),
    connectionId: text("connection_id").references(() => connections.id, { onDelete: "set null" }),
    displayPhoneNumber: text("display_phone_number"),
    verifiedName: text("verified_name"),
    qualityRating: text("quality_rating"),
    messagingLimitTier: text("messaging_limit_tier"),
    throughputLevel: text("throughput_level"),
    codeVerificationStatus: text("code_verification_status"),
    nameStatus: text("name_status"),
    syncedAt: timestamp("synced_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("phone_numbers_waba_idx").on(table.wabaId)],
);

/** A customer's marketing consent: opted in (they said yes somewhere), not known, or opted out. */
export const CONTACT_CONSENTS = ["opted_in", "unknown", "opted_out"] as const;
export const contactConsent = pgEnum("contact_consent", CONTACT_CONSENTS);

/**
 * Customers. A customer is known by a phone number, a business-scoped user id (2026: a customer with
 * a username may withhold the number), or both. `waId` is the customer's key in this dashboard:
 * the number when the first message (or an import) carried one, else the user id; it never changes, while
 * `phoneNumber` and `userId` follow what WhatsApp reports (linked when a payload carries both).
 * `id` is the contact's public id (pages, API): it carries no personal data, unlike `waId`.
 */
export const contacts = pgTable(
  "contacts",
  {
    waId: text("wa_id").primaryKey(),
    id: uuid("id").notNull().defaultRandom(),
    /** The customer's WhatsApp number, digits only; null while it is withheld. */
    phoneNumber: text("phone_number"),
    /** The business-scoped user id, e.g. `US.13491208655302741918`. */
    userId: text("user_id"),
    username: text("username"),
    /** The name the customer gave WhatsApp (from webhooks); the team's own name for them is `displayName`. */
    profileName: text("profile_name"),
    displayName: text("display_name"),
    /** Marketing consent, its source (lib/contacts/consent.ts CONSENT_SOURCES) and when it was given or withdrawn. */
    consent: contactConsent("consent").notNull().default("unknown"),
    consentSource: text("consent_source"),
    consentAt: timestamp("consent_at", { withTimezone: true }),
    /** Custom attribute values by key (contact_attribute_definitions), each validated by its definition's type. */
    attributes: jsonb("attributes").$type<Record<string, string | number | boolean>>().notNull().default({}),
    /** The latest of the customer's conversations' `last_inbound_at` / `last_message_at`, kept by a trigger on conversations. */
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }),
    /** Set on the anonymised row that keeps a deleted contact's conversations (`wa_id` = `deleted:<id>`). */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    /** What search reads: names, number, username and user id, lower-cased (trigram index). */
    searchText: text("search_text").generatedAlwaysAs(
      sql`lower(coalesce(display_name, '') || ' ' || coalesce(profile_name, '') || ' ' || coalesce(phone_number, '') || ' ' || coalesce(username, '') || ' ' || coalesce(user_id, ''))`,
    ),
    /**
     * What a search's words are found in: the names and username as words (`search_document`, migration
     * 0022). Numbers and user ids are found in `search_text`.
     */
    searchDocument: tsvector("search_document").generatedAlwaysAs(
      sql`search_document(coalesce(display_name, '') || ' ' || coalesce(profile_name, '') || ' ' || coalesce(username, ''))`,
    ),
    /** What the list sorts by name: the display name, else the profile name, username, number or user id. */
    sortName: text("sort_name").generatedAlwaysAs(sql`lower(coalesce(display_name, profile_name, username, phone_number, user_id, wa_id))`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("contacts_id_key").on(table.id),
    uniqueIndex("contacts_phone_number_key").on(table.phoneNumber).where(sql`${table.phoneNumber} is not null`),
    uniqueIndex("contacts_user_id_key").on(table.userId).where(sql`${table.userId} is not null`),
    index("contacts_last_message_idx").on(table.lastMessageAt.desc().nullsLast(), table.waId).where(sql`${table.deletedAt} is null`),
    index("contacts_sort_name_idx").on(table.sortName, table.waId).where(sql`${table.deletedAt} is null`),
    index("contacts_created_idx").on(table.createdAt.desc(), table.waId).where(sql`${table.deletedAt} is null`),
    index("contacts_search_trgm_idx").using("gin", sql`${table.searchText} gin_trgm_ops`),
    index("contacts_search_document_idx").using("gin", table.searchDocument),
    index("contacts_attributes_idx").using("gin", sql`${table.attributes} jsonb_path_ops`),
    // Case-insensitive equality on text attributes (db/queries/contact-list.ts): keys are lower-case already.
    index("contacts_attributes_lower_idx").using("gin", sql`(lower(${table.attributes}::text)::jsonb) jsonb_path_ops`),
  ],
);

/** Tags on contacts (conversation labels are another thing): a name, unique whatever its case, and a colour. */
export const contactTags = pgTable(
  "contact_tags",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** One of lib/contacts/tags.ts TAG_COLOURS. */
    colour: text("colour").notNull().default("gray"),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("contact_tags_name_key").on(sql`lower(${table.name})`)],
);

export const contactTagLinks = pgTable(
  "contact_tag_links",
  {
    tagId: uuid("tag_id")
      .notNull()
      .references(() => contactTags.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.tagId, table.contactId] }), index("contact_tag_links_contact_idx").on(table.contactId)],
);

export const CONTACT_ATTRIBUTE_TYPES = ["text", "number", "date", "boolean", "choice"] as const;

/** The custom attributes admins define; contacts hold their values in `contacts.attributes` by key. */
export const contactAttributeDefinitions = pgTable(
  "contact_attribute_definitions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** snake_case, fixed once created (values are stored under it). */
    key: text("key").notNull(),
    name: text("name").notNull(),
    type: text("type", { enum: CONTACT_ATTRIBUTE_TYPES }).notNull(),
    /** The allowed values of a "choice" attribute, in their order. */
    options: jsonb("options").$type<string[]>().notNull().default([]),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("contact_attribute_definitions_key").on(table.key)],
);

/** Every consent change of a contact, newest last: its history (and the audit log's detail). */
export const contactConsentEvents = pgTable(
  "contact_consent_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    consent: contactConsent("consent").notNull(),
    source: text("source").notNull(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** What the source said: the keyword written, the import's file name, an agent's reason. */
    detail: text("detail"),
    /** What caused it, to record it once: the message's wamid (keyword), the import's id. */
    sourceRef: text("source_ref"),
    at: timestamp("at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    index("contact_consent_events_contact_idx").on(table.contactId, table.at.desc()),
    uniqueIndex("contact_consent_events_ref_key")
      .on(table.contactId, table.source, table.sourceRef)
      .where(sql`${table.sourceRef} is not null`),
  ],
);

/** The team's notes on a contact. */
export const contactNotes = pgTable(
  "contact_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("contact_notes_contact_idx").on(table.contactId, table.createdAt.desc())],
);

/** A saved contact filter (lib/contacts/filter.ts `ContactFilter`): campaigns' audiences. */
export const segments = pgTable(
  "segments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    definition: jsonb("definition").$type<Record<string, unknown>>().notNull(),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex("segments_name_key").on(sql`lower(${table.name})`)],
);

export const CONTACT_IMPORT_STATUSES = ["uploaded", "queued", "running", "finished", "failed"] as const;

/**
 * A CSV import: the uploaded file (kept under MEDIA_DIR until it is imported), its first rows, the
 * mapping chosen, and its progress, checkpointed with each batch so a restarted job goes on from there.
 */
export const contactImports = pgTable(
  "contact_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fileName: text("file_name").notNull(),
    fileSize: bigint("file_size", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    /** The file's path below MEDIA_DIR; null once imported (the rejects are kept in contact_import_rejects). */
    storedPath: text("stored_path"),
    status: text("status", { enum: CONTACT_IMPORT_STATUSES }).notNull().default("uploaded"),
    /** The header row's cells, and the first rows after it (for the mapping screen). */
    columns: jsonb("columns").$type<string[]>().notNull(),
    previewRows: jsonb("preview_rows").$type<string[][]>().notNull(),
    totalRows: integer("total_rows").notNull(),
    /** Column index (as text) → field: "name", "phone", "tags", "consent", "attribute:<key>"; absent columns are ignored. */
    mapping: jsonb("mapping").$type<Record<string, string>>(),
    defaultCountry: text("default_country"),
    processedRows: integer("processed_rows").notNull().default(0),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    unchanged: integer("unchanged").notNull().default(0),
    rejected: integer("rejected").notNull().default(0),
    error: text("error"),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (table) => [index("contact_imports_created_idx").on(table.createdAt.desc())],
);

/** An import's rows that were skipped, with the reason (a message key and values, worded for whoever downloads them). */
export const contactImportRejects = pgTable(
  "contact_import_rejects",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => contactImports.id, { onDelete: "cascade" }),
    /** 1-based, counting the header as row 1 (as a spreadsheet shows it). */
    rowNumber: integer("row_number").notNull(),
    reason: jsonb("reason").$type<{ key: string; values?: Record<string, string | number> }>().notNull(),
    cells: jsonb("cells").$type<string[]>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.importId, table.rowNumber] })],
);

export const conversationStatus = pgEnum("conversation_status", ["open", "resolved"]);

/** One per business number and customer. `lastInboundAt` anchors the 24-hour service window. */
export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    phoneNumberId: text("phone_number_id")
      .notNull()
      .references(() => phoneNumbers.id),
    waId: text("wa_id")
      .notNull()
      .references(() => contacts.waId),
    status: conversationStatus("status").notNull().default("open"),
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }),
    /**
     * The last message's own words (caption, file name, text): what the list shows beside its kind's
     * label, and what search reads. Rows from before the kind was kept hold an English summary instead.
     */
    lastMessagePreview: text("last_message_preview"),
    /** What the last message is (lib/whatsapp/inbound.ts PREVIEW_KINDS), worded in the reader's language; null on older rows. */
    lastMessagePreviewKind: text("last_message_preview_kind"),
    lastMessageDirection: text("last_message_direction"),
    /** The last message's arrival order (`messages.seq`): orders conversations whose last messages share a time. */
    lastMessageSeq: bigint("last_message_seq", { mode: "number" }).notNull().default(0),
    unreadCount: integer("unread_count").notNull().default(0),
    /** A click-to-WhatsApp ad opens a 72-hour free entry point. */
    referralExpiresAt: timestamp("referral_expires_at", { withTimezone: true }),
    /**
     * Snoozed: out of the open list until `snoozedUntil`, or until the customer writes (an inbound message
     * after `snoozedAt`). `snoozeEndedAt` marks a conversation that came back, until someone opens or answers it.
     */
    snoozedUntil: timestamp("snoozed_until", { withTimezone: true }),
    snoozedAt: timestamp("snoozed_at", { withTimezone: true }),
    snoozedById: uuid("snoozed_by_id").references(() => users.id, { onDelete: "set null" }),
    snoozeEndedAt: timestamp("snooze_ended_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("conversations_number_customer_key").on(table.phoneNumberId, table.waId),
    // A customer's conversations on every number: a search that finds the customer, a contact's page and deletion.
    index("conversations_wa_id_idx").on(table.waId),
    index("conversations_last_message_idx").on(table.lastMessageAt.desc(), table.lastMessageSeq.desc(), table.id.desc()),
    index("conversations_snoozed_until_idx").on(table.snoozedUntil).where(sql`${table.snoozedUntil} is not null`),
  ],
);

/** Labels on conversations (contact tags are another thing): a name, unique whatever its case, and a colour. */
export const conversationLabels = pgTable(
  "conversation_labels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** A colour of lib/contacts/tag-colors.ts's palette. */
    color: text("color").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex("conversation_labels_name_key").on(sql`lower(${table.name})`)],
);

export const conversationLabelLinks = pgTable(
  "conversation_label_links",
  {
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    labelId: uuid("label_id")
      .notNull()
      .references(() => conversationLabels.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.conversationId, table.labelId] }), index("conversation_label_links_label_idx").on(table.labelId)],
);

/**
 * Canned responses: the team's library (`ownerId` null; marketers and admins manage it) and each user's
 * own. Text with WhatsApp formatting and variables (`{{contact.name}}`, `{{agent.name}}`, attributes),
 * optionally a media file of the library. A shortcut is unique, whatever its case, within its library.
 */
export const cannedResponses = pgTable(
  "canned_responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "cascade" }),
    shortcut: text("shortcut").notNull(),
    body: text("body").notNull(),
    mediaId: text("media_id").references(() => media.id, { onDelete: "set null" }),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("canned_responses_shortcut_key").on(sql`coalesce(${table.ownerId}, '00000000-0000-0000-0000-000000000000'::uuid)`, sql`lower(${table.shortcut})`),
  ],
);

/**
 * What a user is told: a mention in a private note, a conversation assigned to them by someone else.
 * Published live to that user only (`notification.created` with `userId`); read when they open it.
 */
export const NOTIFICATION_KINDS = ["mention", "assignment"] as const;
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (table) => [index("notifications_user_idx").on(table.userId, table.createdAt.desc())],
);

/**
 * Auto-assignment of a business number's new conversations, round-robin among the chosen agents who are
 * available; `lastAssignedUserId` is where the turn stands (the row is locked while a turn is taken).
 */
export const autoAssignment = pgTable("auto_assignment", {
  phoneNumberId: text("phone_number_id")
    .primaryKey()
    .references(() => phoneNumbers.id, { onDelete: "cascade" }),
  enabled: boolean("enabled").notNull().default(false),
  lastAssignedUserId: uuid("last_assigned_user_id").references(() => users.id, { onDelete: "set null" }),
  updatedById: uuid("updated_by_id").references(() => users.id, { onDelete: "set null" }),
  updatedAt: updatedAt(),
});

export const autoAssignmentAgents = pgTable(
  "auto_assignment_agents",
  {
    phoneNumberId: text("phone_number_id")
      .notNull()
      .references(() => autoAssignment.phoneNumberId, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.phoneNumberId, table.userId] })],
);

/** A weekday's opening hours, "HH:MM" in the schedule's time zone; `to` after `from` (an interval past midnight is two). */
export interface OpeningInterval {
  from: string;
  to: string;
}

/**
 * A business number's hours and automatic messages: a weekly schedule (ISO weekday 1 = Monday … 7) in an
 * IANA time zone, holidays (whole days, "YYYY-MM-DD" there), the away message sent once per conversation
 * per closed period, and the welcome message on a customer's first message ever. Each can be switched off.
 */
export const businessHours = pgTable("business_hours", {
  phoneNumberId: text("phone_number_id")
    .primaryKey()
    .references(() => phoneNumbers.id, { onDelete: "cascade" }),
  timeZone: text("time_zone").notNull(),
  weekly: jsonb("weekly").$type<Record<"1" | "2" | "3" | "4" | "5" | "6" | "7", OpeningInterval[]>>().notNull(),
  holidays: jsonb("holidays").$type<string[]>().notNull().default([]),
  awayEnabled: boolean("away_enabled").notNull().default(false),
  awayText: text("away_text").notNull().default(""),
  welcomeEnabled: boolean("welcome_enabled").notNull().default(false),
  welcomeText: text("welcome_text").notNull().default(""),
  updatedById: uuid("updated_by_id").references(() => users.id, { onDelete: "set null" }),
  updatedAt: updatedAt(),
});

export const messageDirection = pgEnum("message_direction", ["inbound", "outbound"]);
export const MESSAGE_STATUSES = ["pending", "sent", "delivered", "read", "failed"] as const;
export const messageStatus = pgEnum("message_status", MESSAGE_STATUSES);

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /**
     * Arrival order: breaks ties between messages of the same second (WhatsApp's timestamps have
     * whole seconds), so a customer's quick burst shows in the order it was written.
     */
    seq: bigint("seq", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id),
    /** WhatsApp's id; null only while an outbound message awaits the gateway's answer. */
    wamid: text("wamid"),
    direction: messageDirection("direction").notNull(),
    type: text("type").notNull(),
    /** The type's object as WhatsApp shapes it (text, image, interactive, …). */
    content: jsonb("content").$type<Record<string, unknown>>().notNull(),
    /** When the message was written: WhatsApp's timestamp for inbound, the send time for outbound. */
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
    /** Outbound delivery state; null for inbound messages. */
    status: messageStatus("status"),
    statusAt: timestamp("status_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    readAt: timestamp("read_at", { withTimezone: true }),
    errorCode: integer("error_code"),
    errorTitle: text("error_title"),
    errorDetails: text("error_details"),
    senderId: uuid("sender_id").references(() => users.id, { onDelete: "set null" }),
    /** The wamid this message replies to (WhatsApp's `context.id`). */
    replyToWamid: text("reply_to_wamid"),
    clientKey: text("client_key"),
    /**
     * Set for outbound messages no one wrote here: "business_app" (echoes of the WhatsApp Business app),
     * "away_message" and "welcome_message" (sent automatically, lib/inbox/auto-messages.ts). A private note
     * is `type` "note" (direction outbound, no wamid, never sent): only the team sees it.
     */
    origin: text("origin"),
    /** The customer edited the message: `content` is the latest version, `revisions` the earlier ones. */
    editedAt: timestamp("edited_at", { withTimezone: true }),
    /** The customer deleted the message; its content is kept for the team's record. */
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revisions: jsonb("revisions").$type<Array<{ wamid: string; at: string; content: Record<string, unknown> }>>(),
    /** What the message cost, from its statuses: `{ category, type, billable, pricingModel }`. */
    pricing: jsonb("pricing").$type<{ category?: string; type?: string; billable?: boolean; pricingModel?: string }>(),
    /**
     * Outbound templates only: when the customer first wrote in the conversation within 24 hours after
     * the send (system messages do not count). Kept by the analytics trigger of migration 0021 (and
     * `analytics_rebuild()`), so a template report reads it instead of looking for a reply per send.
     */
    repliedAt: timestamp("replied_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("messages_wamid_key").on(table.wamid),
    // Only sends carry a client key: inbound messages (most rows) stay out of this index.
    uniqueIndex("messages_client_key").on(table.clientKey).where(sql`${table.clientKey} is not null`),
    index("messages_conversation_sent_idx").on(table.conversationId, table.sentAt.desc(), table.seq.desc()),
    // Analytics of templates: the template sends of a period, without reading every message.
    index("messages_template_sent_idx").on(table.sentAt).where(sql`${table.type} = 'template'`),
  ],
);

/**
 * The words of a conversation's messages (text, captions, button replies, notes), one document per
 * conversation: a search finds conversations, so it reads 100,000 documents rather than 5,000,000
 * messages. Kept by triggers on `messages` (migration 0022): a message adds its words; a deletion
 * rebuilds the documents it touched.
 */
export const conversationSearchDocuments = pgTable(
  "conversation_search_documents",
  {
    conversationId: uuid("conversation_id")
      .primaryKey()
      .references(() => conversations.id, { onDelete: "cascade" }),
    document: tsvector("document").notNull(),
  },
  (table) => [index("conversation_search_documents_idx").using("gin", table.document)],
);

/**
 * Every status WhatsApp reported, kept even when its message is not known yet (a status can
 * arrive before the send's answer is stored); the message row holds the furthest one.
 */
export const messageStatusEvents = pgTable(
  "message_status_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    wamid: text("wamid").notNull(),
    status: text("status").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    recipientId: text("recipient_id"),
    errors: jsonb("errors").$type<unknown[]>(),
    pricingCategory: text("pricing_category"),
    pricing: jsonb("pricing").$type<Record<string, unknown>>(),
  },
  (table) => [uniqueIndex("message_status_events_key").on(table.wamid, table.status, table.at)],
);

/** Every webhook delivery, stored raw before it is processed, so none is lost and any can be replayed. */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    body: text("body").notNull(),
    /** How the delivery was authenticated: "signature" or "token". */
    authenticatedBy: text("authenticated_by").notNull(),
    /** The WABA of the delivery's first entry, to show each account's last delivery. */
    wabaId: text("waba_id"),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    error: text("error"),
    summary: jsonb("summary").$type<Record<string, number>>(),
    /** Items of the delivery that were not applied, each with where and why; replay once fixed. */
    problems: jsonb("problems").$type<Array<{ at: string; problem: string }>>(),
    /** How many items need attention (`problems`), kept as a number for the count and the filter. */
    attention: integer("attention").notNull().default(0),
  },
  (table) => [
    index("webhook_events_waba_idx").on(table.wabaId, table.id.desc()),
    // Deliveries that need attention: few, looked up by the settings page and the inbox banner.
    index("webhook_events_attention_idx").on(table.id.desc()).where(sql`${table.error} is not null or ${table.attention} > 0`),
  ],
);

/** The account's templates, mirrored from the gateway. */
export const templates = pgTable(
  "templates",
  {
    id: text("id").primaryKey(),
    wabaId: text("waba_id").notNull(),
    name: text("name").notNull(),
    language: text("language").notNull(),
    category: text("category").notNull(),
    status: text("status").notNull(),
    components: jsonb("components").$type<unknown[]>().notNull(),
    qualityScore: text("quality_score"),
    rejectedReason: text("rejected_reason"),
    previousCategory: text("previous_category"),
    /** "NAMED" ({{first_name}}) or "POSITIONAL" ({{1}}), as Graph lists it; null when Graph did not say. */
    parameterFormat: text("parameter_format"),
    syncedAt: timestamp("synced_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex("templates_waba_name_language_key").on(table.wabaId, table.name, table.language)],
);

/** What changed, for browsers listening on /api/events; the id lets a reconnect catch up. */
export const liveEvents = pgTable(
  "live_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
  },
  (table) => [index("live_events_at_idx").on(table.at)],
);

/**
 * Media uploaded through the dashboard (the Cloud API cannot list media); bytes live on disk
 * under MEDIA_DIR by sha256, only this metadata in the database.
 */
export const media = pgTable(
  "media",
  {
    id: text("id").primaryKey(),
    phoneNumberId: text("phone_number_id").notNull(),
    kind: text("kind").notNull(),
    mimeType: text("mime_type").notNull(),
    fileName: text("file_name").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    uploaderId: uuid("uploader_id").references(() => users.id, { onDelete: "set null" }),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (table) => [
    index("media_phone_number_idx").on(table.phoneNumberId, table.uploadedAt.desc()),
    index("media_sha256_idx").on(table.phoneNumberId, table.sha256),
  ],
);

export type Conversation = typeof conversations.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export type WebhookEvent = typeof webhookEvents.$inferSelect;
export type Template = typeof templates.$inferSelect;
export type PhoneNumber = typeof phoneNumbers.$inferSelect;
export type Contact = typeof contacts.$inferSelect;
export type ContactConsent = (typeof CONTACT_CONSENTS)[number];
export type ContactAttributeType = (typeof CONTACT_ATTRIBUTE_TYPES)[number];
export type ContactAttributeDefinition = typeof contactAttributeDefinitions.$inferSelect;
export type ContactImport = typeof contactImports.$inferSelect;
export type ContactImportStatus = (typeof CONTACT_IMPORT_STATUSES)[number];
export type Segment = typeof segments.$inferSelect;
export type LiveEvent = typeof liveEvents.$inferSelect;
export type Waba = typeof wabas.$inferSelect;
export type Connection = typeof connections.$inferSelect;
export type Media = typeof media.$inferSelect;

/** Named running totals, e.g. webhook deliveries refused for a bad signature (nothing else of them is kept). */
export const counters = pgTable("counters", {
  name: text("name").primaryKey(),
  value: bigint("value", { mode: "number" }).notNull().default(0),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Settings the dashboard generates and keeps itself, such as the webhook callback token. */
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Maton's request budget of each account, one row shared by every dashboard instance: the times of
 * the last grants (the database's clock) and, per priority, until when some instance has a call waiting.
 */
export const gatewayBudget = pgTable("gateway_budget", {
  /** SHA-256 of the Maton API key: the account, never the key itself. */
  account: text("account").primaryKey(),
  /** The last grants, oldest first, at most the budget's size. */
  grants: timestamp("grants", { withTimezone: true, mode: "string" }).array().notNull().default(sql`'{}'`),
  /** Index 1 = interactive … 4 = background: a waiting call of that priority holds back less urgent ones until then. */
  wantedUntil: timestamp("wanted_until", { withTimezone: true, mode: "string" }).array().notNull().default(sql`'{}'`),
  /** Who took the last grant: how a caller learns that its own attempt was the one granted. */
  lastGrantId: text("last_grant_id"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Personal API tokens. Only a hash of the token is kept; it is shown once, at creation. A token acts
 * as its user with that user's role: a disabled user's tokens stop working with the user.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The token's first characters, shown to tell tokens apart (the rest is never kept). */
    prefix: text("prefix").notNull(),
    /** SHA-256 of the whole token, hex: a token is found by its hash. */
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    /** Null: does not expire. */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id, { onDelete: "set null" }),
  },
  (table) => [uniqueIndex("api_tokens_token_hash_key").on(table.tokenHash), index("api_tokens_user_idx").on(table.userId)],
);

/**
 * The first answer to each `Idempotency-Key` a user's API calls carried: the same key answers the
 * same again and never sends twice. `status` is null while the first call is still being answered.
 */
export const apiIdempotencyKeys = pgTable(
  "api_idempotency_keys",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** Method, path and a hash of the body: the same key on another request is refused. */
    requestHash: text("request_hash").notNull(),
    status: integer("status"),
    body: jsonb("body"),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.key] }), index("api_idempotency_keys_created_idx").on(table.createdAt)],
);

/** Requests of each API token per window, shared by every dashboard instance: the per-token rate limit. */
export const apiRateWindows = pgTable(
  "api_rate_windows",
  {
    tokenId: uuid("token_id")
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.tokenId, table.windowStart] })],
);

export type ApiToken = typeof apiTokens.$inferSelect;

/**
 * Admins' outbound webhook endpoints: where events are sent, which ones, and the secret they are
 * signed with (Standard Webhooks). A rotated secret keeps signing beside the new one until
 * `previousSecretExpiresAt`, so receivers can switch without missing a delivery.
 */
export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: uuid("id").primaryKey().defaultRandom(),
  url: text("url").notNull(),
  description: text("description").notNull().default(""),
  /** The event types sent to it (`message.received`, `message.status`, …). */
  events: text("events").array().notNull(),
  /**
   * `whsec_…`: kept as it is, since signing (HMAC) needs the secret itself, not a hash of it; shown
   * once, when created or rotated, and never written to the audit log.
   */
  secret: text("secret").notNull(),
  previousSecret: text("previous_secret"),
  previousSecretExpiresAt: timestamp("previous_secret_expires_at", { withTimezone: true }),
  enabled: boolean("enabled").notNull().default(true),
  disabledAt: timestamp("disabled_at", { withTimezone: true }),
  /** Why it stopped: "failing" (for 24 hours) or "admin". */
  disabledReason: text("disabled_reason"),
  /** Since when every delivery to it has failed; null once one succeeds. */
  failingSince: timestamp("failing_since", { withTimezone: true }),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Each event once, with the payload every endpoint subscribed to it receives. */
export const outboundEvents = pgTable(
  "outbound_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (table) => [index("outbound_events_created_idx").on(table.createdAt)],
);

/**
 * One event to one endpoint, and how far it got. The fan-out makes at most one per event and
 * endpoint; a replay is another row of the same event (`replayOf`), sent with the same `webhook-id`
 * (the event's id). A worker holds the row while it attempts it (`leasedUntil`), so no other one
 * sends it meanwhile.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventId: text("event_id")
      .notNull()
      .references(() => outboundEvents.id, { onDelete: "cascade" }),
    eventType: text("event_type").notNull(),
    /** The delivery an admin replayed; null for the fan-out's own. */
    replayOf: text("replay_of"),
    /** pending (first attempt or a retry to come), succeeded, failed (gave up or endpoint disabled). */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    /** Retries stop 24 hours after this. */
    firstAttemptAt: timestamp("first_attempt_at", { withTimezone: true }),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    /** Set while a worker attempts it; a worker that died lets go when it passes. */
    leasedUntil: timestamp("leased_until", { withTimezone: true }),
    lastResponseStatus: integer("last_response_status"),
    lastResponseMs: integer("last_response_ms"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    succeededAt: timestamp("succeeded_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("webhook_deliveries_endpoint_event_key").on(table.endpointId, table.eventId).where(sql`${table.replayOf} is null`),
    index("webhook_deliveries_endpoint_created_idx").on(table.endpointId, table.createdAt),
    index("webhook_deliveries_pending_idx").on(table.status, table.nextAttemptAt),
  ],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type OutboundEvent = typeof outboundEvents.$inferSelect;

/** Which contacts an import created or updated (a campaign's audience can be "the contacts of this file"). */
export const contactImportContacts = pgTable(
  "contact_import_contacts",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => contactImports.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.importId, table.contactId] })],
);

export const campaignStatus = pgEnum("campaign_status", CAMPAIGN_STATUSES);

/**
 * A template broadcast from one business number to an audience. The template is named as it was
 * chosen (its id, name, language and category kept, so a later edit of the account's templates does
 * not change what a campaign sent); the audience and the variables' mapping are what the marketer
 * built (lib/campaigns/ shapes them); the estimate is the one shown when it started.
 */
export const campaigns = pgTable(
  "campaigns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    phoneNumberId: text("phone_number_id")
      .notNull()
      .references(() => phoneNumbers.id),
    templateId: text("template_id"),
    templateName: text("template_name").notNull(),
    templateLanguage: text("template_language").notNull(),
    templateCategory: text("template_category").notNull(),
    /** Who it goes to: `{ kind: "segment", segmentId }`, `{ kind: "tags", tagIds }` or `{ kind: "import", importId }`. */
    audience: jsonb("audience").$type<Record<string, unknown>>().notNull(),
    /** Each variable's (and the header media's) source: a contact field, an attribute or a fixed value, with a fallback. */
    mapping: jsonb("mapping").$type<Record<string, unknown>>().notNull().default({}),
    status: campaignStatus("status").notNull().default("draft"),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }),
    /** The time zone the schedule was written in (shown beside the reader's own). */
    timeZone: text("time_zone"),
    /** The estimate when it started: recipients and cost by category and country, from the price table. */
    estimate: jsonb("estimate").$type<Record<string, unknown>>(),
    error: text("error"),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    pausedAt: timestamp("paused_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("campaigns_created_idx").on(table.createdAt.desc()), index("campaigns_status_idx").on(table.status)],
);


/**
 * One recipient of a campaign, fixed when it starts: eligible ones wait as "pending" with their
 * variables filled in; the others are "skipped" with the reason. Each send carries `clientKey`, the same
 * for every attempt, so a recipient is sent to once whatever crashes or retries; a claim (`claimedUntil`)
 * lets one worker of one instance send it at a time.
 */
export const campaignRecipients = pgTable(
  "campaign_recipients",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    /** Null once the contact was deleted (a privacy request): the row's counts stay, its person goes. */
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    /** The number sent to, digits only (null when skipped for want of one, or once deleted). */
    phoneNumber: text("phone_number"),
    /** ISO country of the number (for costs). */
    country: text("country"),
    status: text("status", { enum: CAMPAIGN_RECIPIENT_STATUSES }).notNull(),
    /** Why it was skipped (lib/campaigns/ SKIP_REASONS). */
    skipReason: text("skip_reason"),
    /** The template's values for this recipient (lib/whatsapp/template-fill.ts TemplateValues). */
    values: jsonb("values").$type<Record<string, unknown>>(),
    clientKey: text("client_key").notNull(),
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "set null" }),
    conversationId: uuid("conversation_id").references(() => conversations.id, { onDelete: "set null" }),
    attempts: integer("attempts").notNull().default(0),
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    errorCode: integer("error_code"),
    errorTitle: text("error_title"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    readAt: timestamp("read_at", { withTimezone: true }),
    repliedAt: timestamp("replied_at", { withTimezone: true }),
    failedAt: timestamp("failed_at", { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("campaign_recipients_contact_key").on(table.campaignId, table.contactId),
    uniqueIndex("campaign_recipients_client_key").on(table.clientKey),
    index("campaign_recipients_status_idx").on(table.campaignId, table.status, table.id),
    index("campaign_recipients_message_idx").on(table.messageId).where(sql`${table.messageId} is not null`),
    index("campaign_recipients_conversation_idx").on(table.conversationId).where(sql`${table.conversationId} is not null`),
  ],
);

/** What a message costs, per country and category, as admins keep it (Settings › Pricing). */
export const priceRates = pgTable(
  "price_rates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** ISO 3166 alpha-2 country of the recipient's number. */
    country: text("country").notNull(),
    /** marketing, utility, authentication, authentication_international, service (per-message pricing categories). */
    category: text("category").notNull(),
    currency: text("currency").notNull(),
    /** Per message, in `currency`; null: known to exist but not known yet ("unknown", never guessed). */
    amount: numeric("amount", { precision: 12, scale: 6 }),
    /** Where the rate comes from (Meta's rate card, an invoice) and as of when. */
    source: text("source").notNull().default(""),
    effectiveOn: date("effective_on", { mode: "string" }),
    updatedById: uuid("updated_by_id").references(() => users.id, { onDelete: "set null" }),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex("price_rates_country_category_key").on(table.country, table.category)],
);

export type Campaign = typeof campaigns.$inferSelect;
export type CampaignRecipient = typeof campaignRecipients.$inferSelect;
export type PriceRate = typeof priceRates.$inferSelect;

/*
 * Analytics. Four tables kept by triggers (migration 0021) as messages and conversations change, so a
 * report reads a few thousand rows, never every message: whatever writes a message or moves a
 * conversation (ingest, sends, campaigns, automatic messages, imports) keeps them right without
 * knowing of them. `analytics_rebuild()` recomputes them all from the messages (after a bulk load).
 */

/**
 * Messages per UTC hour, business number, direction and agent (the sender of an outbound message; the
 * conversation's assignee when an inbound one arrived). Notes are not messages here. Past assignees are
 * not recorded: after `analytics_rebuild()`, inbound rows name the conversation's assignee at the rebuild.
 */
export const analyticsMessageHours = pgTable(
  "analytics_message_hours",
  {
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    phoneNumberId: text("phone_number_id").notNull(),
    direction: messageDirection("direction").notNull(),
    agentId: uuid("agent_id"),
    messages: integer("messages").notNull().default(0),
  },
  (table) => [
    unique("analytics_message_hours_key").on(table.hour, table.phoneNumberId, table.direction, table.agentId).nullsNotDistinct(),
    index("analytics_message_hours_agent_idx").on(table.agentId, table.hour),
  ],
);

/**
 * Messages WhatsApp priced, per UTC hour of sending, business number, pricing category and type, and
 * the customer's country (the SQL function `analytics_country(wa_id)`). `charged`: billable, of the regular type (the
 * rule lib/campaigns/costs.ts applies too); the free ones (service, free entry point, utility inside
 * the window) are what was saved.
 */
export const analyticsCostHours = pgTable(
  "analytics_cost_hours",
  {
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    phoneNumberId: text("phone_number_id").notNull(),
    category: text("category").notNull(),
    pricingType: text("pricing_type"),
    charged: boolean("charged").notNull(),
    country: text("country"),
    messages: integer("messages").notNull().default(0),
  },
  (table) => [
    unique("analytics_cost_hours_key")
      .on(table.hour, table.phoneNumberId, table.category, table.pricingType, table.charged, table.country)
      .nullsNotDistinct(),
  ],
);

/**
 * One stretch of a conversation from the customer writing while it was resolved (or new) to its
 * resolution: what first response and resolution times measure. `agentId` is the assignee while it is
 * open (the first responder when nobody was assigned); `resolvedAt` null while it is open.
 */
export const conversationEpisodes = pgTable(
  "conversation_episodes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    phoneNumberId: text("phone_number_id").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
    firstResponseAt: timestamp("first_response_at", { withTimezone: true }),
    firstResponderId: uuid("first_responder_id"),
    agentId: uuid("agent_id"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("conversation_episodes_open_key").on(table.conversationId).where(sql`${table.resolvedAt} is null`),
    index("conversation_episodes_opened_idx").on(table.openedAt),
    index("conversation_episodes_resolved_idx").on(table.resolvedAt).where(sql`${table.resolvedAt} is not null`),
    index("conversation_episodes_response_idx").on(table.firstResponseAt).where(sql`${table.firstResponseAt} is not null`),
  ],
);

/**
 * Each time a customer waits for us: from their first message we had not answered to our first reply
 * sent (`answeredAt`), or to the conversation's resolution without one (`closedAt`). The window closes
 * 24 hours after `lastInboundAt`: a wait neither answered nor closed by then is a missed window.
 */
export const customerWaits = pgTable(
  "customer_waits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    phoneNumberId: text("phone_number_id").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }).notNull(),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    answeredById: uuid("answered_by_id"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    agentId: uuid("agent_id"),
  },
  (table) => [
    uniqueIndex("customer_waits_open_key").on(table.conversationId).where(sql`${table.answeredAt} is null and ${table.closedAt} is null`),
    index("customer_waits_conversation_idx").on(table.conversationId, table.startedAt),
    index("customer_waits_started_idx").on(table.startedAt),
    index("customer_waits_answered_idx").on(table.answeredAt).where(sql`${table.answeredAt} is not null`),
    index("customer_waits_last_inbound_idx").on(table.lastInboundAt),
  ],
);

export type ConversationEpisode = typeof conversationEpisodes.$inferSelect;
export type CustomerWait = typeof customerWaits.$inferSelect;
