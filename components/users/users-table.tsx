"use client";

import { KeyRoundIcon, Link2Icon, MoreHorizontalIcon, ShieldIcon, UserCheckIcon, UserXIcon } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { toast } from "sonner";

import { Avatar, AvatarFallback } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
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
  const router = useRouter();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const enable = useAction(setUserDisabledAction, {
    onSuccess: () => {
      toast.success(`${user.name} is enabled again.`);
      router.refresh();
    },
    onError: ({ error }) => toast.error(actionMessage(error, "The user could not be enabled.")),
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
              <span className={cn("truncate font-medium", !user.disabled && "text-foreground")}>{user.name}</span>
              {isSelf ? (
                <Badge variant="outline" className="px-1.5 py-0 text-[10px]">
                  You
                </Badge>
              ) : null}
            </div>
            <div className="truncate text-xs text-muted-foreground">{user.email}</div>
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
            <Badge variant="warning" title="Signs in with a one-time password and must choose a new one">
              Password pending
            </Badge>
          ) : null}
        </div>
      </TableCell>
      <TableCell className="text-muted-foreground">
        {user.lastSignInAt ? <RelativeTime iso={user.lastSignInAt} /> : <span>Never</span>}
      </TableCell>
      <TableCell className="w-12 text-end">
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="ghost" size="icon-sm" aria-label={`Actions for ${user.email}`}>
              <MoreHorizontalIcon aria-hidden="true" />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end" className="w-52">
            <DropdownMenuLabel className="truncate text-xs font-normal text-muted-foreground">{user.email}</DropdownMenuLabel>
            <DropdownMenuItem onSelect={() => setDialog("role")}>
              <ShieldIcon aria-hidden="true" />
              Change role…
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => setDialog("access")}>
              <Link2Icon aria-hidden="true" />
              Edit access…
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => setDialog("password")}>
              <KeyRoundIcon aria-hidden="true" />
              Reset password…
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            {user.disabled ? (
              <DropdownMenuItem
                disabled={enable.isPending}
                onSelect={() => enable.execute({ userId: user.id, disabled: false })}
              >
                <UserCheckIcon aria-hidden="true" />
                Enable
              </DropdownMenuItem>
            ) : (
              <DropdownMenuItem variant="destructive" onSelect={() => setDialog("disable")}>
                <UserXIcon aria-hidden="true" />
                Disable…
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
  const connectionsById = useMemo(() => new Map(connections.map((connection) => [connection.id, connection])), [connections]);
  return (
    <div className="overflow-hidden rounded-xl border bg-card shadow-xs">
      <Table>
        <TableHeader className="bg-muted/40">
          <TableRow className="hover:bg-transparent">
            <TableHead className="ps-4">User</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Connections</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Last sign-in</TableHead>
            <TableHead className="w-12">
              <span className="sr-only">Actions</span>
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
