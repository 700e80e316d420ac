"use client";

import { Loader2Icon } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore } from "react";

import { NativeSelect } from "@/components/ui/native-select";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { LOCALE_NAMES, LOCALES, isLocale, type Locale } from "@/i18n/locales";
import { readActionResult } from "@/lib/action-result";
import { updateOwnPreferencesAction } from "@/lib/actions/account";

import { FormField } from "./form-field";

/** The select's value for "follow the browser" (null in the setting). */
const AUTOMATIC = "";

const noSubscription = () => () => {};
const thisBrowsersZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || null;

/**
 * The user's language and time zone, each "Automatic" (null: the browser's language, the zone it
 * reports) or one they pick. Saved, the whole page renders again in the new language and direction.
 */
export function PreferencesForm({
  locale,
  timeZone,
  timeZones,
  reportedTimeZone,
}: {
  locale: Locale | null;
  timeZone: string | null;
  /** The zones the server accepts, in its order. */
  timeZones: readonly string[];
  /** The zone this browser last reported to the server, shown until the browser itself answers. */
  reportedTimeZone: string | null;
}) {
  const t = useTranslations("account.preferences");
  const format = useFormatter();
  const now = useNow({ updateInterval: 30_000 });
  const router = useRouter();
  const browserZone = useSyncExternalStore(noSubscription, thisBrowsersZone, () => reportedTimeZone);
  const [chosenLocale, setChosenLocale] = useState<string>(locale ?? AUTOMATIC);
  const [chosenZone, setChosenZone] = useState<string>(timeZone ?? AUTOMATIC);
  const { execute, result, isPending } = useAction(updateOwnPreferencesAction, {
    onSuccess: () => {
      toast.success(t("saved"));
      // The language, direction and dates of every part of the page change with the setting.
      router.refresh();
    },
  });
  const refused = readActionResult(result);
  const fieldErrors = refused.ok ? {} : refused.fieldErrors;
  const generalError = !refused.ok && Object.keys(fieldErrors).length === 0 ? refused.message : undefined;

  // A zone saved earlier that this list no longer names is still offered, so the select shows it.
  const zones = timeZone && !timeZones.includes(timeZone) ? [timeZone, ...timeZones] : timeZones;
  const shownZone = chosenZone === AUTOMATIC ? browserZone : chosenZone;
  const unchanged = chosenLocale === (locale ?? AUTOMATIC) && chosenZone === (timeZone ?? AUTOMATIC);

  return (
    <form
      noValidate
      className="grid max-w-md gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        execute({
          locale: isLocale(chosenLocale) ? chosenLocale : null,
          timeZone: chosenZone === AUTOMATIC ? null : chosenZone,
        });
      }}
    >
      <FormField id="preferences-locale" label={t("language")} error={fieldErrors.locale}>
        {(aria) => (
          <NativeSelect
            id="preferences-locale"
            value={chosenLocale}
            onChange={(event) => setChosenLocale(event.target.value)}
            {...aria}
          >
            <option value={AUTOMATIC}>{t("automaticLanguage")}</option>
            {LOCALES.map((option) => (
              // Each language in its own name and script, so a reader finds theirs whatever the page's language.
              <option key={option} value={option} lang={option}>
                {LOCALE_NAMES[option]}
              </option>
            ))}
          </NativeSelect>
        )}
      </FormField>
      <FormField
        id="preferences-time-zone"
        label={t("timeZone")}
        error={fieldErrors.timeZone}
        hint={
          shownZone
            ? t("currentTime", {
                time: format.dateTime(now, { timeZone: shownZone, weekday: "short", hour: "numeric", minute: "2-digit", timeZoneName: "short" }),
              })
            : null
        }
      >
        {(aria) => (
          <NativeSelect
            id="preferences-time-zone"
            value={chosenZone}
            onChange={(event) => setChosenZone(event.target.value)}
            {...aria}
          >
            <option value={AUTOMATIC}>
              {browserZone ? t("automaticTimeZone", { zone: browserZone }) : t("automaticTimeZoneUnknown")}
            </option>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </NativeSelect>
        )}
      </FormField>
      {generalError ? (
        <p role="alert" className="text-sm text-destructive">
          {generalError}
        </p>
      ) : null}
      <div>
        <Button type="submit" disabled={isPending || unchanged}>
          {isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
          {t("save")}
        </Button>
      </div>
    </form>
  );
}
