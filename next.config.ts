import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "hid=()",
  "bluetooth=()",
  "midi=()",
  "display-capture=()",
  "accelerometer=()",
  "gyroscope=()",
  "magnetometer=()",
].join(", ");

const nextConfig: NextConfig = {
  // PGlite loads its WASM from its own package folder at run time; bundling it breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss"],
  // A separate output folder lets a second build (another checkout's test run) proceed side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // `npm test` type-checks the whole project once (tsc); the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  experimental: {
    // forbidden() and app/forbidden.tsx: a real 403 page for roles that may not open a page.
    authInterrupts: true,
  },
  // The same on every response. The Content-Security-Policy (a nonce per page) and HSTS (only when
  // APP_URL is https, known at run time) are set by proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          // Stricter than strict-origin-when-cross-origin: other sites get no referrer at all.
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          // Nothing in the dashboard uses these; a script that got in cannot ask for them either.
          { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
        ],
      },
    ];
  },
};

// The request's language, time zone and catalog: i18n/request.ts. The catalogs (messages/<locale>.json)
// are compiled at build time, so browsers get no ICU message parser.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  experimental: {
    messages: { path: "./messages", format: "json", locales: ["en", "zh-CN", "es", "pt-BR", "ar"], precompile: true },
  },
});

export default withNextIntl(nextConfig);
