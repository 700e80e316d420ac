"use client";

import { ImageOffIcon, RotateCcwIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState, type ReactNode } from "react";

import { Button } from "@/components/ui/button";

/**
 * Renders media through `children(src, onError)`; when the browser cannot load it, asks the media
 * route why (expired at WhatsApp, not reachable through the gateway, too large) and shows that in
 * plain words with a retry, instead of a broken image or a blank bubble.
 */
export function WithMediaFallback({ src, children }: { src: string; children: (onError: () => void, src: string) => ReactNode }) {
  const t = useTranslations("conversation.media");
  const [attempt, setAttempt] = useState(0);
  const [failed, setFailed] = useState(false);
  const [reason, setReason] = useState<{ message: string; final: boolean } | null>(null);
  // A load that failed while the route now answers (a moment of gateway trouble) is tried once more by itself.
  const [retriedByItself, setRetriedByItself] = useState(false);
  // A retry asks again (the route answers errors uncached), as a new URL so the element reloads.
  const current = attempt === 0 ? src : `${src}${src.includes("?") ? "&" : "?"}attempt=${attempt}`;
  useEffect(() => {
    if (!failed) return;
    let cancelled = false;
    fetch(current)
      .then(async (response) => {
        if (response.ok) return null;
        const body = (await response.json().catch(() => null)) as { error?: { message?: string; code?: string } } | null;
        return {
          // The media route words its refusal in the reader's language.
          message: body?.error?.message ?? t("httpError", { status: response.status }),
          // Expired, too large or gone (deleted, or not visible to this user) stays so; other failures may pass.
          final: ["MEDIA_EXPIRED", "MEDIA_TOO_LARGE", "NOT_FOUND"].includes(body?.error?.code ?? ""),
        };
      })
      .catch(() => ({ message: t("unreachable"), final: false }))
      .then((result) => {
        if (cancelled) return;
        if (result === null && !retriedByItself) {
          setRetriedByItself(true);
          setFailed(false);
          setAttempt((value) => value + 1);
          return;
        }
        setReason(result ?? { message: t("notShowable"), final: true });
      });
    return () => {
      cancelled = true;
    };
  }, [failed, current, retriedByItself, t]);

  if (!failed) return <>{children(() => setFailed(true), current)}</>;
  return (
    <div role="note" className="flex max-w-xs items-start gap-2 rounded-md border border-dashed border-current/30 p-2.5 text-sm opacity-90">
      <ImageOffIcon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      <div className="min-w-0 space-y-1.5">
        <p>{reason?.message ?? t("findingOut")}</p>
        {reason && !reason.final ? (
          <Button
            type="button"
            size="sm"
            variant="outline"
            className="h-7 bg-background text-xs"
            onClick={() => {
              setReason(null);
              setFailed(false);
              setAttempt((value) => value + 1);
            }}
          >
            <RotateCcwIcon aria-hidden="true" />
            {t("tryAgain")}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
