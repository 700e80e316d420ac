"use client";

import { useQueryClient } from "@tanstack/react-query";
import { ArrowLeftIcon, ArrowRightIcon, CheckIcon, Loader2Icon } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useEffect, useState } from "react";

import { useAttributeDefinitions } from "@/components/contacts/api";
import type { CountryOption } from "@/components/contacts/import/mapping-step";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/shell/page-header";
import { FormError } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { readActionResult } from "@/lib/action-result";
import { createCampaignAction, updateCampaignAction } from "@/lib/actions/campaigns";
import type { CampaignView } from "@/lib/campaigns/types";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";

import { useAudienceImport, useWabaTemplates } from "../builder-api";
import { AudienceStep } from "./audience-step";
import { DeleteDraftButton } from "./delete-draft-button";
import {
  BUILDER_STEPS,
  builderHref,
  draftChanged,
  draftFromView,
  draftInput,
  draftProblems,
  EMPTY_DRAFT,
  mappingFor,
  shownStep,
  stepReachable,
  templateDefinition,
  type BuilderDraft,
  type BuilderStep,
} from "./draft";
import { ReviewStep } from "./review-step";
import { SetupStep, type BuilderNumber } from "./setup-step";
import { VariablesStep } from "./variables-step";

export const CAMPAIGNS_PATH = "/campaigns";

/**
 * The campaign builder, new or a saved draft: four steps on one page. What is typed stays in the
 * page until the draft is complete; from then on, each "Continue" saves it (created once, then
 * updated), so the review reads the plan and previews of what the server holds. The address names
 * the step shown (`?step=`), so a reload or a link opens the same step; a draft opens on the step the
 * link asks for when the steps before it are complete, else where it needs attention.
 */
export function CampaignBuilder({
  numbers,
  countries,
  suggestedCountry,
  initial,
  initialStep,
}: {
  numbers: BuilderNumber[];
  countries: CountryOption[];
  suggestedCountry: string | null;
  initial: CampaignView | null;
  /** The step the address asks for (a new campaign always starts at the first). */
  initialStep: BuilderStep | null;
}) {
  const t = useTranslations("campaigns.builder");
  const queryClient = useQueryClient();
  const attributes = useAttributeDefinitions();
  const [draft, setDraft] = useState<BuilderDraft>(() =>
    initial ? draftFromView(initial) : { ...EMPTY_DRAFT, phoneNumberId: numbers.length === 1 ? (numbers[0]?.id ?? "") : "" },
  );
  const [saved, setSaved] = useState<BuilderDraft | null>(() => (initial ? draftFromView(initial) : null));
  const [campaignId, setCampaignId] = useState<string | null>(initial?.id ?? null);
  // A new campaign has nothing filled in: only its first step can open.
  const [chosenStep, setChosenStep] = useState<BuilderStep | null>(initial ? initialStep : "setup");
  const [tried, setTried] = useState<ReadonlySet<BuilderStep>>(new Set());
  const [saveError, setSaveError] = useState<{ message: string; fieldErrors: Record<string, string> } | null>(null);

  const number = numbers.find((entry) => entry.id === draft.phoneNumberId);
  const templates = useWabaTemplates(number?.wabaId ?? "");
  const template = templates.data?.templates.find((entry) => entry.id === draft.templateId);
  const definition = template ? templateDefinition(template) : null;
  const importId = draft.audience?.kind === "import" ? draft.audience.importId : null;
  const audienceImport = useAudienceImport(importId);
  const problems = draftProblems(draft, definition, { importFinished: audienceImport.data?.status === "finished" });
  // A saved draft's steps can be judged once its template is known (the first step shows its own loading).
  const waiting = Boolean(number) && templates.isPending && chosenStep !== "setup";
  const step: BuilderStep | null = waiting ? null : shownStep(chosenStep, problems, campaignId !== null);

  // The address follows the step shown (and the draft once it is saved); the page itself stays.
  useEffect(() => {
    if (!step) return;
    const href = builderHref(campaignId, step);
    if (`${window.location.pathname}${window.location.search}` !== href) window.history.replaceState(null, "", href);
  }, [step, campaignId]);

  const create = useAction(createCampaignAction);
  const update = useAction(updateCampaignAction);
  const saving = create.isPending || update.isPending;

  const change = (next: Partial<BuilderDraft>) => {
    setDraft((current) => ({ ...current, ...next }));
    setSaveError(null);
  };

  /** Saves a complete draft when it changed; the campaign's id, or null when the server refused. */
  const save = async (): Promise<string | null> => {
    if (campaignId && !draftChanged(draft, saved)) return campaignId;
    const input = draftInput(draft);
    const result = campaignId ? await update.executeAsync({ campaignId, ...input }) : await create.executeAsync(input);
    const reading = readActionResult<CampaignView>(result);
    if (!reading.ok) {
      setSaveError({ message: reading.message, fieldErrors: reading.fieldErrors });
      return null;
    }
    const view = reading.data;
    setSaved(draft);
    setCampaignId(view.id);
    queryClient.setQueryData(queryKeys.campaigns.detail(view.id), view);
    void queryClient.invalidateQueries({ queryKey: queryKeys.campaigns.allOf(view.id), predicate: (query) => query.queryKey[3] !== "detail" });
    void queryClient.invalidateQueries({ queryKey: queryKeys.campaigns.lists() });
    return view.id;
  };

  const goTo = async (target: BuilderStep) => {
    const current = step ?? "setup";
    const forward = BUILDER_STEPS.indexOf(target) > BUILDER_STEPS.indexOf(current);
    if (forward) {
      setTried((before) => new Set([...before, current]));
      if (problems.some((problem) => problem.step === current)) return;
      if (!stepReachable(target, problems)) return;
    }
    // A complete draft is saved whenever the person moves on; the review always reads a saved one.
    if (problems.length === 0 && (forward || target === "review")) {
      const id = await save();
      if (!id) return;
    }
    setChosenStep(target);
  };

  const header = (
    <PageHeader
      title={saved ? <span dir="auto">{saved.name.trim()}</span> : t("newTitle")}
      description={t("description")}
      actions={campaignId && saved ? <DeleteDraftButton campaignId={campaignId} name={saved.name.trim()} disabled={saving} /> : null}
    />
  );

  if (!step) {
    return (
      <div className="grid gap-6">
        {header}
        <div aria-busy="true" aria-label={t("loading")} className="grid gap-3">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-64 w-full" />
        </div>
      </div>
    );
  }

  const index = BUILDER_STEPS.indexOf(step);
  const next = BUILDER_STEPS[index + 1];
  const previous = BUILDER_STEPS[index - 1];

  return (
    <div className="grid gap-6">
      {header}
      <nav aria-label={t("stepsLabel")}>
        <ol className="flex flex-wrap gap-2">
          {BUILDER_STEPS.map((entry, position) => {
            const current = entry === step;
            const done = position < index && !problems.some((problem) => problem.step === entry);
            const reachable = entry === step || position < index || stepReachable(entry, problems);
            return (
              <li key={entry}>
                <button
                  type="button"
                  aria-current={current ? "step" : undefined}
                  disabled={!reachable || saving}
                  onClick={() => void goTo(entry)}
                  className={cn(
                    "inline-flex items-center gap-2 rounded-full border px-3 py-1.5 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-50",
                    current ? "border-primary bg-primary text-primary-foreground" : "hover:bg-muted",
                  )}
                >
                  <span aria-hidden="true" className="inline-flex size-5 items-center justify-center rounded-full bg-background/20 text-xs tabular-nums">
                    {done ? <CheckIcon className="size-3.5" /> : position + 1}
                  </span>
                  {t(`steps.${entry}`)}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>

      <section aria-labelledby="campaign-step-title" className="grid gap-5 rounded-xl border bg-card px-5 py-5">
        <div className="space-y-1">
          <h2 id="campaign-step-title" className="text-base font-semibold tracking-tight">
            {t(`stepTitles.${step}`)}
          </h2>
          <p className="text-sm text-muted-foreground">{t(`stepDescriptions.${step}`)}</p>
        </div>

        {step === "setup" ? (
          <SetupStep
            draft={draft}
            numbers={numbers}
            problems={problems}
            showProblems={tried.has("setup")}
            serverErrors={saveError?.fieldErrors ?? {}}
            onName={(name) => change({ name })}
            onNumber={(chosen) =>
              // Templates belong to a number's account: another account's number starts the template over.
              change(chosen.wabaId === number?.wabaId ? { phoneNumberId: chosen.id } : { phoneNumberId: chosen.id, templateId: "", mapping: { variables: {} } })
            }
            onTemplate={(chosen) => change({ templateId: chosen.id, mapping: mappingFor(templateDefinition(chosen), draft.mapping, attributes.data ?? []) })}
          />
        ) : step === "audience" ? (
          <AudienceStep
            audience={draft.audience}
            problems={problems}
            showProblems={tried.has("audience")}
            countries={countries}
            suggestedCountry={suggestedCountry}
            onAudience={(audience) => change({ audience })}
          />
        ) : step === "mapping" && definition ? (
          <VariablesStep
            template={definition}
            phoneNumberId={draft.phoneNumberId}
            businessName={number?.verifiedName ?? undefined}
            mapping={draft.mapping}
            problems={problems}
            showProblems={tried.has("mapping")}
            onMapping={(mapping) => change({ mapping })}
          />
        ) : step === "review" && campaignId ? (
          <ReviewStep campaignId={campaignId} businessName={number?.verifiedName ?? undefined} countries={countries} suggestedCountry={suggestedCountry} />
        ) : (
          <FormError message={t("incomplete")} />
        )}

        {saveError ? <FormError message={saveError.message} /> : null}

        <div className="flex flex-wrap items-center justify-between gap-3 border-t pt-4">
          {previous ? (
            <Button type="button" variant="outline" disabled={saving} onClick={() => void goTo(previous)}>
              <ArrowLeftIcon className="rtl:-scale-x-100" aria-hidden="true" />
              {t("previous")}
            </Button>
          ) : (
            <Button asChild variant="ghost">
              <Link href={CAMPAIGNS_PATH}>{t("cancel")}</Link>
            </Button>
          )}
          <p aria-live="polite" className="text-xs text-muted-foreground">
            {saving ? t("saving") : campaignId ? (draftChanged(draft, saved) ? t("unsaved") : t("saved")) : t("notSavedYet")}
          </p>
          {next ? (
            <Button type="button" disabled={saving} onClick={() => void goTo(next)}>
              {saving ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
              {t("continue")}
              <ArrowRightIcon className="rtl:-scale-x-100" aria-hidden="true" />
            </Button>
          ) : null}
        </div>
      </section>
    </div>
  );
}
