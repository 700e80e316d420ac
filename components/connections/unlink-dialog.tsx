"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
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
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        if (!next) unlink.reset();
      }}
      title={`Unlink ${name}?`}
      description={
        <>
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
        </>
      }
      cancelLabel="Keep it linked"
      confirmLabel="Unlink"
      destructive
      pending={unlink.isPending}
      error={unlink.error?.message}
      onConfirm={() => unlink.mutate(connection.id, { onSuccess: () => onOpenChange(false) })}
    />
  );
}
