"use client";

import { CheckIcon, CopyIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { Button } from "@/components/ui/button";

/** The one-time password, shown once, with a copy button. */
export function OneTimePassword({ password }: { password: string }) {
  const t = useTranslations("users.password");
  const common = useTranslations("common");
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // Without clipboard access (plain http), the text stays selectable.
      setCopied(false);
    }
  };
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
      <Button type="button" variant="outline" size="sm" onClick={copy}>
        {copied ? <CheckIcon aria-hidden="true" /> : <CopyIcon aria-hidden="true" />}
        {copied ? common("copied") : common("copy")}
      </Button>
    </div>
  );
}
