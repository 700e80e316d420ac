"use client";

import { BellOffIcon, BellRingIcon, Loader2Icon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useState } from "react";

import { Badge, type BadgeProps } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field, FieldControl, FormError } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import { runAction } from "@/lib/action-result";
import { changeConsentAction } from "@/lib/actions/contact-consent";
import type { ConsentState } from "@/lib/contacts/filter";
import { CONSENT_NOTE_MAX } from "@/lib/contacts/keyword-rules";
import type { ConsentEventView, ConsentView } from "@/lib/contacts/views";
import { cn } from "@/lib/utils";

import { useContactCache } from "../record-api";
import { consentStory, eventStory, type ConsentStory } from "./consent-words";

const STATE_VARIANTS: Record<ConsentState, BadgeProps["variant"]> = {
  opted_in: "success",
  unknown: "secondary",
  opted_out: "warning",
};

const LONG_DATE = { day: "numeric", month: "short", year: "numeric" } as const;

/** Opted in / Unknown / Opted out, in the state's colour. */
export function ConsentBadge({ state, className }: { state: ConsentState; className?: string }) {
  const t = useTranslations("contacts.record.consent.states");
  return (
    <Badge variant={STATE_VARIANTS[state]} className={className}>
      {state === "opted_out" ? <BellOffIcon aria-hidden="true" /> : state === "opted_in" ? <BellRingIcon aria-hidden="true" /> : null}
      {t(state)}
    </Badge>
  );
}

/** "Opted out: wrote “STOP” on 3 Dec 2026", "Opted in by Ana (team member) on …". */
export function ConsentSentence({ story, className }: { story: ConsentStory | undefined; className?: string }) {
  const t = useTranslations("contacts.record.consent.words");
  const format = useFormatter();
  if (!story || story.state === "unknown") return <p className={cn("text-xs text-muted-foreground", className)}>{t("unknown")}</p>;
  const values = {
    source: story.source,
    date: format.dateTime(new Date(story.at), LONG_DATE),
    name: story.actorName ?? t("someone"),
    keyword: story.keyword ?? "",
  };
  return <p className={cn("text-xs text-muted-foreground", className)}>{story.state === "opted_in" ? t("optedIn", values) : t("optedOut", values)}</p>;
}

/** The consent's badge and the sentence saying who set it and when. */
export function ConsentStatus({ consent, history }: { consent: ConsentView; history?: readonly ConsentEventView[] }) {
  return (
    <div className="space-y-1">
      <ConsentBadge state={consent.state} />
      <ConsentSentence story={consentStory(consent, history)} />
    </div>
  );
}

/**
 * "Mark opted in" / "Mark opted out": asks first (with an optional note kept in the history), then
 * changes the consent through changeConsentAction. Only the change the consent is not already in.
 */
export function ConsentButtons({ contactId, contactName, consent }: { contactId: string; contactName: string; consent: ConsentView }) {
  const t = useTranslations("contacts.record.consent");
  const [target, setTarget] = useState<"opted_in" | "opted_out" | null>(null);
  return (
    <div className="flex flex-wrap gap-2">
      {consent.state !== "opted_in" ? (
        <Button variant="outline" size="sm" onClick={() => setTarget("opted_in")}>
          {t("markOptedIn")}
        </Button>
      ) : null}
      {consent.state !== "opted_out" ? (
        <Button variant="outline" size="sm" onClick={() => setTarget("opted_out")}>
          {t("markOptedOut")}
        </Button>
      ) : null}
      {target ? (
        <ConsentChangeDialog
          key={target}
          contactId={contactId}
          contactName={contactName}
          target={target}
          open
          onOpenChange={(open) => {
            if (!open) setTarget(null);
          }}
        />
      ) : null}
    </div>
  );
}

function ConsentChangeDialog({
  contactId,
  contactName,
  target,
  open,
  onOpenChange,
}: {
  contactId: string;
  contactName: string;
  target: "opted_in" | "opted_out";
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("contacts.record.consent.change");
  const common = useTranslations("common");
  const cache = useContactCache(contactId);
  const noteId = useId();
  const [note, setNote] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; field: boolean } | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    const trimmed = note.trim();
    const reading = await runAction(changeConsentAction({ contactId, state: target, ...(trimmed ? { note: trimmed } : {}) }));
    setPending(false);
    if (!reading.ok) {
      const atNote = reading.fieldErrors.note;
      setError(atNote ? { message: atNote, field: true } : { message: reading.message, field: false });
      return;
    }
    cache.patch((detail) => ({ ...detail, consent: reading.data }));
    // The history gains the change: asked again rather than guessed.
    cache.refresh();
    toast.success(target === "opted_in" ? t("optedInToast", { name: contactName }) : t("optedOutToast", { name: contactName }));
    onOpenChange(false);
  };

  return (
    <Dialog open={open} onOpenChange={(next) => (next || !pending ? onOpenChange(next) : undefined)}>
      <DialogContent className="sm:max-w-md">
        <form noValidate className="grid gap-4" onSubmit={submit}>
          <DialogHeader>
            <DialogTitle>
              {target === "opted_in" ? t("optInTitle", { name: contactName }) : t("optOutTitle", { name: contactName })}
            </DialogTitle>
            <DialogDescription>{target === "opted_in" ? t("optInDescription") : t("optOutDescription")}</DialogDescription>
          </DialogHeader>
          <FormError message={error && !error.field ? error.message : undefined} />
          <Field id={noteId} label={t("note")} description={t("noteHint")} error={error?.field ? error.message : undefined}>
            <FieldControl>
              <Textarea
                dir="auto"
                rows={3}
                maxLength={CONSENT_NOTE_MAX}
                value={note}
                onChange={(event) => setNote(event.target.value)}
                onKeyDown={(event) => {
                  // A note may have lines: Ctrl/⌘+Enter sends.
                  if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) event.currentTarget.form?.requestSubmit();
                }}
              />
            </FieldControl>
          </Field>
          <DialogFooter>
            <Button type="button" variant="outline" disabled={pending} onClick={() => onOpenChange(false)}>
              {common("cancel")}
            </Button>
            <Button type="submit" aria-disabled={pending || undefined}>
              {pending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
              {target === "opted_in" ? t("confirmOptIn") : t("confirmOptOut")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** Every change of the consent, newest first: the state, who or what set it and when, and the note. */
export function ConsentHistory({ history }: { history: readonly ConsentEventView[] }) {
  const t = useTranslations("contacts.record.consent");
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="space-y-2">
      <h3 id={titleId} className="text-sm font-semibold">
        {t("history")}
      </h3>
      {history.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("noHistory")}</p>
      ) : (
        <ol className="space-y-2.5">
          {history.map((event) => {
            const story = eventStory(event);
            return (
              <li key={event.id} className="flex items-start gap-2">
                <ConsentBadge state={event.state} className="mt-0.5" />
                <div className="min-w-0">
                  <ConsentSentence story={story} className="text-sm text-foreground" />
                  {story.note ? (
                    <p dir="auto" className="text-xs break-words text-muted-foreground">
                      {t("noteQuoted", { note: story.note })}
                    </p>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
