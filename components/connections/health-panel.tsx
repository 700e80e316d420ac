"use client";

import { CheckCircle2Icon, KeyRoundIcon, Loader2Icon, RefreshCwIcon, TriangleAlertIcon } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { HealthView, ProblemView } from "@/lib/actions/connections.schema";

import { formatRelative } from "./format";

function CheckAgain({ onCheck, checking }: { onCheck: () => void; checking: boolean }) {
  return (
    <Button size="sm" variant="outline" onClick={onCheck} disabled={checking} className="mt-2">
      {checking ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <RefreshCwIcon aria-hidden="true" />}
      Check again
    </Button>
  );
}

/** The first thing an admin sees when the Maton key is missing or wrong. */
function KeyProblem({ problem, onCheck, checking }: { problem: ProblemView; onCheck: () => void; checking: boolean }) {
  if (problem.kind === "key") {
    return (
      <Alert variant="destructive" className="py-4">
        <KeyRoundIcon aria-hidden="true" />
        <AlertTitle className="text-base">The Maton API key is missing or wrong</AlertTitle>
        <AlertDescription>
          <p>
            Maton refused the key (401), so no WhatsApp account can be listed, linked or used. Set{" "}
            <code className="rounded bg-destructive/10 px-1 py-0.5 font-mono text-xs">MATON_API_KEY</code> to the API key of your
            Maton account, then restart the dashboard.
          </p>
          <p className="text-xs opacity-80">
            {problem.title}: {problem.explanation}
          </p>
          <CheckAgain onCheck={onCheck} checking={checking} />
        </AlertDescription>
      </Alert>
    );
  }
  return (
    <Alert variant="warning" className="py-4">
      <TriangleAlertIcon aria-hidden="true" />
      <AlertTitle className="text-base">Maton cannot be reached</AlertTitle>
      <AlertDescription>
        <p>
          {problem.title}: {problem.explanation}
        </p>
        <p>{problem.action}</p>
        <CheckAgain onCheck={onCheck} checking={checking} />
      </AlertDescription>
    </Alert>
  );
}

/** Maton key and gateway health, at the top of the connections page. */
export function HealthPanel({ health, onCheck, checking }: { health: HealthView; onCheck: () => void; checking: boolean }) {
  if (!health.key.ok) return <KeyProblem problem={health.key.problem} onCheck={onCheck} checking={checking} />;
  const working = health.workingConnection;
  return (
    <section
      aria-label="Maton status"
      className="flex flex-wrap items-center gap-x-6 gap-y-2 rounded-lg border bg-card px-4 py-2.5 text-sm shadow-xs"
    >
      <span className="inline-flex items-center gap-2">
        <CheckCircle2Icon className="size-4 text-success" aria-hidden="true" />
        Maton key accepted
      </span>
      {working ? (
        working.ok ? (
          <span className="inline-flex items-center gap-2">
            <CheckCircle2Icon className="size-4 text-success" aria-hidden="true" />
            Gateway answers for {working.label ?? "the working connection"}
          </span>
        ) : (
          <span className="inline-flex items-center gap-2 text-destructive">
            <TriangleAlertIcon className="size-4" aria-hidden="true" />
            {working.label ?? "The working connection"}: {working.problem?.title}. {working.problem?.action}
          </span>
        )
      ) : null}
      <span className="text-xs text-muted-foreground" title={`Gateway ${health.target.gatewayUrl} · control plane ${health.target.ctrlUrl}`}>
        Graph API {health.target.graphVersion} via {new URL(health.target.gatewayUrl).host}
      </span>
      <span className="ms-auto inline-flex items-center gap-2 text-xs text-muted-foreground">
        <span suppressHydrationWarning>Checked {formatRelative(health.checkedAt)}</span>
        <Button size="icon-sm" variant="ghost" onClick={onCheck} disabled={checking} aria-label="Check Maton again">
          {checking ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <RefreshCwIcon aria-hidden="true" />}
        </Button>
      </span>
    </section>
  );
}
