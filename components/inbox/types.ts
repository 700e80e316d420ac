/** What the inbox's route handlers answer, as JSON (dates as ISO strings). */
import type { CustomerIdentity } from "@/lib/inbox/customer-label";

export type MessageStatus = "pending" | "sent" | "delivered" | "read" | "failed";

/** Who the customer is (number, user id, username; `waId` is only the key): see `lib/inbox/customer-label`. */
export type { CustomerIdentity };

export interface ConversationSummary extends CustomerIdentity {
  id: string;
  phoneNumberId: string;
  status: "open" | "resolved";
  assigneeId: string | null;
  assigneeName: string | null;
  lastInboundAt: string | null;
  lastMessageAt: string | null;
  lastMessagePreview: string | null;
  lastMessageDirection: string | null;
  unreadCount: number;
}

export interface ConversationListPage {
  conversations: ConversationSummary[];
  nextCursor: string | null;
}

export interface ConversationView extends CustomerIdentity {
  id: string;
  status: "open" | "resolved";
  /** The customer's last word on marketing messages: "stop" or "resume"; null when never said. */
  marketingPreference: string | null;
  marketingPreferenceAt: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  lastInboundAt: string | null;
  lastMessageAt: string | null;
  unreadCount: number;
  referralExpiresAt: string | null;
  createdAt: string;
  phoneNumber: { id: string; wabaId: string; connectionId: string | null; displayPhoneNumber: string | null; verifiedName: string | null };
  customer: {
    firstContactAt: string | null;
    conversations: { total: number; open: number; resolved: number };
    messages: { inbound: number; outbound: number };
    recentInboundAt: string[];
  };
}

export interface InboxMessage {
  id: string;
  conversationId: string;
  wamid: string | null;
  direction: "inbound" | "outbound";
  type: string;
  content: Record<string, unknown>;
  sentAt: string;
  status: MessageStatus | null;
  statusAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  errorCode: number | null;
  errorTitle: string | null;
  errorDetails: string | null;
  senderId: string | null;
  replyToWamid: string | null;
  clientKey: string | null;
  /** "business_app" for echoes of what the business sent from the WhatsApp Business app; null from here. */
  origin: string | null;
  /** The customer edited it: `content` is the latest version, `revisions` the earlier ones. */
  editedAt: string | null;
  /** The customer deleted it; `content` is kept for the team's record. */
  revokedAt: string | null;
  /** Each earlier version, with when it was replaced (an edit) or deleted (a revoke). */
  revisions: MessageRevision[] | null;
  /** What it cost, from its statuses (per-message pricing). */
  pricing: MessagePricing | null;
  /** Set on optimistic messages shown before the server answered. */
  optimistic?: boolean;
}

export interface MessageRevision {
  wamid: string;
  at: string;
  content: Record<string, unknown>;
}

export interface MessagePricing {
  category?: string;
  type?: string;
  billable?: boolean;
  pricingModel?: string;
}

export interface MessageListPage {
  messages: InboxMessage[];
  quoted: InboxMessage[];
  nextCursor: string | null;
}

export interface InboxAgent {
  id: string;
  name: string;
  email: string;
}

export interface InboxPhoneNumber {
  id: string;
  displayPhoneNumber: string | null;
  verifiedName: string | null;
}

export interface InboxMedia {
  id: string;
  kind: string;
  mimeType: string;
  fileName: string;
  size: number;
}
