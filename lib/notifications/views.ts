import type { InboxCounts } from "@/db/queries/inbox-counts";
import type { Jsonified } from "@/lib/inbox/views";

import type { NotificationList } from "./service";
import type { Presence } from "@/lib/users/availability";

/** GET /api/notifications's answer, as the browser reads it. */
export type NotificationListView = Jsonified<NotificationList>;
export type NotificationItemView = NotificationListView["notifications"][number];

/** GET /api/inbox/counts's answer. */
export type InboxCountsView = InboxCounts;

/** GET /api/notifications/presence's answer: the signed-in user's availability and desktop notifications. */
export type PresenceView = Presence;
