"use client";

import { ShieldCheckIcon, TriangleAlertIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId } from "react";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";

/**
 * A signing secret, shown the one time it exists in the browser: selectable text, a Copy button, the
 * warning that it will not be shown again, and how a receiver verifies what is signed with it.
 */
export function SigningSecret({ secret }: { secret: string }) {
  const t = useTranslations("outboundWebhooks.endpoint.secret");
  const labelId = useId();
  return (
    <div className="grid gap-4">
      <Alert variant="warning">
        <TriangleAlertIcon aria-hidden="true" />
        <AlertDescription>{t("warning")}</AlertDescription>
      </Alert>
      <div role="group" aria-labelledby={labelId} className="grid gap-1.5">
        <p id={labelId} className="text-sm font-medium">
          {t("label")}
        </p>
        <div className="flex items-center gap-2 rounded-lg border bg-muted/50 p-2 ps-3">
          <code
            dir="ltr"
            data-testid="signing-secret"
            className="min-w-0 flex-1 font-mono text-sm break-all select-all"
          >
            {secret}
          </code>
          <CopyButton value={secret} label={t("copySecret")} />
        </div>
      </div>
      <VerifySignaturesNote />
    </div>
  );
}

/** The three Standard Webhooks headers a receiver checks, named as they travel. */
export function VerifySignaturesNote() {
  const t = useTranslations("outboundWebhooks.endpoint.secret");
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="rounded-lg border p-3 text-sm">
      <h3 id={titleId} className="mb-1 flex items-center gap-1.5 font-medium">
        <ShieldCheckIcon className="size-4 text-muted-foreground" aria-hidden="true" />
        {t("verifyTitle")}
      </h3>
      <p className="text-muted-foreground">
        {t.rich("verifyBody", {
          code: (chunks) => (
            <code dir="ltr" className="rounded bg-muted px-1 py-0.5 font-mono text-xs text-foreground">
              {chunks}
            </code>
          ),
        })}
      </p>
    </section>
  );
}
