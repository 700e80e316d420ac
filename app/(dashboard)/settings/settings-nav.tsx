"use client";

import Link from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";
import { useTranslations } from "next-intl";

import type { SettingsSection } from "@/lib/navigation";
import { cn } from "@/lib/utils";

/**
 * The row of links between settings pages: only the ones the person may open (the layout chose
 * them on the server). Its words come from the `shell` messages the dashboard layout hands out.
 */
export function SettingsNav({ sections }: { sections: ReadonlyArray<Pick<SettingsSection, "segment" | "href" | "label">> }) {
  const t = useTranslations("shell.settingsNav");
  const current = useSelectedLayoutSegment();
  return (
    <nav aria-label={t("label")}>
      <ul className="-mb-px flex gap-5">
        {sections.map((section) => {
          const active = current === section.segment;
          return (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-flex h-9 items-center border-b-2 text-sm font-medium transition-colors outline-none focus-visible:rounded-sm focus-visible:ring-2 focus-visible:ring-ring",
                  active
                    ? "border-primary text-foreground"
                    : "border-transparent text-muted-foreground hover:border-border hover:text-foreground",
                )}
              >
                {t(section.label)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
