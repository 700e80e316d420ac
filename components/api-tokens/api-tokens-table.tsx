"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";

import { RelativeTime } from "@/components/relative-time";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { actionMessage } from "@/lib/action-result";
import { revokeApiTokenAction } from "@/lib/actions/api-tokens";
import type { ApiTokenListItem, ApiTokenStatus } from "@/lib/api-tokens/views";
import { cn } from "@/lib/utils";

const STATUS_VARIANTS: Record<ApiTokenStatus, BadgeProps["variant"]> = {
  active: "success",
  expired: "warning",
  revoked: "secondary",
};

/** Keeps an email in its left-to-right order inside a sentence of a right-to-left language. */
const bdi = (chunks: ReactNode) => <bdi>{chunks}</bdi>;

function StatusBadge({ token }: { token: ApiTokenListItem }) {
  const t = useTranslations("apiTokens");
  const revokedBy = token.status === "revoked" && token.revokedBy?.name ? t("table.revokedBy", { name: token.revokedBy.name }) : undefined;
  return (
    <Badge variant={STATUS_VARIANTS[token.status]} title={revokedBy}>
      {t(`status.${token.status}`)}
    </Badge>
  );
}

function RevokeTokenButton({ token, showOwner }: { token: ApiTokenListItem; showOwner: boolean }) {
  const t = useTranslations("apiTokens");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { execute, result, isPending, reset } = useAction(revokeApiTokenAction, {
    onSuccess: ({ data }) => {
      const toastKey = data?.alreadyRevoked ? "toasts.alreadyRevoked" : "toasts.revoked";
      toast.success(t(toastKey, { name: token.name }));
      setOpen(false);
      router.refresh();
    },
  });
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) reset();
  };
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={
        <Button variant="outline" size="sm" aria-label={t("revoke.buttonLabel", { name: token.name })}>
          {t("revoke.button")}
        </Button>
      }
      title={<span dir="auto">{t("revoke.title", { name: token.name })}</span>}
      description={
        <>
          {showOwner ? <p>{t.rich("revoke.owner", { name: token.owner.name, email: token.owner.email, bdi })}</p> : null}
          <p>{t("revoke.description")}</p>
        </>
      }
      confirmLabel={t("revoke.confirm")}
      pendingLabel={t("revoke.pending")}
      destructive
      pending={isPending}
      error={actionMessage(result)}
      onConfirm={() => execute({ tokenId: token.id })}
    />
  );
}

/**
 * The tokens, newest first: name, the prefix that tells them apart, when they were made, last used
 * and expire, and their status; `showOwners` adds whose each is (an admin looking at everyone's).
 */
export function ApiTokensTable({
  tokens,
  showOwners,
  currentUserId,
}: {
  tokens: ApiTokenListItem[];
  showOwners: boolean;
  currentUserId: string;
}) {
  const t = useTranslations("apiTokens.table");
  const format = useFormatter();
  const date = (iso: string) => (
    <time dateTime={iso} title={format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" })}>
      {format.dateTime(new Date(iso), { dateStyle: "medium" })}
    </time>
  );
  return (
    <div className="overflow-hidden rounded-xl border bg-card shadow-xs">
      <Table aria-label={t("label")}>
        <TableHeader className="bg-muted/40">
          <TableRow className="hover:bg-transparent">
            <TableHead className="ps-4">{t("name")}</TableHead>
            <TableHead>{t("token")}</TableHead>
            {showOwners ? <TableHead>{t("owner")}</TableHead> : null}
            <TableHead>{t("created")}</TableHead>
            <TableHead>{t("lastUsed")}</TableHead>
            <TableHead>{t("expires")}</TableHead>
            <TableHead>{t("status")}</TableHead>
            <TableHead className="w-24">
              <span className="sr-only">{t("actions")}</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {tokens.map((token) => {
            const isMine = token.owner.id === currentUserId;
            return (
              <TableRow key={token.id} className={cn(token.status !== "active" && "text-muted-foreground")}>
                <TableCell className="ps-4">
                  <span dir="auto" className={cn("font-medium", token.status === "active" && "text-foreground")}>
                    {token.name}
                  </span>
                </TableCell>
                <TableCell>
                  <code dir="ltr" className="font-mono text-xs">
                    {token.prefix}
                    {"…"}
                  </code>
                </TableCell>
                {showOwners ? (
                  <TableCell>
                    {/* A long address is cut short (whole on hover) so the row keeps its Revoke button in view. */}
                    <div className="max-w-56 min-w-0" title={token.owner.email}>
                      <div className="flex items-center gap-2">
                        <span dir="auto" className="truncate">
                          {token.owner.name}
                        </span>
                        {isMine ? (
                          <Badge variant="outline" className="px-1.5 py-0 text-[10px]">
                            {t("you")}
                          </Badge>
                        ) : null}
                      </div>
                      <div className="truncate text-xs text-muted-foreground">
                        <bdi>{token.owner.email}</bdi>
                      </div>
                    </div>
                  </TableCell>
                ) : null}
                <TableCell>{date(token.createdAt)}</TableCell>
                <TableCell>{token.lastUsedAt ? <RelativeTime iso={token.lastUsedAt} /> : <span>{t("neverUsed")}</span>}</TableCell>
                <TableCell>{token.expiresAt ? date(token.expiresAt) : <span>{t("neverExpires")}</span>}</TableCell>
                <TableCell>
                  <StatusBadge token={token} />
                </TableCell>
                <TableCell className="text-end">
                  {token.status === "revoked" ? null : <RevokeTokenButton token={token} showOwner={!isMine} />}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
