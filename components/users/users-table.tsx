"use client";

import { KeyRoundIcon, Link2Icon, MoreHorizontalIcon, ShieldIcon, UserCheckIcon, UserXIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";

import { Avatar, AvatarFallback } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { actionMessage } from "@/lib/action-result";
import { setUserDisabledAction } from "@/lib/actions/users";
import type { AccessConnectionView, TeamMember } from "@/lib/users/views";
import { cn } from "@/lib/utils";

import { RelativeTime } from "@/components/relative-time";
import { AccessSummary } from "./access-summary";
import { RoleBadge, StatusBadge } from "./role-badge";
import { ChangeRoleDialog, DisableUserDialog, EditAccessDialog, ResetPasswordDialog } from "./user-dialogs";

function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return `${words[0]?.[0] ?? "?"}${words.length > 1 ? (words[words.length - 1]?.[0] ?? "") : ""}`.toUpperCase();
}

type OpenDialog = "role" | "access" | "disable" | "password" | null;

function UserRow({
  user,
  isSelf,
  connections,
  connectionsById,
}: {
  user: TeamMember;
  isSelf: boolean;
  connections: readonly AccessConnectionView[];
  connectionsById: ReadonlyMap<string, AccessConnectionView>;
}) {
  const t = useTranslations("users");
  const router = useRouter();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const enable = useAction(setUserDisabledAction, {
    onSuccess: () => {
      toast.success(t("toasts.enabled", { name: user.name }));
      router.refresh();
    },
    onError: ({ error }) => toast.error(actionMessage(error, t("toasts.enableFailed"))),
  });
  const dialogProps = (name: Exclude<OpenDialog, null>) => ({
    user,
    isSelf,
    open: dialog === name,
    onOpenChange: (open: boolean) => setDialog(open ? name : null),
  });

  return (
    <TableRow data-testid={`user-row-${user.email}`} className={cn(user.disabled && "text-muted-foreground")}>
      <TableCell>
        <div className="flex items-center gap-3">
          <Avatar className="size-8">
            <AvatarFallback className={cn("text-[11px] font-semibold", user.disabled ? "bg-muted" : "bg-primary/10 text-foreground")}>
              {initialsOf(user.name)}
            </AvatarFallback>
          </Avatar>
          <div className="min-w-0">
            <div className="flex items-center gap-2">
              <span dir="auto" className={cn("truncate font-medium", !user.disabled && "text-foreground")}>
                {user.name}
              </span>
              {isSelf ? (
                <Badge variant="outline" className="px-1.5 py-0 text-[10px]">
                  {t("table.you")}
                </Badge>
              ) : null}
            </div>
            <div className="truncate text-xs text-muted-foreground">
              <bdi>{user.email}</bdi>
            </div>
          </div>
        </div>
      </TableCell>
      <TableCell>
        <RoleBadge role={user.role} />
      </TableCell>
      <TableCell className="text-sm whitespace-normal">
        <AccessSummary access={user.access} connections={connectionsById} />
      </TableCell>
      <TableCell>
        <div className="flex items-center gap-1.5">
          <StatusBadge disabled={user.disabled} />
          {user.mustChangePassword && !user.disabled ? (
            <Badge variant="warning" title={t("status.passwordPendingHint")}>
              {t("status.passwordPending")}
            </Badge>
          ) : null}
        </div>
      </TableCell>
      <TableCell className="text-muted-foreground">
        {user.lastSignInAt ? <RelativeTime iso={user.lastSignInAt} /> : <span>{t("table.never")}</span>}
      </TableCell>
      <TableCell className="w-12 text-end">
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="ghost" size="icon-sm" aria-label={t("table.actionsFor", { email: user.email })}>
              <MoreHorizontalIcon aria-hidden="true" />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end" className="w-52">
            <DropdownMenuLabel className="truncate text-xs font-normal text-muted-foreground">
              <bdi>{user.email}</bdi>
            </DropdownMenuLabel>
            <DropdownMenuItem onSelect={() => setDialog("role")}>
              <ShieldIcon aria-hidden="true" />
              {t("table.changeRole")}
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => setDialog("access")}>
              <Link2Icon aria-hidden="true" />
              {t("table.editAccess")}
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => setDialog("password")}>
              <KeyRoundIcon aria-hidden="true" />
              {t("table.resetPassword")}
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            {user.disabled ? (
              <DropdownMenuItem
                disabled={enable.isPending}
                onSelect={() => enable.execute({ userId: user.id, disabled: false })}
              >
                <UserCheckIcon aria-hidden="true" />
                {t("table.enable")}
              </DropdownMenuItem>
            ) : (
              <DropdownMenuItem variant="destructive" onSelect={() => setDialog("disable")}>
                <UserXIcon aria-hidden="true" />
                {t("table.disable")}
              </DropdownMenuItem>
            )}
          </DropdownMenuContent>
        </DropdownMenu>
        <ChangeRoleDialog key={`role-${user.role}`} {...dialogProps("role")} />
        <EditAccessDialog
          key={`access-${JSON.stringify(user.access)}`}
          {...dialogProps("access")}
          access={user.access}
          connections={connections}
        />
        <DisableUserDialog {...dialogProps("disable")} />
        <ResetPasswordDialog {...dialogProps("password")} />
      </TableCell>
    </TableRow>
  );
}

export function UsersTable({
  users,
  connections,
  currentUserId,
}: {
  users: TeamMember[];
  connections: AccessConnectionView[];
  currentUserId: string;
}) {
  const t = useTranslations("users.table");
  const connectionsById = useMemo(() => new Map(connections.map((connection) => [connection.id, connection])), [connections]);
  return (
    <div className="overflow-hidden rounded-xl border bg-card shadow-xs">
      <Table>
        <TableHeader className="bg-muted/40">
          <TableRow className="hover:bg-transparent">
            <TableHead className="ps-4">{t("user")}</TableHead>
            <TableHead>{t("role")}</TableHead>
            <TableHead>{t("connections")}</TableHead>
            <TableHead>{t("status")}</TableHead>
            <TableHead>{t("lastSignIn")}</TableHead>
            <TableHead className="w-12">
              <span className="sr-only">{t("actions")}</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {users.map((user) => (
            <UserRow
              key={user.id}
              user={user}
              isSelf={user.id === currentUserId}
              connections={connections}
              connectionsById={connectionsById}
            />
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
