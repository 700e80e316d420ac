"use client";

import { CheckIcon, CopyIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Field, FieldControl } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/** A new token's text in a read-only field, selected on focus, with a copy button: it is shown this once. */
export function NewTokenField({ token }: { token: string }) {
  const t = useTranslations("apiTokens.create");
  const common = useTranslations("common");
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // Without clipboard access (plain http), the text is selected for copying by hand.
      input.current?.select();
      toast.error(t("copyFailed"));
    }
  };
  return (
    <Field id="api-token-text" label={t("tokenLabel")}>
      <div className="flex items-center gap-2">
        <FieldControl>
          <Input
            ref={input}
            readOnly
            value={token}
            dir="ltr"
            spellCheck={false}
            autoComplete="off"
            className="flex-1 font-mono text-sm"
            onFocus={(event) => event.currentTarget.select()}
          />
        </FieldControl>
        <Button type="button" variant="outline" onClick={copy} aria-label={copied ? common("copied") : t("copyToken")}>
          {copied ? <CheckIcon aria-hidden="true" /> : <CopyIcon aria-hidden="true" />}
          {copied ? common("copied") : common("copy")}
        </Button>
      </div>
    </Field>
  );
}
