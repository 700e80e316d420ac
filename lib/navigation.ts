import type { Capability } from "@/lib/auth/permissions";

/** The dashboard's sections, each shown only to roles holding its capability. */
export interface NavItem {
  title: string;
  href: string;
  capability: Capability;
  icon: "inbox" | "templates" | "media" | "profile" | "connections" | "settings";
}

export const NAV_ITEMS: readonly NavItem[] = [
  { title: "Inbox", href: "/inbox", capability: "inbox.use", icon: "inbox" },
  { title: "Templates", href: "/templates", capability: "templates.view", icon: "templates" },
  { title: "Media", href: "/media", capability: "media.use", icon: "media" },
  { title: "Profile", href: "/profile", capability: "profile.view", icon: "profile" },
  { title: "Connections", href: "/connections", capability: "connections.manage", icon: "connections" },
  { title: "Settings", href: "/settings/users", capability: "users.manage", icon: "settings" },
];
