"use client";

import { LaptopIcon, LogOutIcon } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toast";
import { actionMessage } from "@/lib/action-result";
import { endOwnSessionAction, signOutEverywhereAction } from "@/lib/actions/account";

/** One signed-in browser, as the account page shows it. */
export interface SessionItem {
  id: string;
  /** The browser and system its user agent names ("Firefox", "Linux"); null when it named none. */
  device: { browser: string | null; system: string | null } | null;
  address: string | null;
  /** ISO time of the sign-in. */
  signedInAt: string;
  current: boolean;
}

/** "Firefox on Linux", "Firefox", "Linux", or "Unknown browser": brand names as they are, the words around them translated. */
function useDeviceName(): (device: SessionItem["device"]) => string {
  const t = useTranslations("account.sessions");
  return (device) => {
    if (device?.browser && device.system) return t("device", { browser: device.browser, system: device.system });
    return device?.browser ?? device?.system ?? t("unknownBrowser");
  };
}

function EndSessionButton({ session }: { session: SessionItem }) {
  const t = useTranslations("account.sessions");
  const deviceName = useDeviceName();
  const router = useRouter();
  const { execute, isPending } = useAction(endOwnSessionAction, {
    onSuccess: ({ data }) => {
      toast.success(data?.ended ? t("signedOutThere") : t("alreadyEnded"));
      router.refresh();
    },
    onError: ({ error }) => toast.error(actionMessage(error) ?? t("endFailed")),
  });
  const device = [deviceName(session.device), session.address].filter(Boolean).join(", ");
  return (
    <Button
      type="button"
      variant="outline"
      size="sm"
      disabled={isPending}
      aria-label={t("signOutDevice", { device })}
      onClick={() => execute({ sessionId: session.id })}
    >
      {t("signOut")}
    </Button>
  );
}

function SignOutEverywhere({ others }: { others: number }) {
  const t = useTranslations("account.sessions");
  const [open, setOpen] = useState(false);
  const { execute, result, isPending, reset } = useAction(signOutEverywhereAction);
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
      trigger={
        <Button type="button" variant="outline">
          <LogOutIcon className="rtl:-scale-x-100" aria-hidden="true" />
          {t("everywhere")}
        </Button>
      }
      title={t("everywhereTitle")}
      description={<p>{t("everywhereDescription", { others })}</p>}
      confirmLabel={t("everywhere")}
      pendingLabel={t("signingOut")}
      destructive
      pending={isPending}
      error={actionMessage(result)}
      onConfirm={() => execute()}
    />
  );
}

/** Where the user is signed in, with a way to end one session or all of them. */
export function SessionsCard({ sessions }: { sessions: SessionItem[] }) {
  const t = useTranslations("account.sessions");
  const deviceName = useDeviceName();
  const others = sessions.filter((session) => !session.current).length;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        <ul aria-label={t("list")} className="divide-y rounded-md border">
          {sessions.map((session) => (
            <li key={session.id} className="flex items-center gap-3 px-3 py-2.5 text-sm">
              <LaptopIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
              <div className="min-w-0 flex-1 space-y-0.5">
                <p className="flex flex-wrap items-center gap-2 font-medium">
                  {deviceName(session.device)}
                  {session.current ? <Badge variant="secondary">{t("thisDevice")}</Badge> : null}
                </p>
                <p className="text-xs text-muted-foreground">
                  {/* An address reads left to right, whatever the page's direction. */}
                  {session.address ? (
                    <>
                      <bdi dir="ltr">{session.address}</bdi>
                      {" · "}
                    </>
                  ) : null}
                  {t.rich("signedIn", { time: () => <RelativeTime iso={session.signedInAt} /> })}
                </p>
              </div>
              {session.current ? null : <EndSessionButton session={session} />}
            </li>
          ))}
        </ul>
      </CardContent>
      <CardFooter>
        <SignOutEverywhere others={others} />
      </CardFooter>
    </Card>
  );
}
