"use client";

import { MoonIcon, SunIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import type * as React from "react";

import { Button } from "@/components/ui/button";
import { CLOSED_MENU_TRIGGER, MENU_OPEN_KEYS, useOnDemand } from "@/components/ui/on-demand";

const loadThemeMenu = () => import("./theme-menu").then((module) => module.ThemeMenu);

/** The header's theme button, before and after its menu has loaded. */
export function ThemeButton(props: React.ComponentProps<typeof Button>) {
  const t = useTranslations("shell.theme");
  return (
    <Button variant="ghost" size="icon-sm" aria-label={t("toggle")} title={t("toggle")} {...props}>
      {/* The icon follows the resolved theme through CSS, so it is right before hydration too. */}
      <SunIcon className="scale-100 rotate-0 transition-transform dark:scale-0 dark:-rotate-90" aria-hidden="true" />
      <MoonIcon className="absolute scale-0 rotate-90 transition-transform dark:scale-100 dark:rotate-0" aria-hidden="true" />
    </Button>
  );
}

/** Header control: pick Light, Dark or System. Its menu (./theme-menu.tsx) loads when a person reaches for the button. */
export function ThemeToggle() {
  const demand = useOnDemand(loadThemeMenu, MENU_OPEN_KEYS);
  const Menu = demand.loaded;
  if (Menu) return <Menu trigger={<ThemeButton />} {...demand.mount} />;
  return <ThemeButton {...CLOSED_MENU_TRIGGER} {...demand.triggerProps} />;
}
