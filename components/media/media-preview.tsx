"use client";

import { useQueryClient } from "@tanstack/react-query";
import { CopyIcon, DownloadIcon, LinkIcon, MessageSquareShareIcon, RefreshCwIcon, Trash2Icon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import * as React from "react";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { toast } from "@/components/ui/toast";
import { actionMessage } from "@/lib/action-result";
import { deleteMediaAction, mediaDownloadLinkAction, reuploadMediaAction } from "@/lib/actions/media";
import { formatFileSize } from "@/lib/i18n/format";
import { expiryOf } from "@/lib/media/rules";
import type { LibraryMediaView } from "@/lib/media/types";
import { queryKeys } from "@/lib/query-keys";

import { ExpiryBadge, KIND_ICONS, mediaUrl, useMediaDates } from "./media-visuals";
import { SendToConversationDialog } from "./send-dialog";

/** The file itself: pictures shown, video and audio playable, documents described. */
export function MediaBody({ id, kind, fileName, mimeType, size }: { id: string; kind: LibraryMediaView["kind"]; fileName: string; mimeType: string | null; size?: number }) {
  const t = useTranslations("media.preview");
  const format = useFormatter();
  const Icon = KIND_ICONS[kind];
  if (kind === "image" || kind === "sticker") {
    return (
      <div className="flex max-h-[50dvh] justify-center overflow-hidden rounded-lg border bg-muted/30">
        {/* eslint-disable-next-line @next/next/no-img-element -- authenticated bytes from our own route */}
        <img src={mediaUrl(id)} alt={t("previewOf", { name: fileName })} className="max-h-[50dvh] min-h-40 object-contain" />
      </div>
    );
  }
  if (kind === "video") {
    return <video src={mediaUrl(id)} controls preload="metadata" aria-label={t("videoLabel", { name: fileName })} className="max-h-[50dvh] w-full rounded-lg border bg-black" />;
  }
  if (kind === "audio") {
    return <audio src={mediaUrl(id)} controls preload="metadata" aria-label={t("audioLabel", { name: fileName })} className="w-full" />;
  }
  return (
    <div className="flex items-center gap-4 rounded-lg border bg-muted/30 p-4">
      <div className="flex size-14 items-center justify-center rounded-lg border bg-card text-muted-foreground">
        <Icon className="size-7" strokeWidth={1.25} aria-hidden="true" />
      </div>
      <div className="min-w-0 space-y-0.5">
        <p dir="auto" className="truncate font-medium">{fileName}</p>
        <p className="text-sm text-muted-foreground">
          {[size !== undefined ? formatFileSize(format, size) : null, mimeType].filter(Boolean).join(" · ")}
        </p>
        <a href={mediaUrl(id)} target="_blank" rel="noreferrer" className="text-sm text-primary underline-offset-4 hover:underline">
          {t("openDocument")}
        </a>
      </div>
    </div>
  );
}

/** Preview of a library file, with its id, a fresh download link, send, upload again and delete. */
export function MediaPreviewDialog({
  item,
  phoneNumberId,
  canManage,
  onClose,
}: {
  item: LibraryMediaView;
  phoneNumberId: string;
  canManage: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const t = useTranslations("media.preview");
  const tKinds = useTranslations("media.kinds");
  const format = useFormatter();
  const dates = useMediaDates();
  const [confirmDelete, setConfirmDelete] = React.useState(false);
  const [sendOpen, setSendOpen] = React.useState(false);
  const [link, setLink] = React.useState<{ href: string; until: string } | null>(null);
  const expired = expiryOf(item.expiresAt).state === "expired";
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.media.library(phoneNumberId) });

  const linkAction = useAction(mediaDownloadLinkAction, {
    onSuccess: ({ data }) => setLink({ href: data.href, until: data.whatsappUrlExpiresAt }),
    onError: ({ error }) => toast.error(actionMessage(error, t("linkFailed"))),
  });
  const deleteAction = useAction(deleteMediaAction, {
    onSuccess: async () => {
      toast.success(t("deleted", { name: item.fileName }));
      setConfirmDelete(false);
      await refresh();
      onClose();
    },
  });
  const reuploadAction = useAction(reuploadMediaAction, {
    onSuccess: async ({ data }) => {
      toast.success(t("reuploaded", { name: data.media.fileName }));
      await refresh();
      onClose();
    },
    onError: ({ error }) => toast.error(actionMessage(error, t("reuploadFailed"))),
  });

  const copyId = () =>
    void navigator.clipboard.writeText(item.id).then(
      () => toast.success(t("copied")),
      () => toast.error(t("copyFailed", { text: item.id })),
    );

  const uploaded = dates.dateTime(item.uploadedAt);
  const details: Array<[string, React.ReactNode]> = [
    [t("kind"), tKinds(item.kind)],
    [t("type"), item.mimeType],
    [t("size"), formatFileSize(format, item.size)],
    [t("uploaded"), item.uploaderName ? t("uploadedBy", { date: uploaded, name: item.uploaderName }) : uploaded],
    [t("expires"), <span key="e" className="inline-flex items-center gap-2">{dates.dateTime(item.expiresAt)} <ExpiryBadge expiresAt={item.expiresAt} now={new Date()} /></span>],
  ];

  return (
    <>
      <Dialog open onOpenChange={(open) => !open && onClose()}>
        <DialogContent className="max-h-[92dvh] overflow-y-auto sm:max-w-2xl">
          <DialogHeader>
            <DialogTitle dir="auto" className="truncate pe-6">{item.fileName}</DialogTitle>
            <DialogDescription>
              {tKinds(item.kind)} · {formatFileSize(format, item.size)}
            </DialogDescription>
          </DialogHeader>
          <MediaBody id={item.id} kind={item.kind} fileName={item.fileName} mimeType={item.mimeType} size={item.size} />
          {expired ? (
            <p className="rounded-md border border-destructive/25 bg-destructive/10 px-3 py-2 text-sm text-destructive">
              {canManage ? t("expiredManage") : t("expiredUse")}
            </p>
          ) : null}
          <dl className="grid grid-cols-[7rem_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-muted-foreground">{t("mediaId")}</dt>
            <dd className="flex min-w-0 items-center gap-1">
              <code className="truncate rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{item.id}</code>
              <Button variant="ghost" size="icon-sm" className="size-7" aria-label={t("copyMediaId")} onClick={copyId}>
                <CopyIcon aria-hidden="true" />
              </Button>
            </dd>
            {details.map(([term, value]) => (
              <React.Fragment key={term}>
                <dt className="text-muted-foreground">{term}</dt>
                <dd className="min-w-0 break-words">{value}</dd>
              </React.Fragment>
            ))}
          </dl>
          {link ? (
            <div className="flex flex-wrap items-center gap-2 rounded-md border bg-muted/30 px-3 py-2 text-sm">
              <LinkIcon className="size-4 text-muted-foreground" aria-hidden="true" />
              <a href={link.href} download={item.fileName} className="font-medium text-primary underline-offset-4 hover:underline">
                {t("download", { name: item.fileName })}
              </a>
              <span className="text-xs text-muted-foreground">{t("linkNote")}</span>
            </div>
          ) : null}
          <div className="flex flex-wrap gap-2 border-t pt-4">
            {!expired ? (
              <Button onClick={() => setSendOpen(true)}>
                <MessageSquareShareIcon className="rtl:-scale-x-100" aria-hidden="true" /> {t("send")}
              </Button>
            ) : canManage ? (
              <Button onClick={() => reuploadAction.execute({ mediaId: item.id })} disabled={reuploadAction.isPending}>
                <RefreshCwIcon aria-hidden="true" /> {reuploadAction.isPending ? t("uploading") : t("uploadAgain")}
              </Button>
            ) : null}
            <Button variant="outline" onClick={() => linkAction.execute({ mediaId: item.id })} disabled={linkAction.isPending || expired}>
              <DownloadIcon aria-hidden="true" /> {linkAction.isPending ? t("gettingLink") : t("getLink")}
            </Button>
            {canManage ? (
              <Button variant="outline" className="ms-auto text-destructive hover:text-destructive" onClick={() => setConfirmDelete(true)}>
                <Trash2Icon aria-hidden="true" /> {t("delete")}
              </Button>
            ) : null}
          </div>
        </DialogContent>
      </Dialog>
      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={(open) => {
          setConfirmDelete(open);
          if (!open) deleteAction.reset();
        }}
        title={t("deleteTitle", { name: item.fileName })}
        description={t("deleteDescription")}
        confirmLabel={t("deleteConfirm")}
        pendingLabel={t("deleting")}
        destructive
        pending={deleteAction.isPending}
        error={actionMessage(deleteAction.result)}
        onConfirm={() => deleteAction.execute({ mediaId: item.id })}
      />
      {sendOpen ? <SendToConversationDialog mediaId={item.id} kind={item.kind} fileName={item.fileName} phoneNumberId={phoneNumberId} onClose={() => setSendOpen(false)} /> : null}
    </>
  );
}
