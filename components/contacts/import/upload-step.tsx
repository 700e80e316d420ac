"use client";

import { useQueryClient } from "@tanstack/react-query";
import { FileUpIcon, Loader2Icon, XIcon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

import { Button } from "@/components/ui/button";
import { DropZone } from "@/components/ui/drop-zone";
import { FormError } from "@/components/ui/field";
import { formatFileSize } from "@/lib/i18n/format";
import { queryKeys } from "@/lib/query-keys";

import { IMPORT_ACCEPT, IMPORT_MAX_BYTES, refuseImportFile, uploadImportFile, type FileRefusal } from "../import-api";
import { importPath } from "./paths";

type UploadState =
  | { step: "idle" }
  | { step: "uploading"; name: string; size: number; percent: number }
  /** Every byte is sent; the server is reading the file's header and counting its rows. */
  | { step: "reading"; name: string; size: number }
  | { step: "failed"; message: string };

/**
 * Step 1 of an import: a CSV dropped or chosen, checked here (type, size) before any byte leaves,
 * sent with its progress, then the mapping step of the import the server created.
 */
export function UploadStep() {
  const t = useTranslations("contacts.importer.upload");
  const format = useFormatter();
  const router = useRouter();
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const [state, setState] = useState<UploadState>({ step: "idle" });
  const busy = state.step === "uploading" || state.step === "reading";

  // Leaving the page stops an upload still running.
  useEffect(() => () => abort.current?.abort(), []);

  const refusalText = (refusal: FileRefusal, name: string) =>
    refusal.kind === "tooBig" ? t("tooBig", { name, maximum: formatFileSize(format, refusal.maximum) }) : t(refusal.kind, { name });

  const send = async (file: File) => {
    if (busy) return;
    const refusal = refuseImportFile(file);
    if (refusal) {
      setState({ step: "failed", message: refusalText(refusal, file.name) });
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setState({ step: "uploading", name: file.name, size: file.size, percent: 0 });
    try {
      const created = await uploadImportFile(file, {
        signal: controller.signal,
        words: { failedStatus: (status) => t("failedStatus", { status }), connectionLost: t("connectionLost"), cancelled: t("cancelled") },
        onProgress: (loaded, total) =>
          setState(
            loaded >= total
              ? { step: "reading", name: file.name, size: file.size }
              : { step: "uploading", name: file.name, size: file.size, percent: Math.floor((loaded / total) * 100) },
          ),
      });
      queryClient.setQueryData(queryKeys.contacts.import(created.id), created);
      void queryClient.invalidateQueries({ queryKey: queryKeys.contacts.imports(), exact: true });
      router.push(importPath(created.id));
    } catch (error) {
      setState({ step: "failed", message: error instanceof Error ? error.message : t("connectionLost") });
    } finally {
      abort.current = null;
    }
  };

  const maximum = formatFileSize(format, IMPORT_MAX_BYTES);

  return (
    <section aria-labelledby="import-upload-title" className="grid gap-4">
      <div className="space-y-1">
        <h3 id="import-upload-title" className="text-base font-semibold tracking-tight">
          {t("title")}
        </h3>
        <p className="max-w-3xl text-sm text-muted-foreground">{t("description")}</p>
      </div>
      {busy ? (
        <UploadProgress state={state} onCancel={() => abort.current?.abort()} />
      ) : (
        <>
          <DropZone
            layout="panel"
            title={t("dropTitle")}
            description={t("dropDescription", { maximum })}
            inputLabel={t("inputLabel")}
            accept={IMPORT_ACCEPT}
            inputRef={inputRef}
            onFiles={(files) => {
              const [file] = files;
              if (file) void send(file);
            }}
          />
          <div className="flex flex-wrap items-center gap-3">
            <Button type="button" variant="outline" onClick={() => inputRef.current?.click()}>
              <FileUpIcon aria-hidden="true" />
              {t("chooseFile")}
            </Button>
            <p className="text-xs text-muted-foreground">{t("limits", { maximum })}</p>
          </div>
        </>
      )}
      {state.step === "failed" ? <FormError message={state.message} /> : null}
      <FileHints />
    </section>
  );
}

function UploadProgress({ state, onCancel }: { state: Extract<UploadState, { step: "uploading" | "reading" }>; onCancel: () => void }) {
  const t = useTranslations("contacts.importer.upload");
  const format = useFormatter();
  const percent = state.step === "reading" ? 100 : state.percent;
  return (
    <div className="grid gap-2 rounded-xl border bg-card px-4 py-4">
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <span dir="auto" className="truncate font-medium">
          {state.name}
        </span>
        <span className="shrink-0 text-xs tabular-nums text-muted-foreground">{formatFileSize(format, state.size)}</span>
      </div>
      <div
        role="progressbar"
        aria-label={t("progressLabel", { name: state.name })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={format.number(percent / 100, { style: "percent" })}
        className="h-2 overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full rounded-full bg-primary transition-[width] duration-200" style={{ width: `${percent}%` }} />
      </div>
      <div className="flex items-center justify-between gap-3">
        <p aria-live="polite" className="flex items-center gap-2 text-xs text-muted-foreground">
          <Loader2Icon className="size-3.5 animate-spin" aria-hidden="true" />
          {state.step === "reading" ? t("reading") : t("uploading", { percent: format.number(percent / 100, { style: "percent" }) })}
        </p>
        {state.step === "uploading" ? (
          <Button type="button" variant="ghost" size="sm" onClick={onCancel}>
            <XIcon aria-hidden="true" />
            {t("cancel")}
          </Button>
        ) : null}
      </div>
    </div>
  );
}

/** What a file needs, said once before anyone has to learn it from a refusal. */
function FileHints() {
  const t = useTranslations("contacts.importer.upload.hints");
  return (
    <div className="rounded-lg border bg-muted/30 px-4 py-3 text-sm">
      <h4 className="font-medium">{t("title")}</h4>
      <ul className="mt-1.5 list-disc space-y-1 ps-5 text-muted-foreground">
        <li>{t("header")}</li>
        <li>{t("phone")}</li>
        <li>{t("tags")}</li>
        <li>{t("encoding")}</li>
      </ul>
    </div>
  );
}
