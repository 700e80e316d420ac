"use client";

import { useQueryClient } from "@tanstack/react-query";
import { CalendarClockIcon, ChevronLeftIcon, ChevronRightIcon, Loader2Icon, RocketIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useNow, useTimeZone, useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";

import type { CountryOption } from "@/components/contacts/import/mapping-step";
import { TemplatePreviewBubble } from "@/components/templates/template-preview";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, FieldControl, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCaption, TableCell, TableFooter, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { readActionResult } from "@/lib/action-result";
import { startCampaignAction } from "@/lib/actions/campaigns";
import { SKIP_REASONS, type CampaignPlan, type CostSummary } from "@/lib/campaigns/types";
import { queryKeys } from "@/lib/query-keys";

import { useBuilderErrorText, useCampaignPlan, useRecipientPreview } from "../builder-api";
import { previewOf } from "./preview";
import { nextHourIn, scheduleProblem, timeZoneChoices, zonedTimeToInstant } from "./schedule";
import { categoryKey } from "./setup-step";
import { TestSendDialog } from "./test-send-dialog";

/** Everyone in the audience, sent to or skipped (the preview steps through them all). */
export function audienceTotal(plan: Pick<CampaignPlan, "eligible" | "skipped">): number {
  return plan.eligible + SKIP_REASONS.reduce((sum, reason) => sum + (plan.skipped[reason] ?? 0), 0);
}

/** Step 4: a recipient's message, who is sent to and who skipped and why, the cost, a test, then send now or schedule. */
export function ReviewStep({
  campaignId,
  businessName,
  countries,
  suggestedCountry,
}: {
  campaignId: string;
  businessName: string | undefined;
  countries: CountryOption[];
  suggestedCountry: string | null;
}) {
  const t = useTranslations("campaigns.builder.review");
  const errorText = useBuilderErrorText();
  const plan = useCampaignPlan(campaignId);

  if (plan.isPending) {
    return (
      <div aria-busy="true" aria-label={t("loading")} className="grid gap-3 lg:grid-cols-2">
        <Skeleton className="h-80 w-full" />
        <Skeleton className="h-80 w-full" />
      </div>
    );
  }
  if (plan.isError) {
    return (
      <div className="grid justify-items-start gap-2">
        <FormError message={errorText(plan.error)} />
        <Button variant="outline" onClick={() => void plan.refetch()}>
          {t("retry")}
        </Button>
      </div>
    );
  }
  return (
    <div className="grid gap-8">
      <div className="grid gap-6 lg:grid-cols-[20rem_minmax(0,1fr)]">
        <RecipientPreviewPanel campaignId={campaignId} total={audienceTotal(plan.data)} businessName={businessName} />
        <div className="grid content-start gap-6">
          <PlanSummary plan={plan.data} />
          <Estimate estimate={plan.data.estimate} />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3 border-t pt-6">
        <TestSendDialog campaignId={campaignId} countries={countries} suggestedCountry={suggestedCountry} />
        <p className="text-sm text-muted-foreground">{t("testHint")}</p>
      </div>
      <Launch campaignId={campaignId} eligible={plan.data.eligible} />
    </div>
  );
}

function RecipientPreviewPanel({ campaignId, total, businessName }: { campaignId: string; total: number; businessName: string | undefined }) {
  const t = useTranslations("campaigns.builder.review.preview");
  const reasons = useTranslations("campaigns.builder.skipReasons");
  const format = useFormatter();
  const errorText = useBuilderErrorText();
  const [index, setIndex] = useState(0);
  const preview = useRecipientPreview(total > 0 ? campaignId : null, index);
  const recipient = preview.data;

  return (
    <section aria-labelledby="campaign-preview-title" className="grid content-start gap-3">
      <h3 id="campaign-preview-title" className="text-sm font-semibold">
        {t("title")}
      </h3>
      {total === 0 ? (
        <p className="text-sm text-muted-foreground">{t("nobody")}</p>
      ) : (
        <>
          <div className="flex items-center justify-between gap-2">
            <Button type="button" variant="outline" size="sm" disabled={index === 0} onClick={() => setIndex((current) => Math.max(0, current - 1))}>
              <ChevronLeftIcon className="rtl:-scale-x-100" aria-hidden="true" />
              {t("previous")}
            </Button>
            <p aria-live="polite" className="text-xs tabular-nums text-muted-foreground">
              {t("position", { position: format.number(index + 1), total: format.number(total) })}
            </p>
            <Button type="button" variant="outline" size="sm" disabled={index >= total - 1} onClick={() => setIndex((current) => Math.min(total - 1, current + 1))}>
              {t("next")}
              <ChevronRightIcon className="rtl:-scale-x-100" aria-hidden="true" />
            </Button>
          </div>
          {preview.isPending ? (
            <Skeleton className="h-72 w-full" />
          ) : preview.isError ? (
            <FormError message={errorText(preview.error)} />
          ) : recipient ? (
            <div className="grid gap-2" aria-busy={preview.isFetching}>
              <p className="text-sm">
                <span dir="auto" className="font-medium">
                  {recipient.name ?? t("noName")}
                </span>
                {recipient.phoneNumber ? (
                  <>
                    {" · "}
                    <bdi dir="ltr" className="text-muted-foreground">{"+"}{recipient.phoneNumber}</bdi>
                  </>
                ) : null}
              </p>
              {recipient.skipReason ? (
                <p className="flex flex-wrap items-center gap-2 text-sm">
                  <Badge variant="warning">{t("skipped")}</Badge>
                  {reasons(recipient.skipReason)}
                </p>
              ) : null}
              {recipient.missing.length > 0 ? (
                <p className="text-sm text-muted-foreground">
                  {t("missing", { variables: format.list(recipient.missing.map((key) => `{{${key.replace(/^(header|body)-/, "")}}}`), { type: "conjunction" }) })}
                </p>
              ) : null}
              {recipient.rendered ? <TemplatePreviewBubble preview={previewOf(recipient.rendered)} businessName={businessName} /> : null}
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}

/** How many will be sent, and each reason for skipping with its count. */
function PlanSummary({ plan }: { plan: CampaignPlan }) {
  const t = useTranslations("campaigns.builder.review.plan");
  const reasons = useTranslations("campaigns.builder.skipReasons");
  const format = useFormatter();
  const skipped = SKIP_REASONS.filter((reason) => (plan.skipped[reason] ?? 0) > 0);
  const skippedTotal = skipped.reduce((sum, reason) => sum + plan.skipped[reason], 0);
  return (
    <section aria-labelledby="campaign-plan-title" className="grid gap-3">
      <h3 id="campaign-plan-title" className="text-sm font-semibold">
        {t("title")}
      </h3>
      <ul className="grid grid-cols-2 gap-3">
        <li className="rounded-lg border bg-card px-4 py-3 text-sm text-muted-foreground">
          {t.rich("willSend", { count: plan.eligible, number: format.number(plan.eligible), big: (chunks) => <bdi dir="ltr" className="block text-2xl font-semibold tabular-nums text-foreground">{chunks}</bdi> })}
        </li>
        <li className="rounded-lg border bg-card px-4 py-3 text-sm text-muted-foreground">
          {t.rich("skipped", { count: skippedTotal, number: format.number(skippedTotal), big: (chunks) => <bdi dir="ltr" className="block text-2xl font-semibold tabular-nums text-foreground">{chunks}</bdi> })}
        </li>
      </ul>
      {skipped.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("nobodySkipped")}</p>
      ) : (
        <ul aria-label={t("reasonsLabel")} className="grid gap-1 text-sm">
          {skipped.map((reason) => (
            <li key={reason} className="flex items-baseline justify-between gap-3 border-b py-1 last:border-b-0">
              <span>{reasons(reason)}</span>
              <bdi dir="ltr" className="tabular-nums font-medium">
                {format.number(plan.skipped[reason])}
              </bdi>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The estimated cost by category and country; a line without a rate says "unknown" and is left out of the total. */
export function Estimate({ estimate }: { estimate: CostSummary }) {
  const t = useTranslations("campaigns.builder.review.estimate");
  const categories = useTranslations("campaigns.builder.setup.categories");
  const format = useFormatter();
  // Rates are often fractions of a cent: amounts keep the digits they have, not rounded to the currency's.
  const money = (amount: string | null, currency: string | null) =>
    amount === null || currency === null ? t("unknown") : format.number(Number(amount), { style: "currency", currency, maximumFractionDigits: 6 });
  const locale = useLocale();
  const countryName = (code: string | null) => {
    if (!code) return t("unknownCountry");
    try {
      return new Intl.DisplayNames([locale], { type: "region", fallback: "code" }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  return (
    <section aria-labelledby="campaign-estimate-title" className="grid gap-2">
      <h3 id="campaign-estimate-title" className="text-sm font-semibold">
        {t("title")}
      </h3>
      {estimate.lines.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("empty")}</p>
      ) : (
        <Table>
          <TableCaption className="text-start">{t("caption")}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>{t("category")}</TableHead>
              <TableHead>{t("country")}</TableHead>
              <TableHead className="text-end">{t("messages")}</TableHead>
              <TableHead className="text-end">{t("rate")}</TableHead>
              <TableHead className="text-end">{t("cost")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {estimate.lines.map((line) => (
              <TableRow key={`${line.category}:${line.country ?? ""}`}>
                <TableCell>{categories(categoryKey(line.category))}</TableCell>
                <TableCell>{countryName(line.country)}</TableCell>
                <TableCell className="text-end tabular-nums">{format.number(line.count)}</TableCell>
                <TableCell className="text-end tabular-nums">{money(line.unitAmount, line.currency)}</TableCell>
                <TableCell className="text-end tabular-nums">{money(line.total, line.currency)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
          <TableFooter>
            <TableRow>
              <TableCell colSpan={4}>{t("total")}</TableCell>
              <TableCell className="text-end font-semibold tabular-nums">{estimate.total === null ? t("totalUnknown") : money(estimate.total, estimate.currency)}</TableCell>
            </TableRow>
          </TableFooter>
        </Table>
      )}
      {estimate.unknownCount > 0 ? (
        <p className="text-sm text-muted-foreground">
          {t.rich("unknownNote", {
            count: estimate.unknownCount,
            link: (chunks) => (
              <Link href="/settings/pricing" className="text-foreground underline underline-offset-4">
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : null}
    </section>
  );
}

/** "Send now" (after a confirmation) or "Schedule" at a date, time and time zone, shown in the reader's zone too. */
function Launch({ campaignId, eligible }: { campaignId: string; eligible: number }) {
  const t = useTranslations("campaigns.builder.review.launch");
  const format = useFormatter();
  const ownZone = useTimeZone() ?? "UTC";
  const now = useNow({ updateInterval: 30_000 });
  const router = useRouter();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<"now" | "later">("now");
  const [confirming, setConfirming] = useState(false);
  const [timeZone, setTimeZone] = useState(ownZone);
  const [{ date, time }, setWhen] = useState(() => nextHourIn(now, ownZone));
  const [tried, setTried] = useState(false);
  const { execute, result, isPending } = useAction(startCampaignAction, {
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.campaigns.all });
      router.push(`/campaigns/${encodeURIComponent(campaignId)}`);
    },
  });
  const refused = readActionResult(result);
  const serverError = refused.ok ? undefined : refused.message;
  const problem = mode === "later" ? scheduleProblem(date, time, timeZone, now) : null;
  const instant = mode === "later" ? zonedTimeToInstant(date, time, timeZone) : null;

  const schedule = () => {
    setTried(true);
    if (problem || !instant) return;
    execute({ campaignId, scheduledAt: instant.toISOString(), timeZone });
  };

  return (
    <section aria-labelledby="campaign-launch-title" className="grid gap-4">
      <h3 id="campaign-launch-title" className="text-sm font-semibold">
        {t("title")}
      </h3>
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="sr-only">{t("when")}</legend>
        {(["now", "later"] as const).map((entry) => (
          <label key={entry} className="flex items-center gap-2">
            <input type="radio" name="campaign-launch" value={entry} checked={mode === entry} onChange={() => setMode(entry)} className="accent-primary" />
            {t(`modes.${entry}`)}
          </label>
        ))}
      </fieldset>
      {mode === "later" ? (
        <div className="grid gap-3">
          <div className="flex flex-wrap items-end gap-3">
            <Field id="campaign-schedule-date" label={t("date")}>
              <FieldControl>
                <Input type="date" value={date} onChange={(event) => setWhen({ date: event.target.value, time })} className="w-fit" />
              </FieldControl>
            </Field>
            <Field id="campaign-schedule-time" label={t("time")}>
              <FieldControl>
                <Input type="time" value={time} onChange={(event) => setWhen({ date, time: event.target.value })} className="w-fit" />
              </FieldControl>
            </Field>
            <Field id="campaign-schedule-zone" label={t("timeZone")}>
              <FieldControl>
                <NativeSelect value={timeZone} onChange={(event) => setTimeZone(event.target.value)} className="w-64">
                  {timeZoneChoices(ownZone).map((zone) => (
                    <option key={zone} value={zone}>
                      {zone}
                    </option>
                  ))}
                </NativeSelect>
              </FieldControl>
            </Field>
          </div>
          {instant && !problem ? (
            <p aria-live="polite" className="text-sm text-muted-foreground">
              {t("inYourZone", { when: format.dateTime(instant, { dateStyle: "full", timeStyle: "short", timeZone: ownZone }), zone: ownZone })}
            </p>
          ) : null}
          {tried && problem ? <FormError message={t(`problems.${problem}`)} /> : null}
        </div>
      ) : null}
      {eligible === 0 ? <p className="text-sm text-muted-foreground">{t("nobodyToSend")}</p> : null}
      {serverError && !confirming ? <FormError message={serverError} /> : null}
      <div>
        {mode === "now" ? (
          <ConfirmDialog
            open={confirming}
            onOpenChange={setConfirming}
            trigger={
              <Button disabled={eligible === 0}>
                <RocketIcon aria-hidden="true" />
                {t("sendNow")}
              </Button>
            }
            title={t("confirmTitle", { count: eligible })}
            description={t("confirmDescription")}
            confirmLabel={t("sendNow")}
            pendingLabel={t("starting")}
            pending={isPending}
            error={serverError}
            onConfirm={() => execute({ campaignId })}
          />
        ) : (
          <Button disabled={eligible === 0 || isPending} onClick={schedule}>
            {isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <CalendarClockIcon aria-hidden="true" />}
            {t("schedule")}
          </Button>
        )}
      </div>
    </section>
  );
}
