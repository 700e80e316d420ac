"use client";

import { MonitorIcon, MoonIcon, SunIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useTheme } from "next-themes";
import * as React from "react";

import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
  useFirstItemFocus,
} from "@/components/ui/dropdown-menu";
import { useFocusOnMount, type OnDemandMount } from "@/components/ui/on-demand";

const THEMES = [
  { value: "light", icon: SunIcon },
  { value: "dark", icon: MoonIcon },
  { value: "system", icon: MonitorIcon },
] as const;

/** The theme menu behind the header's theme button (./theme-toggle.tsx): Light, Dark or System, the current choice checked. */
export function ThemeMenu({ trigger, openOnMount, openedWithKeyboard, focusOnMount }: OnDemandMount & { trigger: React.ReactElement }) {
  const t = useTranslations("shell.theme");
  const { theme, setTheme } = useTheme();
  const triggerRef = React.useRef<HTMLButtonElement>(null);
  useFocusOnMount(triggerRef, focusOnMount);
  const contentRef = useFirstItemFocus(openedWithKeyboard);

  return (
    <DropdownMenu defaultOpen={openOnMount}>
      <DropdownMenuTrigger asChild ref={triggerRef}>
        {trigger}
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-40" ref={contentRef}>
        <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">{t("heading")}</DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuRadioGroup value={theme ?? "system"} onValueChange={setTheme}>
          {THEMES.map(({ value, icon: Icon }) => (
            <DropdownMenuRadioItem key={value} value={value}>
              <Icon aria-hidden="true" />
              {t(value)}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
