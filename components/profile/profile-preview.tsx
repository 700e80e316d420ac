"use client";

import { BadgeCheckIcon, Building2Icon, GlobeIcon, MailIcon, MapPinIcon, StoreIcon } from "lucide-react";

import { verticalLabel } from "@/lib/whatsapp/verticals";

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
      <div className="min-w-0 text-sm break-words text-[#111b21] dark:text-[#e9edef]">{children}</div>
    </li>
  );
}

/** The business profile as WhatsApp shows it to a customer, from the form's current values. */
export function ProfilePreview({ data }: { data: PreviewData }) {
  const websites = data.websites.map((website) => website.trim()).filter(Boolean);
  const category = verticalLabel(data.vertical);
  return (
    <figure aria-label="Preview: the profile as customers see it on WhatsApp" className="mx-auto w-full max-w-sm">
      <div className="overflow-hidden rounded-[2rem] border-8 border-zinc-900 bg-[#f0f2f5] shadow-xl dark:border-zinc-700 dark:bg-[#0b141a]">
        <div className="bg-[#008069] px-4 pt-3 pb-2 text-xs font-medium text-white dark:bg-[#202c33]">Business info</div>
        <div className="bg-white px-4 pt-6 pb-4 text-center dark:bg-[#111b21]">
          {data.pictureUrl ? (
            // eslint-disable-next-line @next/next/no-img-element -- WhatsApp's CDN URL (or a local crop), not an optimisable asset
            <img src={data.pictureUrl} alt="Profile picture" className="mx-auto size-24 rounded-full object-cover ring-1 ring-black/5" />
          ) : (
            <div aria-label="No profile picture" role="img" className="mx-auto flex size-24 items-center justify-center rounded-full bg-[#dfe5e7] text-2xl font-semibold text-[#54656f] dark:bg-[#374045] dark:text-[#aebac1]">
              {initials(data.verifiedName)}
            </div>
          )}
          <p className="mt-3 flex items-center justify-center gap-1 text-lg font-semibold text-[#111b21] dark:text-[#e9edef]">
            {data.verifiedName}
            <BadgeCheckIcon className="size-4 text-[#25d366]" aria-label="Business account" />
          </p>
          <p className="text-sm text-[#667781] dark:text-[#8696a0]">{data.displayPhoneNumber}</p>
          {category ? <p className="mt-1 text-xs text-[#667781] dark:text-[#8696a0]">{category}</p> : null}
        </div>
        <div className="mt-2 bg-white px-4 py-3 dark:bg-[#111b21]">
          <p className="text-xs text-[#667781] dark:text-[#8696a0]">About</p>
          <p className="mt-0.5 text-sm break-words text-[#111b21] dark:text-[#e9edef]">{data.about || <span className="italic opacity-60">No about text</span>}</p>
        </div>
        <ul className="mt-2 divide-y divide-black/5 bg-white pb-1 dark:divide-white/5 dark:bg-[#111b21]">
          {data.description ? (
            <Row icon={StoreIcon} label="Description">
              <span className="whitespace-pre-line">{data.description}</span>
            </Row>
          ) : null}
          {category ? (
            <Row icon={Building2Icon} label="Category">
              {category}
            </Row>
          ) : null}
          {data.address ? (
            <Row icon={MapPinIcon} label="Address">
              <span className="whitespace-pre-line">{data.address}</span>
            </Row>
          ) : null}
          {data.email ? (
            <Row icon={MailIcon} label="Email">
              <span className="text-[#027eb5] dark:text-[#53bdeb]">{data.email}</span>
            </Row>
          ) : null}
          {websites.map((website) => (
            <Row key={website} icon={GlobeIcon} label="Website">
              <span className="text-[#027eb5] dark:text-[#53bdeb]">{website}</span>
            </Row>
          ))}
        </ul>
        <div className="h-6" />
      </div>
      <figcaption className="mt-3 text-center text-xs text-muted-foreground">Live preview: updates as you type. Not saved until you press Save.</figcaption>
    </figure>
  );
}
