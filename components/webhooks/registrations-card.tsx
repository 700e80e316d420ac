"use client";

import { KeyRound, RadioTower } from "lucide-react";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import * as React from "react";

import { EmptyState } from "@/components/empty-state";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { RelativeTime } from "@/components/relative-time";
import { toast } from "@/components/ui/toast";
import { actionMessage } from "@/lib/action-result";
import { registerCallbacksAction, rotateCallbackTokenAction } from "@/lib/actions/webhooks";
import type { WabaRegistrationView } from "@/lib/webhooks/views";

type Outcome = { wabaId: string; ok: boolean; message?: string };

type RegistrationsTranslator = ReturnType<typeof useTranslations<"webhooks.registrations">>;

function announce(t: RegistrationsTranslator, outcomes: Outcome[] | undefined) {
  if (!outcomes || outcomes.length === 0) {
    toast.info(t("toasts.nothingToRegister"));
    return;
  }
  const refused = outcomes.filter((outcome) => !outcome.ok);
  if (refused.length === 0) toast.success(t("toasts.registered", { count: outcomes.length }));
  else toast.error(t("toasts.refused", { refused: refused.length, total: outcomes.length, reason: refused[0]!.message ?? "" }));
}

function StatusBadge({ registration }: { registration: WabaRegistrationView }) {
  const t = useTranslations("webhooks.registrations.status");
  if (registration.error) return <Badge variant="destructive">{t("refused")}</Badge>;
  if (!registration.registeredUrl) return <Badge variant="secondary">{t("notRegistered")}</Badge>;
  if (registration.outdated) return <Badge variant="warning">{t("outdated")}</Badge>;
  return <Badge variant="success">{t("registered")}</Badge>;
}

/** Per linked account: whether our callback is registered through the gateway, and the last delivery seen. */
export function RegistrationsCard({
  registrations,
  mode,
  blockedReason,
}: {
  registrations: WabaRegistrationView[];
  mode: "signature" | "token";
  blockedReason: string | null;
}) {
  const t = useTranslations("webhooks.registrations");
  const router = useRouter();
  const register = useAction(registerCallbacksAction, {
    onSuccess: ({ data }) => {
      announce(t, data?.outcomes);
      router.refresh();
    },
    onError: ({ error }) => toast.error(actionMessage(error, t("toasts.notStarted"))),
  });
  const [confirmRotate, setConfirmRotate] = React.useState(false);
  const rotate = useAction(rotateCallbackTokenAction, {
    onSuccess: ({ data }) => {
      setConfirmRotate(false);
      toast.success(t("toasts.rotated"));
      if (data?.outcomes.some((outcome) => !outcome.ok)) announce(t, data.outcomes);
      router.refresh();
    },
  });
  const busy = register.isPending || rotate.isPending;

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
        <CardAction className="flex gap-2">
          {mode === "token" ? (
            <ConfirmDialog
              open={confirmRotate}
              onOpenChange={(open) => {
                setConfirmRotate(open);
                if (!open) rotate.reset();
              }}
              trigger={
                <Button type="button" variant="outline" size="sm" disabled={busy}>
                  <KeyRound aria-hidden /> {t("rotate.button")}
                </Button>
              }
              title={t("rotate.title")}
              description={t("rotate.description")}
              confirmLabel={t("rotate.button")}
              pending={rotate.isPending}
              error={actionMessage(rotate.result)}
              onConfirm={() => rotate.execute()}
            />
          ) : null}
          <Button
            type="button"
            size="sm"
            disabled={busy || registrations.length === 0}
            onClick={() => register.execute({})}
          >
            <RadioTower aria-hidden /> {t("registerAll")}
          </Button>
        </CardAction>
      </CardHeader>
      <CardContent className="grid gap-4">
        {blockedReason ? (
          <Alert variant="destructive">
            <AlertDescription>{blockedReason}</AlertDescription>
          </Alert>
        ) : null}
        {registrations.length === 0 ? (
          <EmptyState
            icon={RadioTower}
            headingLevel="h3"
            title={t("empty.title")}
            description={t("empty.description")}
          />
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("columns.account")}</TableHead>
                <TableHead>{t("columns.callback")}</TableHead>
                <TableHead>{t("columns.lastDelivery")}</TableHead>
                <TableHead className="text-end">
                  <span className="sr-only">{t("columns.actions")}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {registrations.map((registration) => (
                <TableRow key={registration.wabaId}>
                  <TableCell>
                    <div dir="auto" className="font-medium">
                      {registration.name ?? registration.connectionLabel ?? t("unnamedAccount")}
                    </div>
                    <div className="font-mono text-xs text-muted-foreground">
                      <bdi dir="ltr">{registration.wabaId}</bdi>
                    </div>
                  </TableCell>
                  <TableCell className="max-w-md">
                    <div className="flex flex-col gap-1">
                      <StatusBadge registration={registration} />
                      {registration.error ? (
                        <span className="text-xs break-words text-muted-foreground">{registration.error}</span>
                      ) : registration.registeredAt ? (
                        <span className="text-xs text-muted-foreground">
                          {t.rich("registeredAt", { time: () => <RelativeTime iso={registration.registeredAt!} /> })}
                        </span>
                      ) : null}
                    </div>
                  </TableCell>
                  <TableCell className="text-muted-foreground">
                    {registration.lastDeliveryAt ? <RelativeTime iso={registration.lastDeliveryAt} /> : t("noDeliveryYet")}
                  </TableCell>
                  <TableCell className="text-end">
                    <Button
                      type="button"
                      variant="outline"
                      size="sm"
                      disabled={busy}
                      aria-label={t("registerOn", { name: registration.name ?? registration.wabaId })}
                      onClick={() => register.execute({ wabaIds: [registration.wabaId] })}
                    >
                      {t("register")}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
