"use client";

import { useTranslations } from "next-intl";

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
  const t = useTranslations("connections.unlinkDialog");
  const unlink = useUnlinkConnection();
  const name = connectionName(connection, useTranslations("connections.name"));
  const numbers = connection.phoneNumbers.map((number) => number.displayPhoneNumber ?? number.id);
  const numberList = numbers.map((number, index) => (
    <span key={number}>
      {index > 0 ? ", " : null}
      <strong dir="ltr" className="font-medium whitespace-nowrap text-foreground">
        {number}
      </strong>
    </span>
  ));

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        if (!next) unlink.reset();
      }}
      title={t("title", { name })}
      description={
        <>
          <p>
            {numbers.length > 0
              ? t.rich("numbersStop", { count: numbers.length, numbers: () => numberList })
              : t("nothingWorks")}
          </p>
          <p>{t("kept", { isDefault: connection.isDefault ? "yes" : "no" })}</p>
        </>
      }
      cancelLabel={t("keep")}
      confirmLabel={t("confirm")}
      destructive
      pending={unlink.isPending}
      error={unlink.error?.message}
      onConfirm={() => unlink.mutate(connection.id, { onSuccess: () => onOpenChange(false) })}
    />
  );
}
