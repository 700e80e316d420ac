import { useLocale } from "next-intl";
import { useMemo } from "react";

/**
 * The name of a template's language (Meta's code: "en_US", "pt_BR", "ar") in the reader's language,
 * from the browser's own language names; the code itself when the runtime does not know it.
 */
export function useTemplateLanguageName(): (code: string) => string {
  const locale = useLocale();
  const names = useMemo(() => {
    try {
      return new Intl.DisplayNames([locale], { type: "language", languageDisplay: "standard" });
    } catch {
      return undefined;
    }
  }, [locale]);
  return (code: string) => {
    try {
      return names?.of(code.replace(/_/g, "-")) ?? code;
    } catch {
      // Not a well-formed language tag: Meta's code is all there is to show.
      return code;
    }
  };
}
