"use client";

import { FileAudioIcon, FileTextIcon, FileVideoIcon, ImageIcon, StickerIcon, type LucideIcon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";
import { expiryOf, type MediaKind } from "@/lib/media/rules";
import { cn } from "@/lib/utils";

export const KIND_ICONS: Record<MediaKind, LucideIcon> = {
  image: ImageIcon,
  video: FileVideoIcon,
  audio: FileAudioIcon,
  document: FileTextIcon,
  sticker: StickerIcon,
};

export const mediaUrl = (id: string) => `/api/media/${encodeURIComponent(id)}`;

/** A square thumbnail: the picture for images and stickers, the kind's icon otherwise. */
export function MediaThumbnail({ id, kind, className }: { id: string; kind: MediaKind; className?: string }) {
  const Icon = KIND_ICONS[kind];
  if (kind === "image" || kind === "sticker") {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- authenticated bytes from our own route; next/image would re-fetch them without the cookie.
      <img
        src={mediaUrl(id)}
        alt=""
        loading="lazy"
        className={cn("size-full bg-muted/40", kind === "sticker" ? "object-contain p-3" : "object-cover", className)}
      />
    );
  }
  return (
    <div className={cn("flex size-full items-center justify-center bg-muted/50 text-muted-foreground", className)}>
      <Icon className="size-10" strokeWidth={1.25} aria-hidden="true" />
    </div>
  );
}

/** Days left of a 30-day media id: calm while there is time, a warning under 3 days, red once expired. */
export function ExpiryBadge({ expiresAt, now }: { expiresAt: string; now: Date }) {
  const t = useTranslations("media.expiry");
  const expiry = expiryOf(expiresAt, now);
  if (expiry.state === "expired") return <Badge variant="destructive">{t("expired")}</Badge>;
  return <Badge variant={expiry.state === "soon" ? "warning" : "secondary"}>{t("daysLeft", { days: expiry.daysLeft })}</Badge>;
}

/** Dates of the library in the reader's language and time zone: "2 Mar 2026", with the time where it matters. */
export function useMediaDates() {
  const format = useFormatter();
  return {
    date: (iso: string) => format.dateTime(new Date(iso), { day: "numeric", month: "short", year: "numeric" }),
    dateTime: (iso: string) => format.dateTime(new Date(iso), { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" }),
  };
}
