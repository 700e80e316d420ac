"use client";

import { useQueryClient } from "@tanstack/react-query";
import { AlarmClockIcon, AlarmClockOffIcon, CalendarClockIcon } from "lucide-react";
import { useFormatter, useTimeZone, useTranslations } from "next-intl";
import * as React from "react";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { toast } from "@/components/ui/toast";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Field, FieldControl, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { runAction } from "@/lib/action-result";
import { dismissSnoozeMarkAction, snoozeConversationAction, unsnoozeConversationAction } from "@/lib/actions/snooze";
import { queryKeys } from "@/lib/query-keys";
import {
  customSnoozeDefaults,
  customSnoozeProblem,
  customSnoozeUntil,
  SNOOZE_MAX_DAYS,
  snoozeChoices,
  type SnoozeTimeProblem,
} from "@/lib/whatsapp/snooze-times";

import { isTyping, shortcutKey } from "./shortcuts";
import { snoozeMarkOf, snoozeTimeText } from "./snooze-format";

/** What the menu needs of the conversation (the conversation's view has all of it). */
export interface SnoozeMenuConversation {
  id: string;
  status: "open" | "resolved";
  /** ISO time; set while snoozed and, after it ended, until someone deals with it. */
  snoozedUntil: string | null;
  snoozed: boolean;
}

/**
 * The conversation header's snooze control: "Snooze" with the menu's choices in the agent's time zone
 * and a custom date and time; "Snoozed until …" with "Unsnooze" while snoozed. Opening a conversation
 * that came back from snooze takes its "back from snooze" mark away. The key "z" opens the menu.
 */
export function SnoozeMenu({ conversation }: { conversation: SnoozeMenuConversation }) {
  const t = useTranslations("snooze");
  const format = useFormatter();
  const timeZone = useTimeZone() ?? "UTC";
  const queryClient = useQueryClient();
  const [menuOpen, setMenuOpen] = React.useState(false);
  const [customOpen, setCustomOpen] = React.useState(false);
  const [openedAt, setOpenedAt] = React.useState(() => new Date());
  const [pending, setPending] = React.useState(false);
  const triggerRef = React.useRef<HTMLButtonElement>(null);
  const mark = snoozeMarkOf(conversation);
  const { id: conversationId, snoozedUntil } = conversation;

  const refresh = React.useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.inbox.conversation(conversationId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.inbox.conversationLists() });
    void queryClient.invalidateQueries({ queryKey: queryKeys.inbox.counts() });
  }, [queryClient, conversationId]);

  // Someone opened the conversation that came back: it is dealt with, so the list's mark goes (once per return).
  const dismissed = React.useRef<string | null>(null);
  React.useEffect(() => {
    if (mark !== "back" || !snoozedUntil) return;
    const key = `${conversationId}@${snoozedUntil}`;
    if (dismissed.current === key) return;
    dismissed.current = key;
    void runAction(dismissSnoozeMarkAction({ conversationId })).then((result) => {
      if (result.ok && result.data.changed) refresh();
    });
  }, [mark, snoozedUntil, conversationId, refresh]);

  const openMenu = React.useCallback(() => {
    setOpenedAt(new Date());
    setMenuOpen(true);
  }, []);

  // "z" opens the menu, as the inbox's other single-key shortcuts do (not while typing or in a dialog).
  React.useEffect(() => {
    if (conversation.status !== "open") return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target) || document.querySelector("[role=dialog], [role=menu]")) return;
      if (shortcutKey(event) !== "z") return;
      event.preventDefault();
      triggerRef.current?.focus();
      openMenu();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [conversation.status, openMenu]);

  const snoozeUntil = async (until: Date): Promise<string | null> => {
    setPending(true);
    const result = await runAction(snoozeConversationAction({ conversationId, until: until.toISOString() }));
    setPending(false);
    if (!result.ok) return result.fieldErrors.until ?? result.message;
    refresh();
    toast.success(t("toast.snoozed", { time: snoozeTimeText(format, until, new Date()) }));
    return null;
  };

  const choose = async (until: Date) => {
    const problem = await snoozeUntil(until);
    if (problem) toast.error(t("toast.notSnoozed"), { description: problem });
  };

  const unsnooze = async () => {
    setPending(true);
    const result = await runAction(unsnoozeConversationAction({ conversationId }));
    setPending(false);
    if (!result.ok) {
      toast.error(t("toast.notUnsnoozed"), { description: result.message });
      return;
    }
    refresh();
    toast.success(t("toast.unsnoozed"));
  };

  if (conversation.status !== "open") return null;
  const snoozedNow = mark === "snoozed" && snoozedUntil !== null;
  const untilText = snoozedNow ? snoozeTimeText(format, new Date(snoozedUntil), openedAt) : "";
  const choices = menuOpen ? snoozeChoices(openedAt, timeZone) : [];

  return (
    <>
      {/* Not modal: the custom dialog opens from an item, and a modal menu would still hold the page while it closes. */}
      <DropdownMenu modal={false} open={menuOpen} onOpenChange={(open) => (open ? openMenu() : setMenuOpen(false))}>
        <DropdownMenuTrigger asChild>
          <Button ref={triggerRef} variant={snoozedNow ? "secondary" : "outline"} size="sm" disabled={pending} aria-keyshortcuts="z">
            <AlarmClockIcon aria-hidden="true" />
            <span className="max-w-40 truncate">{snoozedNow ? t("menu.snoozedButton", { time: untilText }) : t("menu.button")}</span>
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-64">
          <DropdownMenuLabel>{t("menu.heading")}</DropdownMenuLabel>
          {choices.map(({ preset, until }) => (
            <DropdownMenuItem key={preset} onSelect={() => void choose(until)}>
              <span>{t(`menu.${preset}`)}</span>
              <span className="ms-auto text-xs text-muted-foreground tabular-nums">{snoozeTimeText(format, until, openedAt)}</span>
            </DropdownMenuItem>
          ))}
          <DropdownMenuItem onSelect={() => setCustomOpen(true)}>
            <CalendarClockIcon aria-hidden="true" />
            {t("menu.custom")}
          </DropdownMenuItem>
          {snoozedNow ? (
            <>
              <DropdownMenuSeparator />
              <DropdownMenuItem onSelect={() => void unsnooze()}>
                <AlarmClockOffIcon aria-hidden="true" />
                {t("menu.unsnooze")}
              </DropdownMenuItem>
            </>
          ) : null}
          <DropdownMenuSeparator />
          <p className="px-2 py-1 text-xs text-muted-foreground">{t("menu.comesBack")}</p>
        </DropdownMenuContent>
      </DropdownMenu>
      <CustomSnoozeDialog open={customOpen} onOpenChange={setCustomOpen} timeZone={timeZone} onSnooze={snoozeUntil} />
    </>
  );
}

/** The custom date and time, on the agent's wall clock, checked as the server will before it is sent. */
function CustomSnoozeDialog({
  open,
  onOpenChange,
  timeZone,
  onSnooze,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  timeZone: string;
  /** Answers the server's refusal, or null once snoozed. */
  onSnooze: (until: Date) => Promise<string | null>;
}) {
  const t = useTranslations("snooze.dialog");
  const [values, setValues] = React.useState(() => customSnoozeDefaults(new Date(), timeZone));
  const [problem, setProblem] = React.useState<SnoozeTimeProblem | null>(null);
  const [serverError, setServerError] = React.useState<string | null>(null);
  const [submitting, setSubmitting] = React.useState(false);

  const onOpen = (next: boolean) => {
    if (next) {
      setValues(customSnoozeDefaults(new Date(), timeZone));
      setProblem(null);
      setServerError(null);
    }
    onOpenChange(next);
  };
  // Opened from the menu (not through `onOpenChange`): start from fresh values.
  const [seenOpen, setSeenOpen] = React.useState(open);
  if (open !== seenOpen) {
    setSeenOpen(open);
    if (open) {
      setValues(customSnoozeDefaults(new Date(), timeZone));
      setProblem(null);
      setServerError(null);
    }
  }

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const now = new Date();
    const found = customSnoozeProblem(values.date, values.time, timeZone, now);
    setProblem(found);
    setServerError(null);
    const until = customSnoozeUntil(values.date, values.time, timeZone);
    if (found || !until) return;
    setSubmitting(true);
    const refused = await onSnooze(until);
    setSubmitting(false);
    if (refused) setServerError(refused);
    else onOpenChange(false);
  };

  const problemText = problem ? t(`problems.${problem}`, { days: SNOOZE_MAX_DAYS }) : undefined;
  const dateProblem = problem === "dateMissing" || problem === "invalid" || problem === "past" || problem === "tooFar" ? problemText : undefined;
  const timeProblem = problem === "timeMissing" ? problemText : undefined;
  return (
    <Dialog open={open} onOpenChange={onOpen}>
      <DialogContent className="sm:max-w-sm">
        <form onSubmit={(event) => void submit(event)} className="space-y-4" noValidate>
          <DialogHeader>
            <DialogTitle>{t("title")}</DialogTitle>
            <DialogDescription>{t("description", { timeZone })}</DialogDescription>
          </DialogHeader>
          <div className="flex flex-wrap items-start gap-3">
            <Field id="snooze-custom-date" label={t("date")} error={dateProblem}>
              <FieldControl>
                <Input type="date" value={values.date} onChange={(event) => setValues({ ...values, date: event.target.value })} className="w-fit" />
              </FieldControl>
            </Field>
            <Field id="snooze-custom-time" label={t("time")} error={timeProblem}>
              <FieldControl>
                <Input type="time" value={values.time} onChange={(event) => setValues({ ...values, time: event.target.value })} className="w-fit" />
              </FieldControl>
            </Field>
          </div>
          <FormError message={serverError} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              {t("cancel")}
            </Button>
            <Button type="submit" disabled={submitting}>
              {t("submit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
