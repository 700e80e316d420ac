import { useTranslations } from "next-intl";
import { useCallback } from "react";

import {
  wordsOf,
  type ErrorExplanation,
  type ErrorWords,
  type ExplainedWords,
  type ExplanationKey,
  type ExplanationPath,
  type ExplanationTranslate,
} from "./errors";

/**
 * In a component: the words of any explanation of lib/whatsapp/errors.ts in the reader's language.
 * The page hands its client components the `gateway` namespace (ClientMessages).
 */
export function useErrorWords(): (explained: ErrorExplanation | ExplanationKey) => ExplainedWords {
  const t = useTranslations("gateway");
  return useCallback(
    (explained: ErrorExplanation | ExplanationKey) => {
      const lookup = (path: ExplanationPath | "failure.withoutTitle" | "failure.titleAndExplanation", values?: ErrorWords) =>
        values ? t(path as "failure.withoutTitle" | "failure.titleAndExplanation", { ...values }) : t(path as ExplanationPath);
      return wordsOf(lookup as ExplanationTranslate, explained);
    },
    [t],
  );
}
