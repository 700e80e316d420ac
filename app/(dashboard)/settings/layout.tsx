"use client";

import Link from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

import { cn } from "@/lib/utils";

const SECTIONS = [
  { segment: "users", href: "/settings/users" },
  { segment: "webhooks", href: "/settings/webhooks" },
  { segment: "audit", href: "/settings/audit" },
] as const;

/**
 * Settings pages share a row of links; each page checks its own access on the server. Its words come
 * from the `shell` messages the dashboard layout hands its client components.
 */
export default function SettingsLayout({ children }: { children: ReactNode }) {
  const t = useTranslations("shell.settingsNav");
  const current = useSelectedLayoutSegment();
  return (
    <div className="flex flex-col">
      <div className="border-b bg-background">
        <div className="mx-auto w-full max-w-6xl px-6 pt-4">
          <p className="mb-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">{t("heading")}</p>
          <nav aria-label={t("label")}>
            <ul className="-mb-px flex gap-5">
              {SECTIONS.map((section) => {
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
                      {t(section.segment)}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
        </div>
      </div>
      {children}
    </div>
  );
}
