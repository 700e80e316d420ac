import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";

/**
 * The web app manifest (served at /manifest.webmanifest, linked from every page): the dashboard installs
 * as an app on a phone or desktop and opens on the inbox. The colours are app/globals.css's light
 * --background, as the viewport's theme-color (app/layout.tsx), so the title bar does not change colour
 * once the page loads; the icons in public/ are drawn from public/favicon.svg in --primary. Its name
 * and description are in the language of whoever installs it (Accept-Language), so it is answered
 * per request rather than once at build.
 */
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  await connection();
  const t = await getTranslations("metadata");
  return {
    id: "/",
    name: t("appName"),
    // A brand, the same in every language.
    short_name: "WA Business",
    description: t("description"),
    start_url: "/inbox",
    scope: "/",
    display: "standalone",
    theme_color: "#ffffff",
    background_color: "#ffffff",
    categories: ["business", "productivity"],
    icons: [
      { src: "/favicon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      // Full-bleed, the bubble inside the safe zone: the phone cuts it to its own shape.
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
