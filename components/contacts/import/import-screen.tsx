"use client";

import { ArrowLeftIcon, CircleAlertIcon, CircleCheckIcon, DownloadIcon, Loader2Icon, UploadIcon, UsersIcon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";

import { RelativeTime } from "@/components/relative-time";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import type { ContactImportView } from "@/lib/contacts/views";
import { formatFileSize } from "@/lib/i18n/format";

import { rejectsUrl, useImport, useImportErrorText } from "../import-api";
import { ImportCounts, ImportProgressBar, ImportStatusBadge } from "./import-parts";
import { MappingStep, type CountryOption } from "./mapping-step";
import { IMPORTS_PATH, NEW_IMPORT_PATH } from "./paths";

const CONTACTS_PATH = "/contacts";

/**
 * One import, whatever its state: the mapping step while uploaded, its progress while queued or
 * running, then what it did (or why it stopped). Read from the server, so a reload shows the same;
 * the live `contact_import.updated` events move it along.
 */
export function ImportScreen({ importId, countries, suggestedCountry }: { importId: string; countries: CountryOption[]; suggestedCountry: string | null }) {
  const t = useTranslations("contacts.importer.screen");
  const errorText = useImportErrorText();
  const query = useImport(importId);

  if (query.isPending) {
    return (
      <div aria-busy="true" aria-label={t("loading")} className="grid gap-3">
        <Skeleton className="h-7 w-64" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }
  if (!query.data) {
    return (
      <div className="grid justify-items-start gap-3">
        <BackLink />
        <FormError message={errorText(query.error)} />
        <Button variant="outline" onClick={() => void query.refetch()}>
          {t("retry")}
        </Button>
      </div>
    );
  }
  const view = query.data;
  return (
    <div className="grid gap-6">
      <ImportHeader view={view} />
      {view.status === "uploaded" ? (
        <MappingStep view={view} countries={countries} suggestedCountry={suggestedCountry} />
      ) : view.status === "queued" || view.status === "running" ? (
        <ImportRunning view={view} />
      ) : view.status === "finished" ? (
        <ImportFinished view={view} />
      ) : (
        <ImportFailed view={view} />
      )}
    </div>
  );
}

function BackLink() {
  const t = useTranslations("contacts.importer.screen");
  return (
    <Link href={IMPORTS_PATH} className="inline-flex w-fit items-center gap-1.5 text-sm text-muted-foreground hover:text-foreground focus-visible:underline">
      <ArrowLeftIcon className="size-4 rtl:-scale-x-100" aria-hidden="true" />
      {t("back")}
    </Link>
  );
}

/** The file, who brought it and when, and where the import is. */
function ImportHeader({ view }: { view: ContactImportView }) {
  const t = useTranslations("contacts.importer.screen");
  const format = useFormatter();
  return (
    <div className="grid gap-2">
      <BackLink />
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h2 dir="auto" className="min-w-0 truncate text-lg font-semibold tracking-tight">
          {view.fileName}
        </h2>
        <ImportStatusBadge status={view.status} />
      </div>
      <p className="flex flex-wrap items-center gap-x-1.5 text-sm text-muted-foreground">
        <span className="tabular-nums">{formatFileSize(format, view.fileSize)}</span>
        <span aria-hidden="true">·</span>
        {view.createdBy ? (
          <span>{t.rich("uploadedBy", { name: view.createdBy.name, person: (chunks) => <bdi dir="auto">{chunks}</bdi> })}</span>
        ) : (
          <span>{t("uploaded")}</span>
        )}
        <RelativeTime iso={view.createdAt} />
      </p>
    </div>
  );
}

/** Queued or running: the rows processed so far and the counters, as each batch commits. */
function ImportRunning({ view }: { view: ContactImportView }) {
  const t = useTranslations("contacts.importer.running");
  const format = useFormatter();
  return (
    <section aria-labelledby="import-running-title" className="grid gap-4">
      <div className="space-y-1">
        <h3 id="import-running-title" className="flex items-center gap-2 text-base font-semibold tracking-tight">
          <Loader2Icon className="size-4 animate-spin text-muted-foreground" aria-hidden="true" />
          {view.status === "queued" ? t("queuedTitle") : t("title")}
        </h3>
        <p className="text-sm text-muted-foreground">{view.status === "queued" ? t("queuedDescription") : t("description")}</p>
      </div>
      <div className="grid gap-1.5">
        <ImportProgressBar view={view} label={t("progressLabel")} />
        <p className="text-sm tabular-nums text-muted-foreground">
          {t("rows", { processed: format.number(view.processedRows), total: format.number(view.totalRows) })}
        </p>
      </div>
      <ImportCounts view={view} label={t("countsLabel")} />
    </section>
  );
}

/** Finished: what it did, the rejected rows to download, and the way to the contacts. */
function ImportFinished({ view }: { view: ContactImportView }) {
  const t = useTranslations("contacts.importer.finished");
  const format = useFormatter();
  return (
    <section aria-labelledby="import-finished-title" className="grid gap-4">
      <Alert variant="success" role="status">
        <CircleCheckIcon aria-hidden="true" />
        <AlertTitle id="import-finished-title">{t("title")}</AlertTitle>
        <AlertDescription>
          {view.finishedAt ? t("description", { when: format.dateTime(new Date(view.finishedAt), { dateStyle: "medium", timeStyle: "short" }) }) : t("descriptionNoTime")}
        </AlertDescription>
      </Alert>
      <ImportCounts view={view} label={t("countsLabel")} />
      {view.rejected > 0 ? (
        <div className="grid justify-items-start gap-2 rounded-lg border px-4 py-3">
          <p className="text-sm">{t("rejectedHint", { count: view.rejected })}</p>
          <Button asChild variant="outline" size="sm">
            <a href={rejectsUrl(view.id)} download>
              <DownloadIcon aria-hidden="true" />
              {t("downloadRejects")}
            </a>
          </Button>
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button asChild>
          <Link href={CONTACTS_PATH}>
            <UsersIcon aria-hidden="true" />
            {t("seeContacts")}
          </Link>
        </Button>
        <Button asChild variant="outline">
          <Link href={NEW_IMPORT_PATH}>
            <UploadIcon aria-hidden="true" />
            {t("importAnother")}
          </Link>
        </Button>
      </div>
    </section>
  );
}

/** Failed: why, what was kept, and what to do next. */
function ImportFailed({ view }: { view: ContactImportView }) {
  const t = useTranslations("contacts.importer.failed");
  return (
    <section aria-labelledby="import-failed-title" className="grid gap-4">
      <Alert variant="destructive">
        <CircleAlertIcon aria-hidden="true" />
        <AlertTitle id="import-failed-title">{t("title")}</AlertTitle>
        <AlertDescription>
          <p dir="auto">{view.error ?? t("unknownReason")}</p>
          <p>{view.processedRows > 0 ? t("whatToDoPartly") : t("whatToDo")}</p>
        </AlertDescription>
      </Alert>
      {view.processedRows > 0 ? <ImportCounts view={view} label={t("countsLabel")} /> : null}
      <div className="flex flex-wrap gap-2">
        <Button asChild>
          <Link href={NEW_IMPORT_PATH}>
            <UploadIcon aria-hidden="true" />
            {t("tryAgain")}
          </Link>
        </Button>
        {view.rejected > 0 ? (
          <Button asChild variant="outline">
            <a href={rejectsUrl(view.id)} download>
              <DownloadIcon aria-hidden="true" />
              {t("downloadRejects")}
            </a>
          </Button>
        ) : null}
      </div>
    </section>
  );
}
