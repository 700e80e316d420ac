/** What the inbox's route handlers answer, as JSON (dates as ISO strings). */
export type MessageStatus = "pending" | "sent" | "delivered" | "read" | "failed";

export interface ConversationSummary {
  id: string;
  phoneNumberId: string;
  waId: string;
  customerName: string | null;
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

export interface ConversationView {
  id: string;
  status: "open" | "resolved";
  waId: string;
  customerName: string | null;
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
  /** Set on optimistic messages shown before the server answered. */
  optimistic?: boolean;
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
