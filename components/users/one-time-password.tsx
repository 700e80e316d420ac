"use client";

import { useTranslations } from "next-intl";

import { CopyButton } from "@/components/ui/copy-button";

/** The one-time password, shown once, with a copy button. */
export function OneTimePassword({ password }: { password: string }) {
  const t = useTranslations("users.password");
  return (
    <div className="flex items-center gap-2 rounded-lg border bg-muted/50 p-2 ps-3">
      <code
        aria-label={t("legend")}
        dir="ltr"
        data-testid="one-time-password"
        className="flex-1 font-mono text-base tracking-wide select-all"
      >
        {password}
      </code>
      <CopyButton value={password} />
    </div>
  );
}
