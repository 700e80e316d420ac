"use client";

import { KeyRound, RadioTower } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import * as React from "react";
import { toast } from "sonner";

import { EmptyState } from "@/components/empty-state";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { RelativeTime } from "@/components/relative-time";
import { actionMessage } from "@/lib/action-result";
import { registerCallbacksAction, rotateCallbackTokenAction } from "@/lib/actions/webhooks";
import type { WabaRegistrationView } from "@/lib/webhooks/views";

type Outcome = { wabaId: string; ok: boolean; message?: string };

function announce(outcomes: Outcome[] | undefined) {
  if (!outcomes || outcomes.length === 0) {
    toast.info("No linked account to register on yet. Link one under Connections.");
    return;
  }
  const refused = outcomes.filter((outcome) => !outcome.ok);
  if (refused.length === 0) toast.success(`Callback registered on ${outcomes.length === 1 ? "the account" : `${outcomes.length} accounts`}.`);
  else toast.error(`Not registered on ${refused.length} of ${outcomes.length}: ${refused[0]!.message}`);
}

function StatusBadge({ registration }: { registration: WabaRegistrationView }) {
  if (registration.error) return <Badge variant="destructive">Refused</Badge>;
  if (!registration.registeredUrl) return <Badge variant="secondary">Not registered</Badge>;
  if (registration.outdated) return <Badge variant="warning">Outdated URL</Badge>;
  return <Badge variant="success">Registered</Badge>;
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
  const router = useRouter();
  const register = useAction(registerCallbacksAction, {
    onSuccess: ({ data }) => {
      announce(data?.outcomes);
      router.refresh();
    },
    onError: ({ error }) => toast.error(actionMessage(error, "The registration could not be started.")),
  });
  const [confirmRotate, setConfirmRotate] = React.useState(false);
  const rotate = useAction(rotateCallbackTokenAction, {
    onSuccess: ({ data }) => {
      setConfirmRotate(false);
      toast.success("New callback token in force; the old one is refused from now on.");
      if (data?.outcomes.some((outcome) => !outcome.ok)) announce(data.outcomes);
      router.refresh();
    },
  });
  const busy = register.isPending || rotate.isPending;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Linked accounts</CardTitle>
        <CardDescription>
          Behind Maton, the Meta app is Maton&apos;s: the dashboard registers its own callback on each WhatsApp Business
          Account so that customers&apos; messages and statuses come here.
        </CardDescription>
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
                  <KeyRound aria-hidden /> Rotate token
                </Button>
              }
              title="Rotate the callback token?"
              description="Deliveries to the current callback URL are refused from now on. The new URL is registered again on every linked account; a Meta app of your own needs the new URL pasted in by hand."
              confirmLabel="Rotate token"
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
            <RadioTower aria-hidden /> Register on all accounts
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
            title="No linked account yet"
            description="Link a WhatsApp Business account under Connections; its callback is registered when it turns active."
          />
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Account</TableHead>
                <TableHead>Callback</TableHead>
                <TableHead>Last delivery</TableHead>
                <TableHead className="text-end">
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {registrations.map((registration) => (
                <TableRow key={registration.wabaId}>
                  <TableCell>
                    <div className="font-medium">{registration.name ?? registration.connectionLabel ?? "Account"}</div>
                    <div className="font-mono text-xs text-muted-foreground">{registration.wabaId}</div>
                  </TableCell>
                  <TableCell className="max-w-md">
                    <div className="flex flex-col gap-1">
                      <StatusBadge registration={registration} />
                      {registration.error ? (
                        <span className="text-xs break-words text-muted-foreground">{registration.error}</span>
                      ) : registration.registeredAt ? (
                        <span className="text-xs text-muted-foreground">
                          Registered <RelativeTime iso={registration.registeredAt} />
                        </span>
                      ) : null}
                    </div>
                  </TableCell>
                  <TableCell className="text-muted-foreground">
                    {registration.lastDeliveryAt ? <RelativeTime iso={registration.lastDeliveryAt} /> : "None yet"}
                  </TableCell>
                  <TableCell className="text-end">
                    <Button
                      type="button"
                      variant="outline"
                      size="sm"
                      disabled={busy}
                      aria-label={`Register callback on ${registration.name ?? registration.wabaId}`}
                      onClick={() => register.execute({ wabaIds: [registration.wabaId] })}
                    >
                      Register
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
