"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { PlusIcon, XIcon } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { useFormatter, useNow, useTimeZone, useTranslations } from "next-intl";
import { useId, useMemo, useState, useTransition, type ReactNode } from "react";

import { timeZoneChoices } from "@/components/campaigns/builder/schedule";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, FieldControl, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import { runAction, unwrap, type ActionResultLike } from "@/lib/action-result";
import { loadInboxSettingsAction, saveAutoAssignmentAction, saveAutomaticMessagesAction, saveBusinessHoursAction } from "@/lib/actions/inbox-settings";
import type { InboxSettingsView } from "@/lib/inbox/inbox-settings";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";
import { isOpenAt, nextOpening, WEEKDAYS, type BusinessSchedule, type OpeningInterval, type Weekday } from "@/lib/whatsapp/business-hours";

/** A business number the admin may choose. */
export interface InboxSettingsNumber {
  id: string;
  displayPhoneNumber: string | null;
  verifiedName: string | null;
}

type FieldErrors = Record<string, string>;

/** The settings of one number, as the server has them (the page hydrates the first number's). */
export function useInboxSettings(phoneNumberId: string) {
  return useQuery({
    queryKey: queryKeys.inboxSettings.ofNumber(phoneNumberId),
    queryFn: async () => unwrap(await loadInboxSettingsAction({ phoneNumberId })),
  });
}

/** Runs a card's save: says `saved` once it went through, else keeps its field errors and general error. */
function useSave(saved: string) {
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | undefined>();
  const queryClient = useQueryClient();
  const save = (call: () => Promise<ActionResultLike<unknown>>) =>
    startTransition(async () => {
      const reading = await runAction(call());
      if (reading.ok) {
        setErrors({});
        setGeneral(undefined);
        toast.success(saved);
        await queryClient.invalidateQueries({ queryKey: queryKeys.inboxSettings.all });
        return;
      }
      setErrors(reading.fieldErrors);
      setGeneral(Object.keys(reading.fieldErrors).length === 0 ? reading.message : undefined);
    });
  return { pending, errors, general, save };
}

/** One settings card: its heading, its fields, the save's general error and its Save button. */
function SettingsCard({
  messages,
  pending,
  general,
  onSave,
  contentClassName,
  children,
}: {
  /** The card's own messages (each card's namespace has these keys). */
  messages: (key: "title" | "description" | "save") => string;
  pending: boolean;
  general: string | undefined;
  onSave: () => void;
  contentClassName: string;
  children: ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{messages("title")}</h2>
        </CardTitle>
        <CardDescription>{messages("description")}</CardDescription>
      </CardHeader>
      <CardContent className={contentClassName}>
        {children}
        <FormError message={general} />
      </CardContent>
      <CardFooter>
        <Button type="button" onClick={onSave} disabled={pending}>
          {messages("save")}
        </Button>
      </CardFooter>
    </Card>
  );
}

/** A refusal of one value, under what it refuses. */
function ValueError({ message, className }: { message: string | undefined; className?: string }) {
  return message ? <p className={cn("text-sm text-destructive", className)}>{message}</p> : null;
}

/** Settings › Inbox: a business number, then its hours, automatic messages and auto-assignment. */
export function InboxSettingsScreen({ numbers, initialNumberId }: { numbers: InboxSettingsNumber[]; initialNumberId: string }) {
  const t = useTranslations("inboxSettings");
  const router = useRouter();
  const pathname = usePathname();
  const [phoneNumberId, setPhoneNumberId] = useState(initialNumberId);
  const settings = useInboxSettings(phoneNumberId);
  const numberLabel = (number: InboxSettingsNumber) => [number.displayPhoneNumber ?? number.id, number.verifiedName].filter(Boolean).join(" · ");

  const choose = (id: string) => {
    setPhoneNumberId(id);
    router.replace(`${pathname}?number=${encodeURIComponent(id)}`, { scroll: false });
  };

  return (
    <div className="flex flex-col gap-6">
      <Field id="inbox-settings-number" label={t("numberLabel")} className="max-w-sm">
        <FieldControl>
          <NativeSelect value={phoneNumberId} onChange={(event) => choose(event.target.value)}>
            {numbers.map((number) => (
              <option key={number.id} value={number.id}>
                {numberLabel(number)}
              </option>
            ))}
          </NativeSelect>
        </FieldControl>
      </Field>
      {settings.data ? (
        <>
          <BusinessHoursCard key={`hours-${phoneNumberId}-${JSON.stringify(settings.data.schedule)}`} settings={settings.data} />
          <AutomaticMessagesCard key={`messages-${phoneNumberId}-${JSON.stringify(settings.data.messages)}`} settings={settings.data} />
          <AutoAssignmentCard key={`assignment-${phoneNumberId}-${JSON.stringify(settings.data.assignment)}`} settings={settings.data} />
        </>
      ) : settings.error ? (
        <FormError message={settings.error.message} />
      ) : (
        <div className="flex flex-col gap-6" aria-busy="true">
          <Skeleton className="h-72 w-full" />
          <Skeleton className="h-48 w-full" />
          <Skeleton className="h-40 w-full" />
        </div>
      )}
    </div>
  );
}

const emptyWeek = (): Record<Weekday, OpeningInterval[]> => ({ "1": [], "2": [], "3": [], "4": [], "5": [], "6": [], "7": [] });
/** A closing time of 00:00 is midnight at the end of the day: stored as "24:00". */
const toStored = (to: string) => (to === "00:00" ? "24:00" : to);
const toShown = (to: string) => (to === "24:00" ? "00:00" : to);

function BusinessHoursCard({ settings }: { settings: InboxSettingsView }) {
  const t = useTranslations("inboxSettings.hours");
  const tDays = useTranslations("inboxSettings.days");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const ownZone = useTimeZone() ?? "UTC";
  const saved = settings.schedule;
  const [timeZone, setTimeZone] = useState(saved?.timeZone ?? ownZone);
  const [weekly, setWeekly] = useState<Record<Weekday, OpeningInterval[]>>(() => {
    const week = emptyWeek();
    for (const day of WEEKDAYS) week[day] = (saved?.weekly[day] ?? (Number(day) <= 5 ? [{ from: "09:00", to: "17:00" }] : [])).map((interval) => ({ ...interval, to: toShown(interval.to) }));
    return week;
  });
  const [holidays, setHolidays] = useState<string[]>(saved?.holidays ?? []);
  const [newHoliday, setNewHoliday] = useState("");
  const zones = useMemo(() => timeZoneChoices(saved?.timeZone ?? ownZone), [saved?.timeZone, ownZone]);
  const { pending, errors, general, save } = useSave(t("saved"));
  const status = useMemo(() => (saved ? scheduleStatus(saved, now) : null), [saved, now]);

  const setInterval = (day: Weekday, index: number, change: Partial<OpeningInterval>) =>
    setWeekly((week) => ({ ...week, [day]: week[day].map((interval, i) => (i === index ? { ...interval, ...change } : interval)) }));
  const addInterval = (day: Weekday) =>
    setWeekly((week) => {
      const last = week[day][week[day].length - 1];
      const from = last ? last.to : "09:00";
      return { ...week, [day]: [...week[day], { from, to: from < "17:00" ? "17:00" : "00:00" }] };
    });
  const removeInterval = (day: Weekday, index: number) => setWeekly((week) => ({ ...week, [day]: week[day].filter((_, i) => i !== index) }));
  const addHoliday = () => {
    if (!newHoliday || holidays.includes(newHoliday)) return;
    setHolidays((list) => [...list, newHoliday].sort());
    setNewHoliday("");
  };

  const onSave = () => {
    const stored = emptyWeek();
    for (const day of WEEKDAYS) stored[day] = weekly[day].map((interval) => ({ from: interval.from, to: toStored(interval.to) }));
    save(() => saveBusinessHoursAction({ phoneNumberId: settings.phoneNumberId, timeZone, weekly: stored, holidays }));
  };

  return (
    <SettingsCard messages={t} pending={pending} general={general} onSave={onSave} contentClassName="flex flex-col gap-5">
      <p className="text-sm" role="status">
        {status === null ? (
          <span className="text-muted-foreground">{t("notSet")}</span>
        ) : status.open ? (
          <Badge variant="success">{t("openNow")}</Badge>
        ) : (
          <Badge variant="warning">{status.next ? t("closedNow", { when: format.relativeTime(status.next, now) }) : t("closedNowNever")}</Badge>
        )}
      </p>
      <Field id="inbox-settings-time-zone" label={t("timeZone")} error={errors.timeZone} className="max-w-sm">
        <FieldControl>
          <NativeSelect value={timeZone} onChange={(event) => setTimeZone(event.target.value)}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </NativeSelect>
        </FieldControl>
      </Field>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium">{t("weekly")}</legend>
        {WEEKDAYS.map((day) => {
          const dayName = tDays(day);
          const dayError = errors[`weekly.${day}`];
          return (
            <div key={day} className="grid grid-cols-1 gap-2 border-b pb-2 last:border-b-0 sm:grid-cols-[8rem_1fr]">
              <span className="pt-2 text-sm font-medium">{dayName}</span>
              <div className="flex flex-col gap-2">
                {weekly[day].length === 0 ? <span className="text-sm text-muted-foreground">{t("closed")}</span> : null}
                {weekly[day].map((interval, index) => {
                  const fromError = errors[`weekly.${day}.${index}.from`];
                  const toError = errors[`weekly.${day}.${index}.to`];
                  const edge = (end: "from" | "to", error: string | undefined) => (
                    <Input
                      type="time"
                      className="w-32"
                      value={interval[end]}
                      aria-label={t(end, { day: dayName })}
                      aria-invalid={error ? true : undefined}
                      onChange={(event) => setInterval(day, index, { [end]: event.target.value })}
                    />
                  );
                  return (
                    <div key={index} className="flex flex-wrap items-center gap-2">
                      {edge("from", fromError)}
                      <span aria-hidden="true">–</span>
                      {edge("to", toError)}
                      <Button
                        type="button"
                        variant="ghost"
                        size="icon-sm"
                        aria-label={t("remove", { from: interval.from, to: interval.to, day: dayName })}
                        onClick={() => removeInterval(day, index)}
                      >
                        <XIcon aria-hidden="true" />
                      </Button>
                      <ValueError message={fromError ?? toError} className="w-full" />
                    </div>
                  );
                })}
                {weekly[day].length < 3 ? (
                  <div>
                    <Button type="button" variant="outline" size="sm" aria-label={t("addOn", { day: dayName })} onClick={() => addInterval(day)}>
                      <PlusIcon aria-hidden="true" />
                      {t("add")}
                    </Button>
                  </div>
                ) : null}
                <ValueError message={dayError} />
              </div>
            </div>
          );
        })}
      </fieldset>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">{t("holidays")}</legend>
        <p className="text-xs text-muted-foreground">{t("holidaysHint")}</p>
        {holidays.length === 0 ? <p className="text-sm text-muted-foreground">{t("noHolidays")}</p> : null}
        <ul className="flex flex-wrap gap-2" aria-label={t("holidays")}>
          {holidays.map((holiday, index) => (
            <li key={holiday} className="flex items-center gap-1 rounded-md border px-2 py-1 text-sm">
              <bdi dir="ltr">{format.dateTime(new Date(`${holiday}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" })}</bdi>
              <Button type="button" variant="ghost" size="icon-sm" aria-label={t("removeHoliday", { date: holiday })} onClick={() => setHolidays((list) => list.filter((day) => day !== holiday))}>
                <XIcon aria-hidden="true" />
              </Button>
              {errors[`holidays.${index}`] ? <span className="text-destructive">{errors[`holidays.${index}`]}</span> : null}
            </li>
          ))}
        </ul>
        <div className="flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="inbox-settings-holiday">{t("holidayDate")}</Label>
            <Input
              id="inbox-settings-holiday"
              type="date"
              className="w-44"
              value={newHoliday}
              onChange={(event) => setNewHoliday(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Enter") {
                  event.preventDefault();
                  addHoliday();
                }
              }}
            />
          </div>
          <Button type="button" variant="outline" onClick={addHoliday} disabled={!newHoliday}>
            <PlusIcon aria-hidden="true" />
            {t("addHoliday")}
          </Button>
        </div>
        <ValueError message={errors.holidays} />
      </fieldset>
    </SettingsCard>
  );
}

function scheduleStatus(schedule: BusinessSchedule, now: Date): { open: boolean; next: Date | null } {
  try {
    return isOpenAt(schedule, now) ? { open: true, next: null } : { open: false, next: nextOpening(schedule, now) };
  } catch {
    // A zone this browser does not know: no status rather than a broken card.
    return { open: false, next: null };
  }
}

function AutomaticMessagesCard({ settings }: { settings: InboxSettingsView }) {
  const t = useTranslations("inboxSettings.messages");
  const [texts, setTexts] = useState(settings.messages);
  const { pending, errors, general, save } = useSave(t("saved"));
  const ids = { away: useId(), awayHint: useId(), welcome: useId(), welcomeHint: useId() };

  const onSave = () => save(() => saveAutomaticMessagesAction({ phoneNumberId: settings.phoneNumberId, ...texts }));

  const message = (kind: "away" | "welcome") => {
    const enabledKey = kind === "away" ? "awayEnabled" : "welcomeEnabled";
    const textKey = kind === "away" ? "awayText" : "welcomeText";
    return (
      <div className="flex flex-col gap-3">
        <div className="flex items-start justify-between gap-4">
          <div>
            <span id={ids[kind]} className="text-sm font-medium">
              {t(kind)}
            </span>
            <p id={ids[`${kind}Hint`]} className="text-xs text-muted-foreground">
              {t(`${kind}Hint`)}
            </p>
          </div>
          <Switch
            checked={texts[enabledKey]}
            onCheckedChange={(checked) => setTexts((current) => ({ ...current, [enabledKey]: checked }))}
            aria-labelledby={ids[kind]}
            aria-describedby={ids[`${kind}Hint`]}
          />
        </div>
        <Field id={`inbox-settings-${kind}-text`} label={t(`${kind}Text`)} error={errors[textKey] ?? errors[enabledKey]}>
          <FieldControl>
            <Textarea dir="auto" rows={3} value={texts[textKey]} onChange={(event) => setTexts((current) => ({ ...current, [textKey]: event.target.value }))} />
          </FieldControl>
        </Field>
      </div>
    );
  };

  return (
    <SettingsCard messages={t} pending={pending} general={general} onSave={onSave} contentClassName="flex flex-col gap-6">
      {message("away")}
      {message("welcome")}
    </SettingsCard>
  );
}

function AutoAssignmentCard({ settings }: { settings: InboxSettingsView }) {
  const t = useTranslations("inboxSettings.assignment");
  const [enabled, setEnabled] = useState(settings.assignment.enabled);
  const [agentIds, setAgentIds] = useState(() => new Set(settings.assignment.agentIds));
  const { pending, errors, general, save } = useSave(t("saved"));
  const switchId = useId();

  const onSave = () => save(() => saveAutoAssignmentAction({ phoneNumberId: settings.phoneNumberId, enabled, agentIds: [...agentIds] }));
  const toggle = (id: string, checked: boolean) =>
    setAgentIds((current) => {
      const next = new Set(current);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <SettingsCard messages={t} pending={pending} general={general} onSave={onSave} contentClassName="flex flex-col gap-5">
      <div className="flex items-center justify-between gap-4">
        <span id={switchId} className="text-sm font-medium">
          {t("enabled")}
        </span>
        <Switch checked={enabled} onCheckedChange={setEnabled} aria-labelledby={switchId} />
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium">{t("agents")}</legend>
        {settings.teammates.length === 0 ? <p className="text-sm text-muted-foreground">{t("noAgents")}</p> : null}
        <ul className="flex flex-col gap-2">
          {settings.teammates.map((teammate) => {
            const id = `inbox-settings-agent-${teammate.id}`;
            const state = teammate.disabled ? "disabled" : teammate.availability;
            return (
              <li key={teammate.id} className="flex items-center gap-3">
                <Checkbox id={id} checked={agentIds.has(teammate.id)} onCheckedChange={(checked) => toggle(teammate.id, checked === true)} />
                <Label htmlFor={id} dir="auto" className={teammate.mayWork ? undefined : "text-muted-foreground line-through"}>
                  {teammate.name}
                </Label>
                <Badge variant={state === "available" ? "success" : state === "away" ? "warning" : "outline"}>{t(state)}</Badge>
              </li>
            );
          })}
        </ul>
        <ValueError message={errors.agentIds} />
      </fieldset>
    </SettingsCard>
  );
}
