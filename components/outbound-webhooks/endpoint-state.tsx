"use client";

import { CircleAlertIcon, Loader2Icon, PowerIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";

import { RelativeTime } from "@/components/relative-time";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { actionMessage } from "@/lib/action-result";
import { updateWebhookEndpointAction } from "@/lib/actions/outbound-webhooks";
import type { EndpointView } from "@/lib/outbound-webhooks/service";

type EndpointState = Pick<EndpointView, "enabled" | "disabledAt" | "disabledReason" | "failingSince">;

/** Active, disabled by an admin, or disabled after failing for 24 hours; an active endpoint that fails says since when. */
export function EndpointStateBadges({ endpoint }: { endpoint: EndpointState }) {
  const t = useTranslations("outboundWebhooks.endpoint.state");
  if (!endpoint.enabled) {
    return endpoint.disabledReason === "failing" ? (
      <Badge variant="destructive">{t("disabledFailing")}</Badge>
    ) : (
      <Badge variant="secondary">{t("disabledByAdmin")}</Badge>
    );
  }
  return (
    <span className="flex flex-wrap items-center gap-1.5">
      <Badge variant="success">{t("active")}</Badge>
      {endpoint.failingSince ? (
        <Badge variant="warning">
          <CircleAlertIcon aria-hidden="true" />
          {t.rich("failingSince", { time: () => <RelativeTime iso={endpoint.failingSince!} /> })}
        </Badge>
      ) : null}
    </span>
  );
}

/** Turns a disabled endpoint back on: new events are sent to it again (what it missed is replayed by hand). */
export function ReenableButton({ endpoint }: { endpoint: Pick<EndpointView, "id" | "url"> }) {
  const t = useTranslations("outboundWebhooks.endpoint.actions");
  const router = useRouter();
  const { execute, isPending } = useAction(updateWebhookEndpointAction, {
    onSuccess: () => {
      toast.success(t("enabled"));
      router.refresh();
    },
    onError: ({ error }) => toast.error(actionMessage(error, t("notChanged"))),
  });
  return (
    <Button
      type="button"
      size="sm"
      variant="outline"
      disabled={isPending}
      aria-label={t("reenableLabel", { url: endpoint.url })}
      onClick={() => execute({ id: endpoint.id, enabled: true })}
    >
      {isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <PowerIcon aria-hidden="true" />}
      {t("reenable")}
    </Button>
  );
}

/** Why a disabled endpoint receives nothing, with the way back; nothing for an active one. */
export function DisabledNotice({ endpoint, reenable = true }: { endpoint: EndpointView; reenable?: boolean }) {
  const t = useTranslations("outboundWebhooks.endpoint.state");
  if (endpoint.enabled) return null;
  const failing = endpoint.disabledReason === "failing";
  const time = () => (endpoint.disabledAt ? <RelativeTime iso={endpoint.disabledAt} /> : null);
  return (
    <Alert role="note" variant={failing ? "destructive" : "default"}>
      <CircleAlertIcon aria-hidden="true" />
      <AlertDescription className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <span>{failing ? t.rich("failingReason", { time }) : t.rich("adminReason", { time })}</span>
        {reenable ? <ReenableButton endpoint={endpoint} /> : null}
      </AlertDescription>
    </Alert>
  );
}
