import type { MetadataRoute } from "next";

/**
 * The web app manifest (served at /manifest.webmanifest, linked from every page): the dashboard installs
 * as an app on a phone or desktop and opens on the inbox. The colours are app/globals.css's light
 * --background, as the viewport's theme-color (app/layout.tsx), so the title bar does not change colour
 * once the page loads; the icons in public/ are drawn from public/favicon.svg in --primary.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "WhatsApp Business dashboard",
    short_name: "WA Business",
    description: "Answer customers, manage templates and run your WhatsApp Business accounts.",
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
