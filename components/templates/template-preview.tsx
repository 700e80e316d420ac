import {
  CopyIcon,
  ExternalLinkIcon,
  FileTextIcon,
  ImageIcon,
  KeyRoundIcon,
  LayoutGridIcon,
  MapPinIcon,
  PhoneIcon,
  ReplyIcon,
  ShoppingBagIcon,
  TagIcon,
  VideoIcon,
  WorkflowIcon,
} from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import type * as React from "react";

import { useTranslate } from "@/components/i18n/use-translate";
import { WhatsAppText } from "@/components/whatsapp-text";
import { translateMessage } from "@/lib/i18n/translatable";
import { cn } from "@/lib/utils";
import type { TemplatePreview, TemplatePreviewCard } from "@/lib/whatsapp/template-draft";

const MEDIA_ICON = { image: ImageIcon, video: VideoIcon, document: FileTextIcon, location: MapPinIcon, product: ShoppingBagIcon } as const;
const BUTTON_ICON: Record<string, typeof ReplyIcon> = {
  QUICK_REPLY: ReplyIcon,
  URL: ExternalLinkIcon,
  PHONE_NUMBER: PhoneIcon,
  COPY_CODE: CopyIcon,
  OTP: KeyRoundIcon,
  CATALOG: LayoutGridIcon,
  MPM: LayoutGridIcon,
  SPM: ShoppingBagIcon,
  FLOW: WorkflowIcon,
};

/** The time the preview's bubble shows: noon, written the reader's way. */
const SAMPLE_TIME = new Date(Date.UTC(2025, 0, 1, 12, 0));

function PreviewButtons({ buttons, label }: { buttons: TemplatePreview["buttons"]; label: string }) {
  const tAll = useTranslate();
  if (buttons.length === 0) return null;
  return (
    <ul aria-label={label} className="mt-0.5 space-y-0.5">
      {buttons.map((button, index) => {
        const Icon = BUTTON_ICON[button.type] ?? ReplyIcon;
        // The reply arrow points back toward the message: the other way in a right-to-left page.
        const mirrored = Icon === ReplyIcon;
        return (
          <li
            key={index}
            className="flex items-center justify-center gap-1.5 rounded-lg bg-white px-2 py-2 text-[14px] font-medium text-[#027eb5] shadow-sm dark:bg-[#202c33] dark:text-[#53bdeb]"
          >
            <Icon className={cn("size-4", mirrored && "rtl:-scale-x-100")} aria-hidden="true" />
            <span className="truncate" dir="auto">{translateMessage(tAll, button.text)}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** A carousel's first card (the ones after it are counted, not drawn). */
function PreviewCard({ card, more }: { card: TemplatePreviewCard; more: number }) {
  const t = useTranslations("templates.preview");
  const MediaIcon = card.header && card.header.kind !== "text" ? MEDIA_ICON[card.header.kind] : null;
  return (
    <div className="mt-2 flex items-start gap-2">
      <div role="group" aria-label={t("firstCard")} className="w-[78%] shrink-0">
        <div className="overflow-hidden rounded-lg bg-white text-[14px] leading-snug text-[#111b21] shadow-sm dark:bg-[#202c33] dark:text-[#e9edef]">
          {MediaIcon ? (
            <div className="flex h-28 items-center justify-center bg-[#d9dee0] text-[#54656f] dark:bg-[#2a3942] dark:text-[#aebac1]">
              <MediaIcon className="size-8" aria-hidden="true" />
              <span className="sr-only">{t("mediaHeader", { kind: card.header?.kind ?? "" })}</span>
            </div>
          ) : card.header?.kind === "text" ? (
            <p className="px-2.5 pt-2 font-semibold break-words" dir="auto">{card.header.text}</p>
          ) : null}
          {card.body ? (
            <div className="px-2.5 py-2" dir="auto">
              <WhatsAppText value={card.body} links="text" />
            </div>
          ) : null}
        </div>
        <PreviewButtons buttons={card.buttons} label={t("firstCardButtons")} />
      </div>
      {more > 0 ? (
        <p className="self-center rounded-full bg-white/80 px-2.5 py-1 text-xs font-medium text-[#54656f] shadow-sm dark:bg-[#202c33] dark:text-[#aebac1]">
          {t("moreCards", { count: more })}
        </p>
      ) : null}
    </div>
  );
}

/** The template as a WhatsApp message bubble in a phone-like frame, with the example values filled in. */
export function TemplatePreviewBubble({
  preview,
  businessName,
  headerSample,
  className,
}: {
  preview: TemplatePreview;
  businessName?: string;
  /** The media header's sample picked in the editor: an image's object URL, or a file's name. */
  headerSample?: { name: string; url: string | null };
  className?: string;
}) {
  const t = useTranslations("templates.preview");
  const format = useFormatter();
  const { header } = preview;
  const MediaIcon = header && header.kind !== "text" ? MEDIA_ICON[header.kind] : null;
  const mediaHeader = header && header.kind !== "text" ? t("mediaHeader", { kind: header.kind }) : "";
  return (
    <figure aria-label={t("figure")} className={cn("overflow-hidden rounded-[1.75rem] border-[6px] border-neutral-900 bg-neutral-900 shadow-xl dark:border-neutral-700", className)}>
      <div className="flex items-center gap-2 bg-[#008069] px-4 py-2.5 text-white dark:bg-[#202c33]">
        <div className="flex size-7 items-center justify-center rounded-full bg-white/20 text-xs font-semibold" aria-hidden="true">
          {(businessName ?? "B").charAt(0).toUpperCase()}
        </div>
        <div className="min-w-0">
          <p className="truncate text-sm font-medium" dir="auto">{businessName ?? t("yourBusiness")}</p>
          <p className="text-[11px] text-white/75">{t("businessAccount")}</p>
        </div>
      </div>
      <div className="min-h-72 bg-[#efeae2] px-3 py-4 dark:bg-[#0b141a]">
        <div className="max-w-[92%]">
          <div data-testid="preview-bubble" className="relative rounded-lg rounded-ss-none bg-white px-2.5 pt-2 pb-1.5 text-[14px] leading-snug text-[#111b21] shadow-sm dark:bg-[#202c33] dark:text-[#e9edef]">
            {header?.kind === "text" ? <p className="mb-1 font-semibold break-words" dir="auto">{header.text}</p> : null}
            {MediaIcon && header?.kind === "image" && headerSample?.url ? (
              // eslint-disable-next-line @next/next/no-img-element -- an object URL of the file just picked, not an optimisable asset
              <img src={headerSample.url} alt={t("headerImage", { name: headerSample.name })} className="mb-2 max-h-52 w-full rounded-md bg-[#d9dee0] object-cover dark:bg-[#2a3942]" />
            ) : MediaIcon && headerSample ? (
              <div className="mb-2 flex h-28 flex-col items-center justify-center gap-1.5 rounded-md bg-[#d9dee0] px-3 text-[#54656f] dark:bg-[#2a3942] dark:text-[#aebac1]">
                <MediaIcon className="size-8" aria-hidden="true" />
                <span className="max-w-full truncate text-xs" title={headerSample.name} dir="auto">
                  <span className="sr-only">{mediaHeader}: </span>
                  {headerSample.name}
                </span>
              </div>
            ) : MediaIcon ? (
              <div className="mb-2 flex h-28 items-center justify-center rounded-md bg-[#d9dee0] text-[#54656f] dark:bg-[#2a3942] dark:text-[#aebac1]">
                <MediaIcon className="size-8" aria-hidden="true" />
                <span className="sr-only">{mediaHeader}</span>
              </div>
            ) : null}
            {preview.offer ? (
              <p className="mb-1.5 flex items-center gap-1.5 rounded-md bg-[#f0f2f5] px-2 py-1.5 text-[13px] font-semibold dark:bg-[#2a3942]">
                <TagIcon className="size-4 shrink-0 text-[#008069]" aria-hidden="true" />
                {preview.offer.text ? (
                  <span className="min-w-0 break-words" dir="auto">{preview.offer.text}</span>
                ) : (
                  <span className="min-w-0 break-words">{t("offer")}</span>
                )}
                {preview.offer.expires ? <span className="ms-auto shrink-0 text-[11px] font-normal text-[#667781]">{t("offerEndsSoon")}</span> : null}
              </p>
            ) : null}
            {preview.body ? (
              <div dir="auto">
                <WhatsAppText value={preview.body} links="text" />
              </div>
            ) : (
              <p className="text-[#667781] italic">{t("bodyPlaceholder")}</p>
            )}
            {preview.footer ? <p className="mt-1 text-[12.5px] break-words text-[#667781] dark:text-[#8696a0]" dir="auto">{preview.footer}</p> : null}
            <p className="mt-0.5 text-end text-[11px] text-[#667781] dark:text-[#8696a0]" aria-hidden="true">
              {format.dateTime(SAMPLE_TIME, { hour: "numeric", minute: "2-digit", timeZone: "UTC" })}
            </p>
          </div>
          <PreviewButtons buttons={preview.buttons} label={t("buttons")} />
          {preview.carousel ? <PreviewCard card={preview.carousel.first} more={preview.carousel.more} /> : null}
        </div>
      </div>
    </figure>
  );
}
