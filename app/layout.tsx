import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";

import { RootClientMessages } from "@/components/i18n/client-messages";
import { TimeZoneCookie } from "@/components/i18n/time-zone-cookie";
import { directionOf } from "@/i18n/locales";

import { Providers } from "./providers";
import "./globals.css";

/** The product's name, and its short form under a home-screen icon: brands, the same in every language. */
const PRODUCT_NAME = "WhatsApp Business";
const SHORT_NAME = "WA Business";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("metadata");
  return {
    title: { default: t("appName"), template: `%s · ${PRODUCT_NAME}` },
    description: t("description"),
    applicationName: t("appName"),
    // The manifest (app/manifest.ts) is linked by Next itself; these are the tab's and the home screen's icons.
    icons: {
      icon: [
        { url: "/favicon.ico", sizes: "32x32" },
        { url: "/favicon.svg", type: "image/svg+xml" },
      ],
      apple: [{ url: "/icons/apple-touch-icon.png", sizes: "180x180" }],
    },
    appleWebApp: { capable: true, title: SHORT_NAME, statusBarStyle: "default" },
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0b0f0e" },
  ],
};

/**
 * Reading the request's headers makes every page render per request, which the nonce needs: the
 * proxy gives each page its own, Next puts it on its scripts, and the theme script gets it here.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const locale = await getLocale();
  return (
    <html lang={locale} dir={directionOf(locale)} suppressHydrationWarning>
      <body className="min-h-dvh bg-background font-sans text-foreground antialiased">
        <RootClientMessages>
          <Providers nonce={nonce}>
            <TimeZoneCookie />
            {children}
          </Providers>
        </RootClientMessages>
      </body>
    </html>
  );
}
