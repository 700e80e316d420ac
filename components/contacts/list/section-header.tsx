"use client";

import Link from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";
import { useTranslations } from "next-intl";

import { cn } from "@/lib/utils";

/** The section's pages; a contact's own page (any other segment) has a header of its own. */
const SECTIONS = [
  { segment: null, href: "/contacts", label: "contacts" },
  { segment: "segments", href: "/contacts/segments", label: "segments" },
  { segment: "imports", href: "/contacts/imports", label: "imports" },
  { segment: "tags", href: "/contacts/tags", label: "tags" },
] as const;

type Section = (typeof SECTIONS)[number];

/**
 * "Contacts" and the row of links between the section's pages (Imports only for those who manage
 * contacts). Hidden on a contact's page, which names the contact in its own heading.
 */
export function ContactsSectionHeader({ canManage }: { canManage: boolean }) {
  const t = useTranslations("contacts.page");
  const current = useSelectedLayoutSegment();
  const sections = SECTIONS.filter((section) => section.segment !== "imports" || canManage);
  if (!sections.some((section) => section.segment === current)) return null;
  return (
    <div className="border-b bg-background">
      <div className="px-6 pt-4">
        <h1 className="mb-2 text-xl font-semibold tracking-tight">{t("title")}</h1>
        <nav aria-label={t("sections")}>
          <ul className="-mb-px flex gap-5">
            {sections.map((section: Section) => {
              const active = current === section.segment;
              return (
                <li key={section.href}>
                  <Link
                    href={section.href}
                    aria-current={active ? "page" : undefined}
                    className={cn(
                      "inline-flex h-9 items-center border-b-2 text-sm font-medium transition-colors outline-none focus-visible:rounded-sm focus-visible:ring-2 focus-visible:ring-ring",
                      active ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:border-border hover:text-foreground",
                    )}
                  >
                    {t(`tabs.${section.label}`)}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      </div>
    </div>
  );
}
