"use client";

import { useQueryClient } from "@tanstack/react-query";
import { CircleAlertIcon, CircleCheckIcon, FileUpIcon, Loader2Icon, XIcon } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useRef, useState } from "react";

import { useContactCount, useSegments, useTags } from "@/components/contacts/api";
import { refuseImportFile, uploadImportFile, IMPORT_ACCEPT, IMPORT_MAX_BYTES } from "@/components/contacts/import-api";
import { ImportCounts, ImportProgressBar, ImportStatusBadge } from "@/components/contacts/import/import-parts";
import { MappingStep, type CountryOption } from "@/components/contacts/import/mapping-step";
import { CheckboxPopover } from "@/components/contacts/list/checkbox-popover";
import { TagChip } from "@/components/contacts/tags/tag-chip";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DropZone } from "@/components/ui/drop-zone";
import { Field, FieldControl, FormError } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import type { CampaignAudience } from "@/lib/campaigns/types";
import type { SegmentView } from "@/lib/contacts/views";
import { formatFileSize } from "@/lib/i18n/format";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";

import { useAudienceImport, useBuilderErrorText } from "../builder-api";
import type { DraftProblem } from "./draft";

const KINDS = ["segment", "tags", "import"] as const satisfies ReadonlyArray<CampaignAudience["kind"]>;

/** Step 2: who it goes to — a saved segment, contacts with any of some tags, or the contacts of a CSV imported here. */
export function AudienceStep({
  audience,
  problems,
  showProblems,
  countries,
  suggestedCountry,
  onAudience,
}: {
  audience: CampaignAudience | null;
  problems: readonly DraftProblem[];
  showProblems: boolean;
  countries: CountryOption[];
  suggestedCountry: string | null;
  onAudience: (audience: CampaignAudience | null) => void;
}) {
  const t = useTranslations("campaigns.builder.audience");
  const [kind, setKind] = useState<CampaignAudience["kind"]>(audience?.kind ?? "segment");
  const problem = showProblems ? problems.find((entry) => entry.step === "audience") : undefined;

  const choose = (next: CampaignAudience["kind"]) => {
    setKind(next);
    // Each kind keeps nothing of another: switching starts that kind afresh.
    if (audience?.kind !== next) onAudience(next === "tags" ? { kind: "tags", tagIds: [] } : null);
  };

  return (
    <div className="grid gap-5">
      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm font-medium">{t("kind")}</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {KINDS.map((entry) => (
            <label
              key={entry}
              className={cn(
                "grid cursor-pointer gap-0.5 rounded-lg border px-3 py-2.5 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
                kind === entry ? "border-primary bg-primary/5" : "hover:bg-muted/50",
              )}
            >
              <span className="flex items-center gap-2 font-medium">
                <input type="radio" name="campaign-audience-kind" value={entry} checked={kind === entry} onChange={() => choose(entry)} className="accent-primary" />
                {t(`kinds.${entry}.label`)}
              </span>
              <span className="ps-5 text-xs text-muted-foreground">{t(`kinds.${entry}.hint`)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      {kind === "segment" ? (
        <SegmentPicker segmentId={audience?.kind === "segment" ? audience.segmentId : ""} onSegment={(segmentId) => onAudience(segmentId ? { kind: "segment", segmentId } : null)} />
      ) : kind === "tags" ? (
        <TagsPicker tagIds={audience?.kind === "tags" ? audience.tagIds : []} onTags={(tagIds) => onAudience({ kind: "tags", tagIds })} />
      ) : (
        <CsvAudience
          importId={audience?.kind === "import" ? audience.importId : null}
          countries={countries}
          suggestedCountry={suggestedCountry}
          onImport={(importId) => onAudience(importId ? { kind: "import", importId } : null)}
        />
      )}
      {problem ? <FormError message={t(`problems.${problem.kind as "audienceMissing" | "tagsMissing" | "importUnfinished"}`)} /> : null}
    </div>
  );
}

function SegmentPicker({ segmentId, onSegment }: { segmentId: string; onSegment: (segmentId: string) => void }) {
  const t = useTranslations("campaigns.builder.audience");
  const errorText = useBuilderErrorText();
  const segments = useSegments();
  if (segments.isPending) return <Skeleton className="h-9 w-80" aria-label={t("loading")} />;
  if (segments.isError) return <FormError message={errorText(segments.error)} />;
  if (segments.data.length === 0) {
    return (
      <p className="text-sm text-muted-foreground">
        {t.rich("noSegments", { link: (chunks) => <Link href="/contacts/segments/new" className="text-foreground underline underline-offset-4">{chunks}</Link> })}
      </p>
    );
  }
  const segment = segments.data.find((entry) => entry.id === segmentId);
  return (
    <div className="grid gap-2">
      <Field id="campaign-segment" label={t("segment")} className="max-w-md">
        <FieldControl>
          <NativeSelect value={segmentId} onChange={(event) => onSegment(event.target.value)} className="w-full">
            <option value="">{t("chooseSegment")}</option>
            {segments.data.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name}
              </option>
            ))}
          </NativeSelect>
        </FieldControl>
      </Field>
      {segment ? <SegmentSize segment={segment} /> : null}
    </div>
  );
}

function SegmentSize({ segment }: { segment: SegmentView }) {
  const t = useTranslations("campaigns.builder.audience");
  const format = useFormatter();
  const count = useContactCount(segment.filter, segment.id);
  return (
    <p aria-live="polite" className="text-sm text-muted-foreground">
      {count.data === undefined ? t("counting") : t("segmentSize", { count: count.data, number: format.number(count.data) })}
    </p>
  );
}

function TagsPicker({ tagIds, onTags }: { tagIds: string[]; onTags: (tagIds: string[]) => void }) {
  const t = useTranslations("campaigns.builder.audience");
  const errorText = useBuilderErrorText();
  const tags = useTags();
  if (tags.isPending) return <Skeleton className="h-9 w-60" aria-label={t("loading")} />;
  if (tags.isError) return <FormError message={errorText(tags.error)} />;
  const chosen = tagIds.map((id) => tags.data.find((tag) => tag.id === id)).filter((tag) => tag !== undefined);
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <CheckboxPopover
          label={t("tags")}
          buttonText={t("chooseTags")}
          options={tags.data.map((tag) => ({ value: tag.id, text: tag.name, label: <TagChip tag={tag} /> }))}
          selected={tagIds}
          onChange={onTags}
          emptyText={t("noTags")}
        />
        {chosen.map((tag) => (
          <TagChip
            key={tag.id}
            tag={tag}
            action={
              <button
                type="button"
                onClick={() => onTags(tagIds.filter((id) => id !== tag.id))}
                aria-label={t("removeTag", { name: tag.name })}
                className="-me-0.5 rounded-full p-0.5 hover:bg-black/10 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
              >
                <XIcon className="size-3" aria-hidden="true" />
              </button>
            }
          />
        ))}
      </div>
      <p className="text-sm text-muted-foreground">{t("tagsHint")}</p>
    </div>
  );
}

type UploadState = { step: "idle" } | { step: "uploading"; name: string; percent: number } | { step: "failed"; message: string };

/** A CSV: uploaded here, its columns mapped with the import's own step, imported; its contacts are the audience. */
function CsvAudience({
  importId,
  countries,
  suggestedCountry,
  onImport,
}: {
  importId: string | null;
  countries: CountryOption[];
  suggestedCountry: string | null;
  onImport: (importId: string | null) => void;
}) {
  const t = useTranslations("campaigns.builder.audience.csv");
  const upload = useTranslations("contacts.importer.upload");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const errorText = useBuilderErrorText();
  const inputRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<UploadState>({ step: "idle" });
  const imported = useAudienceImport(importId);

  const send = async (file: File) => {
    const refusal = refuseImportFile(file);
    if (refusal) {
      setState({
        step: "failed",
        message: refusal.kind === "tooBig" ? upload("tooBig", { name: file.name, maximum: formatFileSize(format, refusal.maximum) }) : upload(refusal.kind, { name: file.name }),
      });
      return;
    }
    setState({ step: "uploading", name: file.name, percent: 0 });
    try {
      const created = await uploadImportFile(file, {
        words: { failedStatus: (status) => upload("failedStatus", { status }), connectionLost: upload("connectionLost"), cancelled: upload("cancelled") },
        onProgress: (loaded, total) => setState({ step: "uploading", name: file.name, percent: Math.floor((loaded / Math.max(total, 1)) * 100) }),
      });
      queryClient.setQueryData(queryKeys.contacts.import(created.id), created);
      setState({ step: "idle" });
      onImport(created.id);
    } catch (error) {
      setState({ step: "failed", message: error instanceof Error ? error.message : upload("connectionLost") });
    }
  };

  if (importId) {
    if (imported.isPending) return <Skeleton className="h-40 w-full" aria-label={t("loading")} />;
    if (imported.isError) return <FormError message={errorText(imported.error)} />;
    const view = imported.data;
    return (
      <section aria-labelledby="campaign-csv-title" className="grid gap-4 rounded-xl border px-4 py-4">
        <div className="flex flex-wrap items-center gap-3">
          <h3 id="campaign-csv-title" dir="auto" className="min-w-0 truncate text-sm font-semibold">
            {view.fileName}
          </h3>
          <ImportStatusBadge status={view.status} />
          <Button type="button" variant="ghost" size="sm" className="ms-auto" onClick={() => onImport(null)}>
            <XIcon aria-hidden="true" />
            {t("another")}
          </Button>
        </div>
        {view.status === "uploaded" ? (
          <MappingStep view={view} countries={countries} suggestedCountry={suggestedCountry} />
        ) : view.status === "queued" || view.status === "running" ? (
          <div className="grid gap-2">
            <p className="flex items-center gap-2 text-sm">
              <Loader2Icon className="size-4 animate-spin text-muted-foreground" aria-hidden="true" />
              {t("importing")}
            </p>
            <ImportProgressBar view={view} label={t("progress")} />
          </div>
        ) : view.status === "finished" ? (
          <>
            <Alert variant="success" role="status">
              <CircleCheckIcon aria-hidden="true" />
              <AlertTitle>{t("finishedTitle")}</AlertTitle>
              <AlertDescription>{t("finishedDescription", { count: view.created + view.updated + view.unchanged })}</AlertDescription>
            </Alert>
            <ImportCounts view={view} label={t("counts")} />
          </>
        ) : (
          <Alert variant="destructive">
            <CircleAlertIcon aria-hidden="true" />
            <AlertTitle>{t("failedTitle")}</AlertTitle>
            <AlertDescription>
              <p dir="auto">{view.error ?? t("failedUnknown")}</p>
            </AlertDescription>
          </Alert>
        )}
      </section>
    );
  }

  return (
    <div className="grid gap-3">
      {state.step === "uploading" ? (
        <div className="grid gap-2 rounded-xl border px-4 py-3">
          <p dir="auto" className="truncate text-sm font-medium">
            {state.name}
          </p>
          <div
            role="progressbar"
            aria-label={upload("progressLabel", { name: state.name })}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={state.percent}
            className="h-2 overflow-hidden rounded-full bg-muted"
          >
            <div className="h-full rounded-full bg-primary transition-[width]" style={{ width: `${state.percent}%` }} />
          </div>
        </div>
      ) : (
        <>
          <DropZone
            layout="panel"
            title={upload("dropTitle")}
            description={upload("dropDescription", { maximum: formatFileSize(format, IMPORT_MAX_BYTES) })}
            inputLabel={upload("inputLabel")}
            accept={IMPORT_ACCEPT}
            inputRef={inputRef}
            onFiles={([file]) => {
              if (file) void send(file);
            }}
          />
          <Button type="button" variant="outline" className="w-fit" onClick={() => inputRef.current?.click()}>
            <FileUpIcon aria-hidden="true" />
            {upload("chooseFile")}
          </Button>
        </>
      )}
      {state.step === "failed" ? <FormError message={state.message} /> : null}
      <p className="text-sm text-muted-foreground">{t("hint")}</p>
    </div>
  );
}
