"use client";

import { CheckCircle2Icon, KeyRoundIcon, Loader2Icon, RefreshCwIcon, TriangleAlertIcon } from "lucide-react";
import { useTranslations } from "next-intl";

import { RelativeTime } from "@/components/relative-time";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { HealthView, ProblemView } from "@/lib/actions/connections.schema";

function CheckAgain({ onCheck, checking }: { onCheck: () => void; checking: boolean }) {
  const t = useTranslations("connections.health");
  return (
    <Button size="sm" variant="outline" onClick={onCheck} disabled={checking} className="mt-2">
      {checking ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <RefreshCwIcon aria-hidden="true" />}
      {t("checkAgain")}
    </Button>
  );
}

/** The first thing an admin sees when the Maton key is missing or wrong. */
function KeyProblem({ problem, onCheck, checking }: { problem: ProblemView; onCheck: () => void; checking: boolean }) {
  const t = useTranslations("connections.health");
  if (problem.kind === "key") {
    return (
      <Alert variant="destructive" className="py-4">
        <KeyRoundIcon aria-hidden="true" />
        <AlertTitle className="text-base">{t("keyTitle")}</AlertTitle>
        <AlertDescription>
          <p>
            {t.rich("keyBody", {
              code: (chunks) => (
                <code dir="ltr" className="rounded bg-destructive/10 px-1 py-0.5 font-mono text-xs">
                  {chunks}
                </code>
              ),
            })}
          </p>
          <p className="text-xs opacity-80">{t("problem", { title: problem.title, explanation: problem.explanation })}</p>
          <CheckAgain onCheck={onCheck} checking={checking} />
        </AlertDescription>
      </Alert>
    );
  }
  return (
    <Alert variant="warning" className="py-4">
      <TriangleAlertIcon aria-hidden="true" />
      <AlertTitle className="text-base">{t("unreachableTitle")}</AlertTitle>
      <AlertDescription>
        <p>{t("problem", { title: problem.title, explanation: problem.explanation })}</p>
        <p>{problem.action}</p>
        <CheckAgain onCheck={onCheck} checking={checking} />
      </AlertDescription>
    </Alert>
  );
}

/** Maton key and gateway health, at the top of the connections page. */
export function HealthPanel({ health, onCheck, checking }: { health: HealthView; onCheck: () => void; checking: boolean }) {
  const t = useTranslations("connections.health");
  if (!health.key.ok) return <KeyProblem problem={health.key.problem} onCheck={onCheck} checking={checking} />;
  const working = health.workingConnection;
  const problem = { title: working?.problem?.title ?? "", action: working?.problem?.action ?? "" };
  return (
    <section
      aria-label={t("label")}
      className="flex flex-wrap items-center gap-x-6 gap-y-2 rounded-lg border bg-card px-4 py-2.5 text-sm shadow-xs"
    >
      <span className="inline-flex items-center gap-2">
        <CheckCircle2Icon className="size-4 text-success" aria-hidden="true" />
        {t("keyAccepted")}
      </span>
      {working ? (
        working.ok ? (
          <span className="inline-flex items-center gap-2">
            <CheckCircle2Icon className="size-4 text-success" aria-hidden="true" />
            {working.label ? t("gatewayAnswersFor", { name: working.label }) : t("gatewayAnswers")}
          </span>
        ) : (
          <span className="inline-flex items-center gap-2 text-destructive">
            <TriangleAlertIcon className="size-4" aria-hidden="true" />
            {working.label ? t("workingProblemOf", { name: working.label, ...problem }) : t("workingProblem", problem)}
          </span>
        )
      ) : null}
      <span
        className="text-xs text-muted-foreground"
        title={t("target", { gatewayUrl: health.target.gatewayUrl, ctrlUrl: health.target.ctrlUrl })}
      >
        {t("via", { version: health.target.graphVersion, host: new URL(health.target.gatewayUrl).host })}
      </span>
      <span className="ms-auto inline-flex items-center gap-2 text-xs text-muted-foreground">
        <span>{t.rich("checked", { time: () => <RelativeTime iso={health.checkedAt} /> })}</span>
        <Button size="icon-sm" variant="ghost" onClick={onCheck} disabled={checking} aria-label={t("checkAgainLabel")}>
          {checking ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <RefreshCwIcon aria-hidden="true" />}
        </Button>
      </span>
    </section>
  );
}
