"use client";

import { useQueryClient } from "@tanstack/react-query";
import { CircleAlertIcon, FileIcon, XIcon } from "lucide-react";
import * as React from "react";

import { checkFileForUpload, uploadFile } from "@/components/media/api";
import { Button } from "@/components/ui/button";
import { DropZone } from "@/components/ui/drop-zone";
import { ACCEPT_ATTRIBUTE, KIND_LABELS, formatBytes, limitSummary } from "@/lib/media/rules";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";

import { NO_UPLOAD, attachUploadReducer, uploadStatusText, type AttachUpload, type AttachableMedia } from "./attach-upload";

/**
 * Uploads one file to the number's media library (the same route and checks as the Media page) and
 * hands the library item over once WhatsApp has given it a media id. Closing the dialog cancels it.
 */
export function useAttachUpload(phoneNumberId: string, onReady: (media: AttachableMedia) => void) {
  const queryClient = useQueryClient();
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
    const check = await checkFileForUpload(file);
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
      });
      if (controller.signal.aborted) return;
      dispatch({ type: "uploaded", media: answer.media, reused: answer.reused });
      onReadyRef.current(answer.media);
      // The composer's library list and the Media page both show the new file.
      void queryClient.invalidateQueries({ queryKey: queryKeys.inbox.media(phoneNumberId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.media.library(phoneNumberId) });
    } catch (error) {
      if (controller.signal.aborted) return;
      dispatch({ type: "refused", file: picked, message: error instanceof Error ? error.message : "The upload failed. Try again." });
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
  const showPicker = upload.state === "idle" || upload.state === "problem";
  return (
    <div className="space-y-2">
      {upload.state !== "idle" ? <UploadedFile upload={upload} previewUrl={previewUrl} onRemove={onRemove} /> : null}
      {showPicker ? (
        <DropZone
          title={upload.state === "problem" ? "Upload another file" : "Upload a file"}
          description={`Or drop it here. Images ${limitSummary("image")}; videos ${limitSummary("video")}; audio up to 16 MB; documents up to 100 MB.`}
          inputLabel="Upload a file"
          accept={ACCEPT_ATTRIBUTE}
          onFiles={([file]) => file && onPick(file)}
        />
      ) : null}
    </div>
  );
}

function UploadedFile({ upload, previewUrl, onRemove }: { upload: Exclude<AttachUpload, { state: "idle" }>; previewUrl: string | null; onRemove: () => void }) {
  const { file } = upload;
  const status = uploadStatusText(upload);
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
          <span className="truncate font-medium">{file.name}</span>
          {upload.state === "ready" ? (
            <span className="shrink-0 text-xs text-muted-foreground">{KIND_LABELS[upload.media.kind as keyof typeof KIND_LABELS]?.one ?? upload.media.kind}</span>
          ) : null}
        </div>
        {upload.state === "uploading" ? (
          <div
            role="progressbar"
            aria-label={`Upload of ${file.name}`}
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
            <span className="font-medium">Not uploaded: </span>
            {status}
          </p>
        ) : (
          <p aria-live="polite" className="text-xs text-muted-foreground">
            {upload.state === "uploading" ? `${formatBytes(file.size)} · ${status}` : status}
          </p>
        )}
      </div>
      <Button
        type="button"
        variant="ghost"
        size="icon-sm"
        className="size-7"
        aria-label={upload.state === "uploading" ? `Cancel the upload of ${file.name}` : `Remove ${file.name}`}
        onClick={onRemove}
      >
        <XIcon aria-hidden="true" />
      </Button>
    </div>
  );
}
