"use client";

import * as React from "react";
import { useTranslations } from "next-intl";
import { useTheme } from "next-themes";
import { Toaster as Sonner, type ToasterProps } from "sonner";

import { toasterMounted } from "./toast";
import {
  CircleCheckIcon,
  InfoIcon,
  Loader2Icon,
  OctagonXIcon,
  TriangleAlertIcon,
} from "lucide-react";

/**
 * Toasts that follow the light/dark theme, labelled in the reader's language. Loaded by `Toaster`
 * (./sonner.tsx) when the first toast is asked for.
 */
export function SonnerToaster({ toastOptions, ...props }: ToasterProps) {
  const { theme = "system" } = useTheme();
  const t = useTranslations("common.toasts");
  // After sonner's own effect has subscribed to the toasts: the waiting ones can be shown now.
  React.useEffect(() => toasterMounted(), []);

  return (
    <Sonner
      theme={theme as ToasterProps["theme"]}
      className="toaster group"
      containerAriaLabel={t("region")}
      icons={{
        success: <CircleCheckIcon className="size-4 text-success" aria-hidden="true" />,
        info: <InfoIcon className="size-4 text-info" aria-hidden="true" />,
        warning: <TriangleAlertIcon className="size-4 text-warning" aria-hidden="true" />,
        error: <OctagonXIcon className="size-4 text-destructive" aria-hidden="true" />,
        loading: <Loader2Icon className="size-4 animate-spin" aria-hidden="true" />,
      }}
      style={
        {
          "--normal-bg": "var(--popover)",
          "--normal-text": "var(--popover-foreground)",
          "--normal-border": "var(--border)",
          "--border-radius": "var(--radius)",
          "--normal-bg-hover": "var(--accent)",
          "--normal-border-hover": "var(--border)",
          // richColors, remapped to the app's status tokens (AA text on the tint in both themes).
          "--success-bg": "color-mix(in oklab, var(--success) 10%, var(--popover))",
          "--success-border": "color-mix(in oklab, var(--success) 30%, var(--popover))",
          "--success-text": "var(--success)",
          "--info-bg": "color-mix(in oklab, var(--info) 10%, var(--popover))",
          "--info-border": "color-mix(in oklab, var(--info) 30%, var(--popover))",
          "--info-text": "var(--info)",
          "--warning-bg": "color-mix(in oklab, var(--warning) 10%, var(--popover))",
          "--warning-border": "color-mix(in oklab, var(--warning) 30%, var(--popover))",
          "--warning-text": "var(--warning)",
          "--error-bg": "color-mix(in oklab, var(--destructive) 10%, var(--popover))",
          "--error-border": "color-mix(in oklab, var(--destructive) 30%, var(--popover))",
          "--error-text": "var(--destructive)",
        } as React.CSSProperties
      }
      toastOptions={{
        closeButtonAriaLabel: t("close"),
        ...toastOptions,
        classNames: {
          toast: "font-sans text-sm shadow-lg",
          description: "!text-muted-foreground",
          ...toastOptions?.classNames,
        },
      }}
      {...props}
    />
  );
}
