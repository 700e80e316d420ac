"use client";

import { useQuery } from "@tanstack/react-query";

import { getRouteJson } from "@/components/data/route-json";
import type { NotificationListView, PresenceView } from "@/lib/notifications/views";
import { queryKeys } from "@/lib/query-keys";

export const fetchNotifications = () => getRouteJson<NotificationListView>("/api/notifications");

/** The reader's latest notifications and how many are unread, refreshed by `notification.created`. */
export function useNotifications() {
  return useQuery({ queryKey: queryKeys.notifications.all, queryFn: fetchNotifications, staleTime: 60_000 });
}

export const fetchPresence = () => getRouteJson<PresenceView>("/api/notifications/presence");

/** The signed-in user's id, availability and desktop notifications setting, refreshed by `user.availability`. */
export function usePresence() {
  return useQuery({ queryKey: queryKeys.account.presence(), queryFn: fetchPresence, staleTime: 5 * 60_000 });
}
