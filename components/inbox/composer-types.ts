import type { ComposedMessage } from "@/lib/actions/inbox.schema";
import type { InboxMessage } from "@/lib/inbox/views";

/** Hands a composed message to the conversation's send; resolves false when it was not sent (the draft is kept). */
export type SendComposed = (message: ComposedMessage, options?: { replyTo?: InboxMessage | null; clientKey?: string }) => Promise<boolean>;

/** The kinds of message the composer's attach menu opens a dialog for. */
export type AttachKind = "media" | "location" | "contact" | "buttons" | "list" | "link_button" | "location_request";
