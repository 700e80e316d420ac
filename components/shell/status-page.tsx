"use client";

import { BUTTON_BASE_CLASS, BUTTON_DEFAULT_SIZE_CLASS, BUTTON_DEFAULT_VARIANT_CLASS } from "@/components/ui/button-classes";

const ACTION_CLASS = `${BUTTON_BASE_CLASS} ${BUTTON_DEFAULT_VARIANT_CLASS} ${BUTTON_DEFAULT_SIZE_CLASS}`;

/**
 * Each page's icon as lucide draws it (search-x, shield-x, log-in; ISC licence), written out: this
 * module is in every page's first load, and lucide-react's runtime is not (the dashboard loads it).
 */
const PAGES = {
  notFound: {
    href: "/inbox",
    icon: (
      <>
        <path d="m13.5 8.5-5 5" />
        <path d="m8.5 8.5 5 5" />
        <circle cx="11" cy="11" r="8" />
        <path d="m21 21-4.3-4.3" />
      </>
    ),
  },
  forbidden: {
    href: "/inbox",
    icon: (
      <>
        <path d="M20 13c0 5-3.5 7.5-7.66 8.95a1 1 0 0 1-.67-.01C7.5 20.5 4 18 4 13V6a1 1 0 0 1 1-1c2 0 4.5-1.2 6.24-2.72a1.17 1.17 0 0 1 1.52 0C14.51 3.81 17 5 19 5a1 1 0 0 1 1 1z" />
        <path d="m14.5 9.5-5 5" />
        <path d="m9.5 9.5 5 5" />
      </>
    ),
  },
  unauthorized: {
    href: "/login",
    icon: (
      <>
        <path d="m10 17 5-5-5-5" />
        <path d="M15 12H3" />
        <path d="M15 3h4a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2h-4" />
      </>
    ),
  },
} as const;

/**
 * A page standing in for one that cannot be shown (not found, forbidden, signed out), with the way
 * on. Every page's payload carries these for Next's boundaries (the root's and the dashboard's), so
 * they are a client component: the payload holds their words (translated by the server pages), not
 * their markup.
 */
export function StatusPage({ kind, title, description, action }: { kind: keyof typeof PAGES; title: string; description: string; action: string }) {
  const { icon, href } = PAGES[kind];
  return (
    <main className="flex min-h-dvh items-center justify-center px-4">
      <div className="max-w-md space-y-4 text-center">
        <svg
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth={2}
          strokeLinecap="round"
          strokeLinejoin="round"
          className="mx-auto size-10 text-muted-foreground"
          aria-hidden="true"
        >
          {icon}
        </svg>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        <p className="text-sm text-muted-foreground">{description}</p>
        {/* A plain link styled as the default button: next/link and the button here would join every page's first load. */}
        <a href={href} data-slot="button" className={ACTION_CLASS}>
          {action}
        </a>
      </div>
    </main>
  );
}
