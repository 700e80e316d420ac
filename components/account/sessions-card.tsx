"use client";

import { LaptopIcon, LogOutIcon } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";

import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { actionMessage } from "@/lib/action-result";
import { endOwnSessionAction, signOutEverywhereAction } from "@/lib/actions/account";

/** One signed-in browser, as the account page shows it. */
export interface SessionItem {
  id: string;
  browser: string | null;
  address: string | null;
  /** ISO time of the sign-in. */
  signedInAt: string;
  current: boolean;
}

function sessionName(session: SessionItem) {
  return [session.browser ?? "Unknown browser", session.address].filter(Boolean).join(", ");
}

function EndSessionButton({ session }: { session: SessionItem }) {
  const router = useRouter();
  const { execute, isPending } = useAction(endOwnSessionAction, {
    onSuccess: ({ data }) => {
      toast.success(data?.ended ? "That browser is signed out." : "That session had already ended.");
      router.refresh();
    },
    onError: ({ error }) => toast.error(actionMessage(error) ?? "The session could not be ended."),
  });
  return (
    <Button
      type="button"
      variant="outline"
      size="sm"
      disabled={isPending}
      aria-label={`Sign out ${sessionName(session)}`}
      onClick={() => execute({ sessionId: session.id })}
    >
      Sign out
    </Button>
  );
}

function SignOutEverywhere({ others }: { others: number }) {
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
          <LogOutIcon aria-hidden="true" />
          Sign out everywhere
        </Button>
      }
      title="Sign out everywhere?"
      description={
        <p>
          Every browser signed in as you{others > 0 ? ` (${others} besides this one)` : ""} is signed out at once, this
          one included, and so is any copy of their session cookies. You sign in again with your password.
        </p>
      }
      confirmLabel="Sign out everywhere"
      pendingLabel="Signing out…"
      destructive
      pending={isPending}
      error={actionMessage(result)}
      onConfirm={() => execute()}
    />
  );
}

/** Where the user is signed in, with a way to end one session or all of them. */
export function SessionsCard({ sessions }: { sessions: SessionItem[] }) {
  const others = sessions.filter((session) => !session.current).length;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Where you are signed in</CardTitle>
        <CardDescription>
          Each sign-in lasts 12 hours. Sign out a browser you no longer use, or every one at once if you think someone else
          has access.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ul aria-label="Signed-in browsers" className="divide-y rounded-md border">
          {sessions.map((session) => (
            <li key={session.id} className="flex items-center gap-3 px-3 py-2.5 text-sm">
              <LaptopIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
              <div className="min-w-0 flex-1 space-y-0.5">
                <p className="flex flex-wrap items-center gap-2 font-medium">
                  {session.browser ?? "Unknown browser"}
                  {session.current ? <Badge variant="secondary">This device</Badge> : null}
                </p>
                <p className="text-xs text-muted-foreground">
                  {session.address ? `${session.address} · ` : ""}signed in <RelativeTime iso={session.signedInAt} />
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
