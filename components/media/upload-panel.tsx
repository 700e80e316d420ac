"use client";

import { useQueryClient } from "@tanstack/react-query";
import { CheckCircle2Icon, CircleAlertIcon, RecycleIcon, UploadCloudIcon, XIcon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import * as React from "react";

import { Button } from "@/components/ui/button";
import { DropZone } from "@/components/ui/drop-zone";
import { formatFileSize } from "@/lib/i18n/format";
import { translateMessage, type Translatable } from "@/lib/i18n/translatable";
import { ACCEPT_ATTRIBUTE, limitSummary, sizeLimits } from "@/lib/media/rules";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";

import { checkFileForUpload, uploadFile } from "./api";
import { useTranslate } from "@/components/i18n/use-translate";

interface UploadItem {
  key: string;
  name: string;
  size: number;
  state: "waiting" | "uploading" | "processing" | "done" | "reused" | "refused" | "failed";
  percent: number;
  /** The refusal, a failure's words (the server's, already the reader's), or how it ended. */
  message?: Translatable | string;
}

export interface UploadPanelHandle {
  pick: () => void;
}

/**
 * Drop zone (also a file input) and the queue of uploads, one at a time, each with its progress bar.
 * Type and size are checked here first, so an oversized or unaccepted file never leaves the browser.
 */
export const UploadPanel = React.forwardRef<UploadPanelHandle, { phoneNumberId: string }>(function UploadPanel({ phoneNumberId }, ref) {
  const queryClient = useQueryClient();
  const t = useTranslations("media.upload");
  const translate = useTranslate();
  const format = useFormatter();
  const inputRef = React.useRef<HTMLInputElement>(null);
  const [items, setItems] = React.useState<UploadItem[]>([]);
  const queue = React.useRef<Promise<void>>(Promise.resolve());

  React.useImperativeHandle(ref, () => ({ pick: () => inputRef.current?.click() }), []);

  const update = (key: string, patch: Partial<UploadItem>) =>
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...patch } : item)));

  const addFiles = (files: File[]) => {
    for (const file of files) {
      const key = crypto.randomUUID();
      setItems((current) => [{ key, name: file.name, size: file.size, state: "waiting", percent: 0 }, ...current]);
      // One upload at a time: the server streams each file, and never holds two.
      queue.current = queue.current.then(() => uploadOne(key, file));
    }
  };

  const uploadOne = async (key: string, file: File) => {
    const check = await checkFileForUpload(file, format);
    if (!check.ok) {
      update(key, { state: "refused", message: check.message });
      return;
    }
    update(key, { state: "uploading" });
    try {
      const answer = await uploadFile(file, {
        phoneNumberId,
        mimeType: check.mimeType,
        onProgress: (loaded, total) => update(key, { percent: Math.round((loaded / total) * 100), state: loaded >= total ? "processing" : "uploading" }),
        t: translate,
      });
      update(key, { state: answer.reused ? "reused" : "done", percent: 100 });
      await queryClient.invalidateQueries({ queryKey: queryKeys.media.library(phoneNumberId) });
    } catch (error) {
      update(key, { state: "failed", message: error instanceof Error ? error.message : t("failed") });
    }
  };

  const finished = items.filter((item) => ["done", "reused", "refused", "failed"].includes(item.state));
  const limits = sizeLimits(format);

  return (
    <section aria-label={t("regionLabel")} className="space-y-3">
      <DropZone
        layout="panel"
        title={t("dropTitle")}
        description={t("dropDescription", {
          image: translateMessage(translate, limitSummary("image", format)),
          video: translateMessage(translate, limitSummary("video", format)),
          audioMax: limits.audioMax,
          documentMax: limits.documentMax,
          sticker: translateMessage(translate, limitSummary("sticker", format)),
        })}
        inputLabel={t("inputLabel")}
        accept={ACCEPT_ATTRIBUTE}
        multiple
        inputRef={inputRef}
        onFiles={addFiles}
      />
      {items.length > 0 ? (
        <div className="rounded-xl border bg-card">
          <div className="flex items-center justify-between border-b px-4 py-2">
            <h2 className="text-sm font-medium">{t("uploads")}</h2>
            {finished.length > 0 ? (
              <Button variant="ghost" size="sm" onClick={() => setItems((current) => current.filter((item) => !finished.includes(item)))}>
                {t("clearFinished")}
              </Button>
            ) : null}
          </div>
          <ul aria-label={t("uploads")} className="divide-y">
            {items.map((item) => (
              <UploadRow key={item.key} item={item} onDismiss={() => setItems((current) => current.filter((entry) => entry.key !== item.key))} />
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
});

function UploadRow({ item, onDismiss }: { item: UploadItem; onDismiss: () => void }) {
  const t = useTranslations("media.upload");
  const translate = useTranslate();
  const format = useFormatter();
  const bad = item.state === "refused" || item.state === "failed";
  const active = item.state === "waiting" || item.state === "uploading" || item.state === "processing";
  const percent = format.number(item.percent / 100, { style: "percent" });
  const status =
    item.state === "waiting"
      ? t("waiting")
      : item.state === "uploading"
        ? percent
        : item.state === "processing"
          ? t("processing")
          : item.state === "done"
            ? t("uploaded")
            : item.state === "reused"
              ? t("reused")
              : item.message === undefined
                ? ""
                : translateMessage(translate, item.message);
  return (
    <li className="flex items-start gap-3 px-4 py-3" aria-label={item.name}>
      <div className="mt-0.5">
        {bad ? (
          <CircleAlertIcon className="size-4 text-destructive" aria-hidden="true" />
        ) : item.state === "reused" ? (
          <RecycleIcon className="size-4 text-info" aria-hidden="true" />
        ) : item.state === "done" ? (
          <CheckCircle2Icon className="size-4 text-success" aria-hidden="true" />
        ) : (
          <UploadCloudIcon className="size-4 text-muted-foreground" aria-hidden="true" />
        )}
      </div>
      <div className="min-w-0 flex-1 space-y-1.5">
        <div className="flex items-baseline justify-between gap-3 text-sm">
          <span dir="auto" className="truncate font-medium">{item.name}</span>
          <span className="shrink-0 text-xs tabular-nums text-muted-foreground">{formatFileSize(format, item.size)}</span>
        </div>
        {!bad ? (
          <div
            role="progressbar"
            aria-label={t("progressLabel", { name: item.name })}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={item.percent}
            aria-valuetext={percent}
            className="h-1.5 overflow-hidden rounded-full bg-muted"
          >
            <div
              className={cn("h-full rounded-full transition-[width] duration-200", item.state === "reused" ? "bg-info" : item.state === "done" ? "bg-success" : "bg-primary")}
              style={{ width: `${item.percent}%` }}
            />
          </div>
        ) : null}
        <p role={bad ? "alert" : undefined} aria-live={bad ? undefined : "polite"} className={cn("text-xs", bad ? "text-destructive" : "text-muted-foreground")}>
          {status}
        </p>
      </div>
      {!active ? (
        <Button variant="ghost" size="icon-sm" className="size-6" aria-label={t("dismiss", { name: item.name })} onClick={onDismiss}>
          <XIcon aria-hidden="true" />
        </Button>
      ) : null}
    </li>
  );
}
