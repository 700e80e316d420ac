"use client";

import { Loader2Icon } from "lucide-react";

import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import type { ConnectionView } from "@/lib/actions/connections.schema";

import { connectionName } from "./format";
import { useUnlinkConnection } from "./queries";

/** Confirms an unlink and says plainly what stops working and what is kept. */
export function UnlinkConnectionDialog({
  connection,
  open,
  onOpenChange,
}: {
  connection: ConnectionView;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const unlink = useUnlinkConnection();
  const name = connectionName(connection);
  const numbers = connection.phoneNumbers.map((number) => number.displayPhoneNumber ?? number.id);

  return (
    <AlertDialog open={open} onOpenChange={(next) => !unlink.isPending && onOpenChange(next)}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Unlink {name}?</AlertDialogTitle>
          <AlertDialogDescription asChild>
            <div className="space-y-3 text-sm text-muted-foreground">
              <p>
                Maton deletes this connection and its access to WhatsApp.{" "}
                {numbers.length > 0 ? (
                  <>
                    {numbers.map((number, index) => (
                      <span key={number}>
                        {index > 0 ? ", " : null}
                        <strong className="font-medium whitespace-nowrap text-foreground">{number}</strong>
                      </span>
                    ))}{" "}
                    {numbers.length === 1 ? "stops" : "stop"} sending and receiving messages here: replies,
                    templates, media and the business profile of {numbers.length === 1 ? "this number" : "these numbers"} stop working.
                  </>
                ) : (
                  "Nothing can be sent or read through it any more."
                )}
              </p>
              <p>
                Conversations, messages and templates already here are kept, marked unlinked.
                {connection.isDefault ? " The oldest other active connection becomes the default." : ""} You can link the
                account again at any time.
              </p>
            </div>
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel disabled={unlink.isPending}>Keep it linked</AlertDialogCancel>
          <Button
            variant="destructive"
            disabled={unlink.isPending}
            onClick={() => unlink.mutate(connection.id, { onSuccess: () => onOpenChange(false) })}
          >
            {unlink.isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
            Unlink
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
