"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { Link2Icon } from "lucide-react";
import { useTranslations } from "next-intl";

import { OptionSelect } from "@/components/ui/option-select";
import { toast } from "@/components/ui/toast";
import { runAction } from "@/lib/action-result";
import { selectWorkingConnectionAction } from "@/lib/actions/connections";

export interface SwitcherConnection {
  id: string;
  label: string | null;
  isDefault: boolean;
}

/**
 * The header's working-connection picker, shown only when several connections are active. The
 * choice is the user's own (`users.selectedConnectionId`); pages then work in that account.
 */
export function ConnectionSwitcher({ connections, workingId }: { connections: SwitcherConnection[]; workingId: string | null }) {
  const t = useTranslations("shell.connectionSwitcher");
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, startTransition] = React.useTransition();
  // Shows the choice at once; falls back to the server's value if the action fails.
  const [value, setOptimisticValue] = React.useOptimistic(workingId ?? "");

  if (connections.length < 2) return null;

  const choose = (connectionId: string) => {
    startTransition(async () => {
      setOptimisticValue(connectionId);
      const selected = await runAction(selectWorkingConnectionAction({ connectionId }));
      if (!selected.ok) {
        toast.error(selected.message);
        return;
      }
      await queryClient.invalidateQueries();
      router.refresh();
    });
  };

  return (
    <OptionSelect
      label={t("label")}
      size="sm"
      className="h-8 max-w-80 gap-2 text-sm"
      leading={<Link2Icon className="size-3.5 text-muted-foreground" aria-hidden="true" />}
      placeholder={t("placeholder")}
      value={value}
      onValueChange={choose}
      disabled={pending}
      align="start"
      options={connections.map((connection) => ({
        value: connection.id,
        label: (
          <>
            {connection.label ? <bdi>{connection.label}</bdi> : t("unnamed", { id: connection.id.slice(0, 8) })}
            {connection.isDefault ? <span className="text-xs text-muted-foreground">{t("default")}</span> : null}
          </>
        ),
      }))}
    />
  );
}
