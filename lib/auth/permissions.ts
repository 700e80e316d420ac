/**
 * Who may do what. The single source for server-side checks and for what the interface offers;
 * hiding a control is a courtesy, the server check is the rule.
 */
import type { userRole } from "@/db/schema";

/**
 * The roles the database stores (db/schema.ts's `user_role`), listed here too so browser code never
 * loads the schema; permissions.test.ts keeps the two lists equal.
 */
export const ROLES = ["admin", "marketer", "agent"] as const satisfies ReadonlyArray<(typeof userRole.enumValues)[number]>;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  marketer: "Marketer",
  agent: "Agent",
};

const EVERYONE: readonly Role[] = ROLES;
const MARKETING: readonly Role[] = ["marketer", "admin"];
const ADMINS: readonly Role[] = ["admin"];

export const CAPABILITIES = {
  "inbox.use": EVERYONE,
  "templates.view": EVERYONE,
  "templates.manage": MARKETING,
  "campaigns.manage": MARKETING,
  // Everyone sees campaigns' results (an agent answers the replies); marketers and admins keep the price table.
  "campaigns.view": EVERYONE,
  "pricing.manage": MARKETING,
  // Contacts: everyone reads; agents edit the customers they talk to (the service decides which);
  // marketers and admins manage all (import, export, bulk changes, deletion, tags, segments).
  "contacts.view": EVERYONE,
  "contacts.edit": EVERYONE,
  "contacts.manage": MARKETING,
  // Custom attributes' definitions and the opt-out keywords.
  "contacts.settings": ADMINS,
  "media.use": EVERYONE,
  "media.manage": MARKETING,
  "profile.view": EVERYONE,
  "profile.edit": ADMINS,
  "connections.manage": ADMINS,
  "users.manage": ADMINS,
  "webhooks.manage": ADMINS,
  "audit.view": ADMINS,
  // Canned responses: everyone uses them and keeps personal ones; marketers and admins keep the team's library.
  "canned.use": EVERYONE,
  "canned.manageTeam": MARKETING,
  // Conversation labels: everyone puts them on conversations; marketers and admins keep the list of labels.
  "labels.manage": MARKETING,
  // Business hours, away and welcome messages, auto-assignment of each business number.
  "inbox.settings": ADMINS,
  "apiTokens.use": EVERYONE,
  "apiTokens.manageAll": ADMINS,
  // Analytics: everyone sees their own figures; marketers and admins see everyone's, templates, campaigns and costs.
  "analytics.viewOwn": EVERYONE,
  "analytics.viewAll": MARKETING,
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;

export function can(role: Role, capability: Capability): boolean {
  return (CAPABILITIES[capability] as readonly Role[]).includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
