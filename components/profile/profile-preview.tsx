"use client";

import { BadgeCheckIcon, Building2Icon, GlobeIcon, MailIcon, MapPinIcon, StoreIcon } from "lucide-react";
import { useTranslations } from "next-intl";

import { BUSINESS_VERTICALS, type BusinessVertical } from "@/lib/whatsapp/profile";

export interface PreviewData {
  verifiedName: string;
  displayPhoneNumber: string;
  about: string;
  address: string;
  description: string;
  email: string;
  websites: string[];
  vertical: string;
  pictureUrl: string | null;
}

function initials(name: string): string {
  const parts = name.split(/\s+/).filter(Boolean);
  return (parts[0]?.[0] ?? "?").toUpperCase() + (parts[1]?.[0] ?? "").toUpperCase();
}

function Row({ icon: Icon, children, label }: { icon: typeof MailIcon; children: React.ReactNode; label: string }) {
  return (
    <li className="flex gap-3 px-4 py-2.5">
      <Icon className="mt-0.5 size-4 shrink-0 text-[#54656f] dark:text-[#8696a0]" aria-label={label} />
      <div dir="auto" className="min-w-0 text-sm break-words text-[#111b21] dark:text-[#e9edef]">
        {children}
      </div>
    </li>
  );
}

const isVertical = (value: string): value is BusinessVertical => (BUSINESS_VERTICALS as readonly string[]).includes(value);

/** The business profile as WhatsApp shows it to a customer, from the form's current values. */
export function ProfilePreview({ data }: { data: PreviewData }) {
  const t = useTranslations("profile");
  const websites = data.websites.map((website) => website.trim()).filter(Boolean);
  // A vertical Meta added after this list is shown by its code.
  const category = data.vertical ? (isVertical(data.vertical) ? t(`verticals.${data.vertical}`) : data.vertical) : undefined;
  return (
    <figure aria-label={t("preview.label")} className="mx-auto w-full max-w-sm">
      <div className="overflow-hidden rounded-[2rem] border-8 border-zinc-900 bg-[#f0f2f5] shadow-xl dark:border-zinc-700 dark:bg-[#0b141a]">
        <div className="bg-[#008069] px-4 pt-3 pb-2 text-xs font-medium text-white dark:bg-[#202c33]">{t("preview.businessInfo")}</div>
        <div className="bg-white px-4 pt-6 pb-4 text-center dark:bg-[#111b21]">
          {data.pictureUrl ? (
            // eslint-disable-next-line @next/next/no-img-element -- WhatsApp's CDN URL (or a local crop), not an optimisable asset
            <img src={data.pictureUrl} alt={t("preview.picture")} className="mx-auto size-24 rounded-full object-cover ring-1 ring-black/5" />
          ) : (
            <div aria-label={t("preview.noPicture")} role="img" className="mx-auto flex size-24 items-center justify-center rounded-full bg-[#dfe5e7] text-2xl font-semibold text-[#54656f] dark:bg-[#374045] dark:text-[#aebac1]">
              {initials(data.verifiedName)}
            </div>
          )}
          <p className="mt-3 flex items-center justify-center gap-1 text-lg font-semibold text-[#111b21] dark:text-[#e9edef]">
            <bdi>{data.verifiedName}</bdi>
            <BadgeCheckIcon className="size-4 text-[#25d366]" aria-label={t("preview.businessAccount")} />
          </p>
          <p dir="ltr" className="text-sm text-[#667781] dark:text-[#8696a0]">
            {data.displayPhoneNumber}
          </p>
          {category ? <p className="mt-1 text-xs text-[#667781] dark:text-[#8696a0]">{category}</p> : null}
        </div>
        <div className="mt-2 bg-white px-4 py-3 dark:bg-[#111b21]">
          <p className="text-xs text-[#667781] dark:text-[#8696a0]">{t("preview.about")}</p>
          {data.about ? (
            <p dir="auto" className="mt-0.5 text-sm break-words text-[#111b21] dark:text-[#e9edef]">
              {data.about}
            </p>
          ) : (
            <p className="mt-0.5 text-sm text-[#111b21] italic opacity-60 dark:text-[#e9edef]">{t("preview.noAbout")}</p>
          )}
        </div>
        <ul className="mt-2 divide-y divide-black/5 bg-white pb-1 dark:divide-white/5 dark:bg-[#111b21]">
          {data.description ? (
            <Row icon={StoreIcon} label={t("preview.description")}>
              <span className="whitespace-pre-line">{data.description}</span>
            </Row>
          ) : null}
          {category ? (
            <Row icon={Building2Icon} label={t("preview.category")}>
              {category}
            </Row>
          ) : null}
          {data.address ? (
            <Row icon={MapPinIcon} label={t("preview.address")}>
              <span className="whitespace-pre-line">{data.address}</span>
            </Row>
          ) : null}
          {data.email ? (
            <Row icon={MailIcon} label={t("preview.email")}>
              <span className="text-[#027eb5] dark:text-[#53bdeb]">{data.email}</span>
            </Row>
          ) : null}
          {websites.map((website) => (
            <Row key={website} icon={GlobeIcon} label={t("preview.website")}>
              <span className="text-[#027eb5] dark:text-[#53bdeb]">{website}</span>
            </Row>
          ))}
        </ul>
        <div className="h-6" />
      </div>
      <figcaption className="mt-3 text-center text-xs text-muted-foreground">{t("preview.caption")}</figcaption>
    </figure>
  );
}
