"use client";

import { useQueryClient } from "@tanstack/react-query";
import { CircleAlertIcon, FileIcon, XIcon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import * as React from "react";

import { checkFileForUpload, uploadFile } from "@/components/media/api";
import { useTranslate } from "@/components/i18n/use-translate";
import { Button } from "@/components/ui/button";
import { DropZone } from "@/components/ui/drop-zone";
import { formatFileSize } from "@/lib/i18n/format";
import { translateMessage } from "@/lib/i18n/translatable";
import { ACCEPT_ATTRIBUTE, isMediaKind, limitSummary, sizeLimits } from "@/lib/media/rules";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";

import { NO_UPLOAD, attachUploadReducer, uploadStatusText, type AttachUpload, type AttachableMedia } from "./attach-upload";

/**
 * Uploads one file to the number's media library (the same route and checks as the Media page) and
 * hands the library item over once WhatsApp has given it a media id. Closing the dialog cancels it.
 */
export function useAttachUpload(phoneNumberId: string, onReady: (media: AttachableMedia) => void) {
  const queryClient = useQueryClient();
  const t = useTranslate();
  const format = useFormatter();
  const [upload, dispatch] = React.useReducer(attachUploadReducer, NO_UPLOAD);
  const [previewUrl, setPreviewUrl] = React.useState<string | null>(null);
  const inFlight = React.useRef<AbortController | null>(null);
  const onReadyRef = React.useRef(onReady);
  React.useEffect(() => {
    onReadyRef.current = onReady;
  });

  React.useEffect(() => () => inFlight.current?.abort(), []);
  React.useEffect(() => (previewUrl ? () => URL.revokeObjectURL(previewUrl) : undefined), [previewUrl]);

  const start = async (file: File) => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    const picked = { name: file.name, size: file.size };
    const check = await checkFileForUpload(file, format);
    if (controller.signal.aborted) return;
    setPreviewUrl(check.ok && check.kind === "image" ? URL.createObjectURL(file) : null);
    if (!check.ok) {
      dispatch({ type: "refused", file: picked, message: check.message });
      return;
    }
    dispatch({ type: "start", file: picked });
    try {
      const answer = await uploadFile(file, {
        phoneNumberId,
        mimeType: check.mimeType,
        signal: controller.signal,
        onProgress: (loaded, total) => dispatch({ type: "progress", loaded, total }),
        t,
      });
      if (controller.signal.aborted) return;
      dispatch({ type: "uploaded", media: answer.media, reused: answer.reused });
      onReadyRef.current(answer.media);
      // The composer's library list and the Media page both show the new file.
      void queryClient.invalidateQueries({ queryKey: queryKeys.inbox.media(phoneNumberId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.media.library(phoneNumberId) });
    } catch (error) {
      if (controller.signal.aborted) return;
      dispatch({ type: "refused", file: picked, message: error instanceof Error ? error.message : t("media.attach.failed") });
    } finally {
      if (inFlight.current === controller) inFlight.current = null;
    }
  };

  const clear = () => {
    inFlight.current?.abort();
    inFlight.current = null;
    setPreviewUrl(null);
    dispatch({ type: "clear" });
  };

  return { upload, previewUrl, start: (file: File) => void start(file), clear };
}

/** The drop zone (a labelled file input) and, once a file is picked, its progress, result or refusal. */
export function AttachUploadField({
  upload,
  previewUrl,
  onPick,
  onRemove,
}: {
  upload: AttachUpload;
  previewUrl: string | null;
  onPick: (file: File) => void;
  onRemove: () => void;
}) {
  const t = useTranslations("media.attach");
  const translate = useTranslate();
  const format = useFormatter();
  const showPicker = upload.state === "idle" || upload.state === "problem";
  const limits = sizeLimits(format);
  return (
    <div className="space-y-2">
      {upload.state !== "idle" ? <UploadedFile upload={upload} previewUrl={previewUrl} onRemove={onRemove} /> : null}
      {showPicker ? (
        <DropZone
          title={upload.state === "problem" ? t("pickAnother") : t("pick")}
          description={t("dropDescription", {
            image: translateMessage(translate, limitSummary("image", format)),
            video: translateMessage(translate, limitSummary("video", format)),
            audioMax: limits.audioMax,
            documentMax: limits.documentMax,
          })}
          inputLabel={t("pick")}
          accept={ACCEPT_ATTRIBUTE}
          onFiles={([file]) => file && onPick(file)}
        />
      ) : null}
    </div>
  );
}

function UploadedFile({ upload, previewUrl, onRemove }: { upload: Exclude<AttachUpload, { state: "idle" }>; previewUrl: string | null; onRemove: () => void }) {
  const t = useTranslations("media");
  const translate = useTranslate();
  const format = useFormatter();
  const { file } = upload;
  const status = uploadStatusText(upload, translate, format);
  return (
    <div
      aria-label={file.name}
      role="group"
      className={cn("flex items-start gap-3 rounded-lg border p-2.5", upload.state === "problem" ? "border-destructive/40 bg-destructive/5" : "bg-muted/40")}
    >
      <div className="flex size-12 shrink-0 items-center justify-center overflow-hidden rounded-md bg-muted">
        {upload.state === "problem" ? (
          <CircleAlertIcon className="size-5 text-destructive" aria-hidden="true" />
        ) : previewUrl ? (
          // A local preview of the picked file: an object URL, nothing for next/image to optimise.
          // eslint-disable-next-line @next/next/no-img-element
          <img src={previewUrl} alt="" className="size-full object-cover" />
        ) : (
          <FileIcon className="size-5 text-muted-foreground" aria-hidden="true" />
        )}
      </div>
      <div className="min-w-0 flex-1 space-y-1.5">
        <div className="flex items-baseline gap-2 text-sm">
          <span dir="auto" className="truncate font-medium">{file.name}</span>
          {upload.state === "ready" ? (
            <span className="shrink-0 text-xs text-muted-foreground">{isMediaKind(upload.media.kind) ? t(`kinds.${upload.media.kind}`) : upload.media.kind}</span>
          ) : null}
        </div>
        {upload.state === "uploading" ? (
          <div
            role="progressbar"
            aria-label={t("attach.progressLabel", { name: file.name })}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={upload.percent}
            aria-valuetext={status}
            className="h-1.5 overflow-hidden rounded-full bg-muted"
          >
            <div className={cn("h-full rounded-full bg-primary transition-[width] duration-200", upload.percent >= 100 && "animate-pulse")} style={{ width: `${upload.percent}%` }} />
          </div>
        ) : null}
        {upload.state === "problem" ? (
          <p role="alert" className="text-xs text-destructive">
            {t.rich("attach.notUploaded", { reason: status, label: (chunks) => <span className="font-medium">{chunks}</span> })}
          </p>
        ) : (
          <p aria-live="polite" className="text-xs text-muted-foreground">
            {upload.state === "uploading" ? `${formatFileSize(format, file.size)} · ${status}` : status}
          </p>
        )}
      </div>
      <Button
        type="button"
        variant="ghost"
        size="icon-sm"
        className="size-7"
        aria-label={upload.state === "uploading" ? t("attach.cancel", { name: file.name }) : t("attach.remove", { name: file.name })}
        onClick={onRemove}
      >
        <XIcon aria-hidden="true" />
      </Button>
    </div>
  );
}
