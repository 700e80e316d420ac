/** Every TanStack Query key of the app, in one place, so live events invalidate exactly what they change. */
export interface ConversationListKeyFilters {
  assignee: string;
  status: string;
  window: string;
  q: string;
  number: string;
}

export const queryKeys = {
  inbox: {
    all: ["inbox"] as const,
    conversationLists: () => ["inbox", "conversations"] as const,
    conversationList: (filters: ConversationListKeyFilters) => ["inbox", "conversations", filters] as const,
    conversation: (conversationId: string) => ["inbox", "conversation", conversationId] as const,
    messages: (conversationId: string) => ["inbox", "messages", conversationId] as const,
    templates: (conversationId: string) => ["inbox", "templates", conversationId] as const,
    agents: () => ["inbox", "agents"] as const,
    phoneNumbers: () => ["inbox", "phone-numbers"] as const,
    media: (phoneNumberId: string) => ["inbox", "media", phoneNumberId] as const,
  },
  templates: {
    all: ["templates"] as const,
    /** One WABA's templates (filters apply in the browser; "" is the user's default WABA). */
    list: (wabaId: string) => ["templates", "list", wabaId] as const,
  },
} as const;
