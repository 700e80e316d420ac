"use client";

import { useQueryClient } from "@tanstack/react-query";
import { BellIcon, BellOffIcon, Loader2Icon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState, useSyncExternalStore } from "react";

import { usePresence } from "@/components/notifications/api";
import { browserPermission } from "@/components/notifications/desktop-notifier";
import type { DesktopPermission } from "@/components/notifications/should-notify";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Switch } from "@/components/ui/switch";
import { toast } from "@/components/ui/toast";
import { runAction } from "@/lib/action-result";
import { setDesktopNotificationsAction } from "@/lib/actions/notifications";
import type { PresenceView } from "@/lib/notifications/views";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";

const permissionListeners = new Set<() => void>();
const permissionChanged = () => {
  for (const listener of permissionListeners) listener();
};

/** The browser's permission changes by our request, or in its site settings (seen when the tab is back in focus). */
function onPermissionChange(listener: () => void): () => void {
  permissionListeners.add(listener);
  window.addEventListener("focus", listener);
  return () => {
    permissionListeners.delete(listener);
    window.removeEventListener("focus", listener);
  };
}

/**
 * Account › Notifications: the "Desktop notifications" switch. Turning it on asks the browser's
 * permission first (and keeps it off if the browser says no); the browser's state is shown with what
 * to do when it blocks them.
 */
export function NotificationsCard() {
  const t = useTranslations("notifications.account");
  const queryClient = useQueryClient();
  const { data: presence, isPending } = usePresence();
  const permission = useSyncExternalStore(onPermissionChange, browserPermission, () => "default" as DesktopPermission);
  const [saving, setSaving] = useState(false);
  const labelId = useId();
  const stateId = useId();

  const enabled = presence?.desktopNotifications ?? false;

  const toggle = async () => {
    setSaving(true);
    try {
      const wanted = !enabled;
      if (wanted) {
        if (permission === "unsupported") return;
        const answer = permission === "granted" ? "granted" : await window.Notification.requestPermission();
        permissionChanged();
        if (answer !== "granted") {
          toast.error(t("notAllowed"));
          return;
        }
      }
      const reading = await runAction(setDesktopNotificationsAction({ enabled: wanted }));
      if (!reading.ok) {
        toast.error(reading.message);
        return;
      }
      queryClient.setQueryData<PresenceView>(queryKeys.account.presence(), (before) => (before ? { ...before, ...reading.data } : before));
      toast.success(wanted ? t("turnedOn") : t("turnedOff"));
    } finally {
      setSaving(false);
    }
  };

  const stateText =
    permission === "unsupported" ? t("unsupported") : permission === "denied" ? t("blocked") : permission === "granted" ? t("allowed") : t("notAsked");

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <div className="flex items-center justify-between gap-4">
          <div className="grid gap-1">
            <span id={labelId} className="text-sm font-medium">
              {t("desktop")}
            </span>
            <span id={stateId} className={cn("flex items-center gap-1.5 text-sm", permission === "denied" ? "text-destructive" : "text-muted-foreground")}>
              {permission === "granted" ? <BellIcon aria-hidden="true" className="size-3.5" /> : <BellOffIcon aria-hidden="true" className="size-3.5" />}
              {stateText}
            </span>
          </div>
          <Switch
            checked={enabled}
            aria-labelledby={labelId}
            aria-describedby={stateId}
            disabled={isPending || saving || (!enabled && (permission === "unsupported" || permission === "denied"))}
            onCheckedChange={() => void toggle()}
          >
            {saving ? <Loader2Icon aria-hidden="true" className="absolute inset-0 m-auto size-3 animate-spin text-muted-foreground" /> : null}
          </Switch>
        </div>
      </CardContent>
    </Card>
  );
}
