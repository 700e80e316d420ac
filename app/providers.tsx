"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { Direction } from "radix-ui";
import { useState, type ReactNode } from "react";

import { ThemeProvider } from "@/components/theme-provider";
import { Toaster } from "@/components/ui/sonner";
import { TooltipProvider } from "@/components/ui/tooltip";
import { directionOf } from "@/i18n/locales";
import { setActionResultWords } from "@/lib/action-result";

/** `nonce`: this page's script nonce, for the theme script that runs before the page paints. */
export function Providers({ children, nonce }: { children: ReactNode; nonce?: string }) {
  // One client per browser tab; created in state so a re-render never replaces its cache.
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: true } } }),
  );
  const dir = directionOf(useLocale());
  const t = useTranslations("common.errors");
  // Set while rendering, not in an effect: the children's effects (which may read an action's answer)
  // run before their parent's. The same words each time, and only in the browser.
  setActionResultWords({ noAnswer: t("noAnswer"), invalidInput: t("invalidInput") });
  return (
    <ThemeProvider nonce={nonce}>
      {/* Radix menus, selects, sliders and tabs read the direction from here (arrow keys, sides). */}
      <Direction.Provider dir={dir}>
        <QueryClientProvider client={queryClient}>
          <TooltipProvider delayDuration={300}>
            {children}
            {/* Toasts sit at the end corner of the reading direction. */}
            <Toaster richColors closeButton dir={dir} position={dir === "rtl" ? "bottom-left" : "bottom-right"} />
          </TooltipProvider>
        </QueryClientProvider>
      </Direction.Provider>
    </ThemeProvider>
  );
}
