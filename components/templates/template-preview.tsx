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
import type * as React from "react";

import { WhatsAppText } from "@/components/whatsapp-text";
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

function PreviewButtons({ buttons, label }: { buttons: TemplatePreview["buttons"]; label: string }) {
  if (buttons.length === 0) return null;
  return (
    <ul aria-label={label} className="mt-0.5 space-y-0.5">
      {buttons.map((button, index) => {
        const Icon = BUTTON_ICON[button.type] ?? ReplyIcon;
        return (
          <li
            key={index}
            className="flex items-center justify-center gap-1.5 rounded-lg bg-white px-2 py-2 text-[14px] font-medium text-[#027eb5] shadow-sm dark:bg-[#202c33] dark:text-[#53bdeb]"
          >
            <Icon className="size-4" aria-hidden="true" />
            <span className="truncate">{button.text}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** A carousel's first card (the ones after it are counted, not drawn). */
function PreviewCard({ card, more }: { card: TemplatePreviewCard; more: number }) {
  const MediaIcon = card.header && card.header.kind !== "text" ? MEDIA_ICON[card.header.kind] : null;
  return (
    <div className="mt-2 flex items-start gap-2">
      <div role="group" aria-label="First card" className="w-[78%] shrink-0">
        <div className="overflow-hidden rounded-lg bg-white text-[14px] leading-snug text-[#111b21] shadow-sm dark:bg-[#202c33] dark:text-[#e9edef]">
          {MediaIcon ? (
            <div className="flex h-28 items-center justify-center bg-[#d9dee0] text-[#54656f] dark:bg-[#2a3942] dark:text-[#aebac1]">
              <MediaIcon className="size-8" aria-hidden="true" />
              <span className="sr-only">{card.header?.kind} header</span>
            </div>
          ) : card.header?.kind === "text" ? (
            <p className="px-2.5 pt-2 font-semibold break-words">{card.header.text}</p>
          ) : null}
          {card.body ? (
            <div className="px-2.5 py-2">
              <WhatsAppText value={card.body} links="text" />
            </div>
          ) : null}
        </div>
        <PreviewButtons buttons={card.buttons} label="First card buttons" />
      </div>
      {more > 0 ? (
        <p className="self-center rounded-full bg-white/80 px-2.5 py-1 text-xs font-medium text-[#54656f] shadow-sm dark:bg-[#202c33] dark:text-[#aebac1]">
          +{more} more card{more === 1 ? "" : "s"}
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
  const { header } = preview;
  const MediaIcon = header && header.kind !== "text" ? MEDIA_ICON[header.kind] : null;
  return (
    <figure aria-label="Message preview" className={cn("overflow-hidden rounded-[1.75rem] border-[6px] border-neutral-900 bg-neutral-900 shadow-xl dark:border-neutral-700", className)}>
      <div className="flex items-center gap-2 bg-[#008069] px-4 py-2.5 text-white dark:bg-[#202c33]">
        <div className="flex size-7 items-center justify-center rounded-full bg-white/20 text-xs font-semibold" aria-hidden="true">
          {(businessName ?? "B").charAt(0).toUpperCase()}
        </div>
        <div className="min-w-0">
          <p className="truncate text-sm font-medium">{businessName ?? "Your business"}</p>
          <p className="text-[11px] text-white/75">Business account</p>
        </div>
      </div>
      <div className="min-h-72 bg-[#efeae2] px-3 py-4 dark:bg-[#0b141a]">
        <div className="max-w-[92%]">
          <div data-testid="preview-bubble" className="relative rounded-lg rounded-ss-none bg-white px-2.5 pt-2 pb-1.5 text-[14px] leading-snug text-[#111b21] shadow-sm dark:bg-[#202c33] dark:text-[#e9edef]">
            {header?.kind === "text" ? <p className="mb-1 font-semibold break-words">{header.text}</p> : null}
            {MediaIcon && header?.kind === "image" && headerSample?.url ? (
              // eslint-disable-next-line @next/next/no-img-element -- an object URL of the file just picked, not an optimisable asset
              <img src={headerSample.url} alt={`Header image: ${headerSample.name}`} className="mb-2 max-h-52 w-full rounded-md bg-[#d9dee0] object-cover dark:bg-[#2a3942]" />
            ) : MediaIcon && headerSample ? (
              <div className="mb-2 flex h-28 flex-col items-center justify-center gap-1.5 rounded-md bg-[#d9dee0] px-3 text-[#54656f] dark:bg-[#2a3942] dark:text-[#aebac1]">
                <MediaIcon className="size-8" aria-hidden="true" />
                <span className="max-w-full truncate text-xs" title={headerSample.name}>
                  <span className="sr-only">{header?.kind} header: </span>
                  {headerSample.name}
                </span>
              </div>
            ) : MediaIcon ? (
              <div className="mb-2 flex h-28 items-center justify-center rounded-md bg-[#d9dee0] text-[#54656f] dark:bg-[#2a3942] dark:text-[#aebac1]">
                <MediaIcon className="size-8" aria-hidden="true" />
                <span className="sr-only">{header?.kind} header</span>
              </div>
            ) : null}
            {preview.offer ? (
              <p className="mb-1.5 flex items-center gap-1.5 rounded-md bg-[#f0f2f5] px-2 py-1.5 text-[13px] font-semibold dark:bg-[#2a3942]">
                <TagIcon className="size-4 shrink-0 text-[#008069]" aria-hidden="true" />
                <span className="min-w-0 break-words">{preview.offer.text || "Limited-time offer"}</span>
                {preview.offer.expires ? <span className="ms-auto shrink-0 text-[11px] font-normal text-[#667781]">Offer ends soon</span> : null}
              </p>
            ) : null}
            {preview.body ? (
              <WhatsAppText value={preview.body} links="text" />
            ) : (
              <p className="text-[#667781] italic">The body text appears here as you type.</p>
            )}
            {preview.footer ? <p className="mt-1 text-[12.5px] break-words text-[#667781] dark:text-[#8696a0]">{preview.footer}</p> : null}
            <p className="mt-0.5 text-end text-[11px] text-[#667781] dark:text-[#8696a0]" aria-hidden="true">
              12:00
            </p>
          </div>
          <PreviewButtons buttons={preview.buttons} label="Preview buttons" />
          {preview.carousel ? <PreviewCard card={preview.carousel.first} more={preview.carousel.more} /> : null}
        </div>
      </div>
    </figure>
  );
}
