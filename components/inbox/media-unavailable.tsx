"use client";

import { ImageOffIcon } from "lucide-react";
import { useEffect, useState, type ReactNode } from "react";

/**
 * Renders media through `children(onError)`; when the browser cannot load it, asks the media route
 * why (an expired WhatsApp media id answers 410 with a plain explanation) and shows that instead of
 * a broken image.
 */
export function WithMediaFallback({ src, children }: { src: string; children: (onError: () => void) => ReactNode }) {
  const [failed, setFailed] = useState(false);
  const [reason, setReason] = useState<string | null>(null);
  useEffect(() => {
    if (!failed) return;
    let cancelled = false;
    fetch(src)
      .then(async (response) => {
        if (response.ok) return null;
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        return body?.error?.message ?? `The file could not be loaded (HTTP ${response.status}).`;
      })
      .catch(() => "The file could not be loaded. Check the connection and reload.")
      .then((message) => {
        if (!cancelled) setReason(message ?? "The file could not be shown in the browser.");
      });
    return () => {
      cancelled = true;
    };
  }, [failed, src]);

  if (!failed) return <>{children(() => setFailed(true))}</>;
  return (
    <p role="note" className="flex max-w-xs items-start gap-2 rounded-md border border-dashed border-current/30 p-2.5 text-sm opacity-90">
      <ImageOffIcon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      <span>{reason ?? "Loading the file failed; finding out why…"}</span>
    </p>
  );
}
