import { can, type Capability, type Role } from "@/lib/auth/permissions";

/** The dashboard's sections, each shown only to roles holding its capability. */
export interface NavItem {
  title: string;
  href: string;
  capability: Capability;
  icon: "inbox" | "contacts" | "campaigns" | "analytics" | "templates" | "media" | "profile" | "connections" | "settings";
}

/** The settings pages, in the order their tabs are shown; each is listed only to roles holding its capability. */
export interface SettingsSection {
  /** The route segment below /settings, which also marks the current tab. */
  segment: string;
  href: string;
  capability: Capability;
  /** Its tab's label: a key of `shell.settingsNav`. */
  label: "users" | "webhooks" | "audit" | "apiTokens" | "contacts" | "inbox" | "pricing" | "labels" | "cannedResponses";
}

export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  { segment: "users", href: "/settings/users", capability: "users.manage", label: "users" },
  { segment: "webhooks", href: "/settings/webhooks", capability: "webhooks.manage", label: "webhooks" },
  { segment: "audit", href: "/settings/audit", capability: "audit.view", label: "audit" },
  { segment: "contacts", href: "/settings/contacts", capability: "contacts.settings", label: "contacts" },
  { segment: "inbox", href: "/settings/inbox", capability: "inbox.settings", label: "inbox" },
  { segment: "pricing", href: "/settings/pricing", capability: "pricing.manage", label: "pricing" },
  { segment: "labels", href: "/settings/labels", capability: "labels.manage", label: "labels" },
  { segment: "api-tokens", href: "/settings/api-tokens", capability: "apiTokens.use", label: "apiTokens" },
  { segment: "canned-responses", href: "/settings/canned-responses", capability: "canned.use", label: "cannedResponses" },
];

/** The settings pages a role may open. */
export function settingsSectionsFor(role: Role): SettingsSection[] {
  return SETTINGS_SECTIONS.filter((section) => can(role, section.capability));
}

/** Where "Settings" leads a role: the first settings page it may open (admins: users; others: their API tokens). */
export function settingsHomeFor(role: Role): string {
  return settingsSectionsFor(role)[0]?.href ?? "/settings/api-tokens";
}

export const NAV_ITEMS: readonly NavItem[] = [
  { title: "Inbox", href: "/inbox", capability: "inbox.use", icon: "inbox" },
  { title: "Contacts", href: "/contacts", capability: "contacts.view", icon: "contacts" },
  { title: "Campaigns", href: "/campaigns", capability: "campaigns.view", icon: "campaigns" },
  { title: "Analytics", href: "/analytics", capability: "analytics.viewOwn", icon: "analytics" },
  { title: "Templates", href: "/templates", capability: "templates.view", icon: "templates" },
  { title: "Media", href: "/media", capability: "media.use", icon: "media" },
  { title: "Profile", href: "/profile", capability: "profile.view", icon: "profile" },
  { title: "Connections", href: "/connections", capability: "connections.manage", icon: "connections" },
  // Every role has settings of its own (API tokens); admins land on the users page.
  { title: "Settings", href: "/settings/api-tokens", capability: "apiTokens.use", icon: "settings" },
];

/** The link of a section for a role: "Settings" leads each role to the first settings page it may open. */
export function navHref(item: NavItem, role: Role): string {
  return item.icon === "settings" ? settingsHomeFor(role) : item.href;
}
