/** Every TanStack Query key of the app, in one place, so live events invalidate exactly what they change. */
export interface ConversationListKeyFilters {
  assignee: string;
  status: string;
  window: string;
  q: string;
  number: string;
  label: string;
}

export const queryKeys = {
  inbox: {
    all: ["inbox"] as const,
    conversationLists: () => ["inbox", "conversations"] as const,
    conversationList: (filters: ConversationListKeyFilters) => ["inbox", "conversations", filters] as const,
    /** Every conversation's details (a prefix of `conversation`). */
    allConversationDetails: () => ["inbox", "conversation"] as const,
    conversation: (conversationId: string) => ["inbox", "conversation", conversationId] as const,
    /** Every conversation's messages (a prefix of `messages`). */
    allMessages: () => ["inbox", "messages"] as const,
    messages: (conversationId: string) => ["inbox", "messages", conversationId] as const,
    /** Every conversation's sendable templates (a prefix of `templates`). */
    allTemplates: () => ["inbox", "templates"] as const,
    templates: (conversationId: string) => ["inbox", "templates", conversationId] as const,
    agents: () => ["inbox", "agents"] as const,
    phoneNumbers: () => ["inbox", "phone-numbers"] as const,
    media: (phoneNumberId: string) => ["inbox", "media", phoneNumberId] as const,
    /** The conversation labels' catalogue. */
    labels: () => ["inbox", "labels"] as const,
    /** Counts the inbox shows beside its views (unread, expiring soon), for the reader's scope. */
    counts: () => ["inbox", "counts"] as const,
    /** Canned responses the reader may use (team and personal). */
    cannedResponses: () => ["inbox", "canned-responses"] as const,
  },
  notifications: {
    all: ["notifications"] as const,
  },
  /** Business hours, automatic messages and auto-assignment, per business number (Settings › Inbox). */
  inboxSettings: {
    all: ["inbox-settings"] as const,
    ofNumber: (phoneNumberId: string) => ["inbox-settings", phoneNumberId] as const,
  },
  account: {
    /** The signed-in user's availability and notification preferences. */
    presence: () => ["account", "presence"] as const,
  },
  phoneNumbers: {
    all: ["phone-numbers"] as const,
    /** The account's numbers with the user's chosen one (profile page). */
    list: () => ["phone-numbers", "list"] as const,
    /** The user's chosen number alone (the inbox's default filter). */
    selected: () => ["phone-numbers", "selected"] as const,
  },
  profile: {
    all: ["profile"] as const,
    business: (phoneNumberId: string) => ["profile", "business", phoneNumberId] as const,
  },
  templates: {
    all: ["templates"] as const,
    /** One WABA's templates (filters apply in the browser; "" is the user's default WABA). */
    list: (wabaId: string) => ["templates", "list", wabaId] as const,
  },
  media: {
    all: ["media"] as const,
    /** A number's uploads (filters apply in the browser). */
    library: (phoneNumberId: string) => ["media", "library", phoneNumberId] as const,
    /** Every number's media from customers (a prefix of `inbound`). */
    allInbound: () => ["media", "inbound"] as const,
    /** Media customers sent to a number. */
    inbound: (phoneNumberId: string) => ["media", "inbound", phoneNumberId] as const,
    /** A number's recent conversations matching `q`, to send a file to. */
    conversationChoices: (phoneNumberId: string, q: string) => ["media", "conversation-choices", phoneNumberId, q] as const,
  },
  connections: {
    all: ["connections"] as const,
    /** The linked connections with their accounts and numbers (the Connections page). */
    overview: () => ["connections", "overview"] as const,
    /** The gateway and control plane's reachability. */
    health: () => ["connections", "health"] as const,
    /** One pending connection asked about until it turns ACTIVE or FAILED. */
    poll: (connectionId: string) => ["connections", "poll", connectionId] as const,
  },
  contacts: {
    all: ["contacts"] as const,
    /** Every page, filter and sort of the contact list (a prefix of `list`). */
    lists: () => ["contacts", "list"] as const,
    list: (params: object) => ["contacts", "list", params] as const,
    /** Live counts of filters being built (segments, bulk actions). */
    counts: () => ["contacts", "count"] as const,
    count: (filter: object) => ["contacts", "count", filter] as const,
    /** Every contact's record (a prefix of `detail`). */
    allDetails: () => ["contacts", "detail"] as const,
    detail: (contactId: string) => ["contacts", "detail", contactId] as const,
    tags: () => ["contacts", "tags"] as const,
    attributes: () => ["contacts", "attributes"] as const,
    segments: () => ["contacts", "segments"] as const,
    /** Every import (a prefix of `import`). */
    imports: () => ["contacts", "imports"] as const,
    import: (importId: string) => ["contacts", "imports", importId] as const,
  },
  campaigns: {
    all: ["campaigns"] as const,
    /** Every filter of the campaign list (a prefix of `list`). */
    lists: () => ["campaigns", "list"] as const,
    list: (filters: object) => ["campaigns", "list", filters] as const,
    /** Every campaign's own queries (a prefix of all below). */
    allOf: (campaignId: string) => ["campaigns", "campaign", campaignId] as const,
    detail: (campaignId: string) => ["campaigns", "campaign", campaignId, "detail"] as const,
    plan: (campaignId: string) => ["campaigns", "campaign", campaignId, "plan"] as const,
    preview: (campaignId: string, index: number) => ["campaigns", "campaign", campaignId, "preview", index] as const,
    recipients: (campaignId: string, params: object) => ["campaigns", "campaign", campaignId, "recipients", params] as const,
    failures: (campaignId: string) => ["campaigns", "campaign", campaignId, "failures"] as const,
  },
  pricing: {
    rates: () => ["pricing", "rates"] as const,
  },
  analytics: {
    all: ["analytics"] as const,
    /** Every search of one report (a prefix of `report`): live events refresh a section whatever its filters. */
    section: (section: string) => ["analytics", section] as const,
    /** One report (`conversations`, `templates/meta`, `options`, …) for one search of /analytics, in one time zone. */
    report: (section: string, search: object, timeZone: string) => ["analytics", section, search, timeZone] as const,
  },
  outboundWebhooks: {
    all: ["outbound-webhooks"] as const,
    /** Every page and filter of one endpoint's deliveries: a test event or a replay refreshes them all. */
    endpointDeliveries: (endpointId: string) => ["outbound-webhooks", "deliveries", endpointId] as const,
    deliveries: (endpointId: string, status: string | null) => ["outbound-webhooks", "deliveries", endpointId, status ?? "all"] as const,
  },
} as const;
