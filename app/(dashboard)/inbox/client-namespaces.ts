import type { Namespace } from "@/lib/i18n/messages";

/**
 * What the inbox's frame says on every inbox page: its header and shortcuts, the conversation list
 * (filters, rows, previews, the 24-hour dot, snooze and label marks) and its bulk actions. The
 * inbox layout hands these out, so `/inbox` carries no more than its first paint and the list's own
 * controls use.
 */
export const INBOX_FRAME_NAMESPACES = [
  "inbox.title",
  "inbox.shell",
  "inbox.shortcuts",
  "inbox.list",
  "inbox.row",
  "inbox.preview",
  "inbox.errors",
  "inbox.window",
  "snooze.list",
  "labels.list",
  "labels.bulk",
  "labels.checklist",
] as const satisfies readonly Namespace[];

/**
 * What an open conversation says: the pane, its timeline and composer, templates, uploads, gateway
 * errors, the customer's record, notes, labels, snooze and canned responses. The conversation page
 * hands these out with the pane, so only a page showing a conversation carries them.
 */
export const CONVERSATION_NAMESPACES = [
  "inbox",
  "conversation",
  "templates",
  "media",
  "gateway",
  "contacts.record",
  "contacts.panel",
  "notes.composer",
  "notes.mentions",
  "notes.timeline",
  "notes.export",
  "labels.checklist",
  "labels.picker",
  "labels.list",
  "labels.bulk",
  "snooze",
  "cannedResponses.picker",
] as const satisfies readonly Namespace[];
