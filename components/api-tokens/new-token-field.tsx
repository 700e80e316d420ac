"use client";

import { useTranslations } from "next-intl";
import { useRef } from "react";

import { CopyButton } from "@/components/ui/copy-button";
import { Field, FieldControl } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/** A new token's text in a read-only field, selected on focus, with a copy button: it is shown this once. */
export function NewTokenField({ token }: { token: string }) {
  const t = useTranslations("apiTokens.create");
  const input = useRef<HTMLInputElement>(null);
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
        {/* Where the browser refuses to copy, the token is selected for copying by hand. */}
        <CopyButton value={token} label={t("copyToken")} size="default" onRefused={() => input.current?.select()} />
      </div>
    </Field>
  );
}
