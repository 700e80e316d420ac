"use client";

import { LockIcon } from "lucide-react";
import { useTranslations } from "next-intl";

/** Adds a private note; resolves false when it was not stored (the draft is kept). */
export type AddNote = (note: { body: string; mentionIds: string[]; clientKey: string }) => Promise<boolean>;

/** Above the composer in note mode: who sees what is written, and why only notes when the window is closed. */
export function NoteModeLine({ notesOnly }: { notesOnly: boolean }) {
  const t = useTranslations("notes.composer");
  return (
    <p className="mb-2 flex items-center gap-1.5 text-xs font-medium text-amber-900 dark:text-amber-200">
      <LockIcon className="size-3.5 shrink-0" aria-hidden="true" />
      <span>{t("onlyTeam")}</span>
      {notesOnly ? <span className="font-normal text-amber-800/80 dark:text-amber-200/80">{t("notesOnly")}</span> : null}
    </p>
  );
}
