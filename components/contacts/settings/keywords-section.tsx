"use client";

import { Loader2Icon, RotateCcwIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";

import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import { runAction } from "@/lib/action-result";
import { saveOptOutKeywordsAction } from "@/lib/actions/contact-consent";
import { KEYWORD_LIMITS } from "@/lib/contacts/keyword-rules";

import { ChipListInput } from "./chip-list-input";
import { keywordLanguages } from "./settings-rules";

/** The language's name in the reader's language ("Spanish", "Español"…), else its code. */
function useLanguageName(): (code: string) => string {
  const locale = useLocale();
  const names = useMemo(() => new Intl.DisplayNames([locale], { type: "language" }), [locale]);
  return (code) => {
    try {
      return names.of(code) ?? code;
    } catch {
      return code;
    }
  };
}

/**
 * "Opt-out keywords", per language: a customer whose whole message is one of these words is opted out
 * of marketing. Each language's list is edited as chips, its defaults shown and restorable; Save
 * keeps them all at once.
 */
export function KeywordsSection({ saved, defaults }: { saved: Record<string, string[]>; defaults: Record<string, string[]> }) {
  const t = useTranslations("contacts.settings.keywords");
  const languageName = useLanguageName();
  const titleId = useId();
  const baseId = useId();
  const [keywords, setKeywords] = useState<Record<string, string[]>>(saved);
  const [kept, setKept] = useState<Record<string, string[]>>(saved);
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<{ fields: Record<string, string>; general: string | undefined }>({ fields: {}, general: undefined });
  const languages = keywordLanguages(saved, defaults);
  const changed = JSON.stringify(keywords) !== JSON.stringify(kept);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setErrors({ fields: {}, general: undefined });
    // An emptied language is sent empty: no keyword there, rather than its defaults again.
    const reading = await runAction(saveOptOutKeywordsAction({ keywords }));
    setPending(false);
    if (!reading.ok) {
      const fields: Record<string, string> = {};
      for (const [path, message] of Object.entries(reading.fieldErrors)) {
        const language = path.split(".")[1];
        if (path.startsWith("keywords.") && language) fields[language] ??= message;
      }
      setErrors({ fields, general: Object.keys(fields).length > 0 ? undefined : reading.message });
      return;
    }
    setKeywords(reading.data);
    setKept(reading.data);
    toast.success(t("saved"));
  };

  return (
    <section aria-labelledby={titleId} className="grid gap-4">
      <div className="space-y-1">
        <h2 id={titleId} className="text-lg font-semibold tracking-tight">
          {t("title")}
        </h2>
        <p className="max-w-3xl text-sm text-muted-foreground">{t("description")}</p>
      </div>
      <form noValidate onSubmit={save} className="grid gap-4 rounded-xl border bg-card p-5 shadow-xs">
        <FormError message={errors.general} />
        <div className="grid gap-5 md:grid-cols-2">
          {languages.map((language) => {
            const words = keywords[language] ?? [];
            const defaultWords = defaults[language] ?? [];
            const isDefault = JSON.stringify(words) === JSON.stringify(defaultWords);
            return (
              <div key={language} className="space-y-1.5">
                <ChipListInput
                  id={`${baseId}-${language}`}
                  label={languageName(language)}
                  description={
                    defaultWords.length > 0
                      ? t("defaults", { words: defaultWords.join(", ") })
                      : t("noDefaults")
                  }
                  values={words}
                  onChange={(next) => setKeywords((current) => ({ ...current, [language]: next }))}
                  max={KEYWORD_LIMITS.keywordsPerLanguage}
                  maxLength={KEYWORD_LIMITS.keywordLength}
                  error={errors.fields[language]}
                  disabled={pending}
                />
                {defaultWords.length > 0 && !isDefault ? (
                  <Button
                    type="button"
                    variant="link"
                    size="sm"
                    className="h-auto px-0 text-xs"
                    disabled={pending}
                    onClick={() => setKeywords((current) => ({ ...current, [language]: defaultWords }))}
                    aria-label={t("restoreLabel", { language: languageName(language) })}
                  >
                    <RotateCcwIcon className="size-3" aria-hidden="true" />
                    {t("restore")}
                  </Button>
                ) : null}
              </div>
            );
          })}
        </div>
        <div className="flex items-center justify-end gap-3">
          {changed ? <span className="text-sm text-muted-foreground">{t("unsaved")}</span> : null}
          <Button type="submit" aria-disabled={pending || undefined}>
            {pending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
            {t("save")}
          </Button>
        </div>
      </form>
    </section>
  );
}
