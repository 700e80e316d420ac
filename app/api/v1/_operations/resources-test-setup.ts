/**
 * For the tests of the conversations, messages and media operations: two businesses on one
 * dashboard, tokens minted as a person would, and requests to the route handlers as a script sends
 * them. Each test file mocks `@/db` and the gateway itself (vi.mock is per file).
 */
import { replaceConnectionAccess } from "@/db/queries/connection-access";
import { findUserByEmail } from "@/db/queries/users";
import type { Database } from "@/db";
import { contacts, conversations, messages, phoneNumbers, type Message } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { insertTwoConnections } from "@/db/test-connections";
import { createApiToken } from "@/lib/api-tokens/service";

/** A number of conn-a (the agent's and marketer's connection) and one of conn-b (no one's but the admin's). */
export const NUMBER = "pn-api-a";
export const OTHER_NUMBER = "pn-api-b";
export const HOUR = 60 * 60 * 1000;

export type Role = "admin" | "marketer" | "agent";

/** Demo users, both connections with a number each; the agent and the marketer work in conn-a only. */
export async function seedBusinesses(db: Database): Promise<void> {
  await seedDemoUsers(db);
  await insertTwoConnections(db);
  await db.insert(phoneNumbers).values([
    { id: NUMBER, wabaId: "waba-a", connectionId: "conn-a", displayPhoneNumber: "+1 555 0100" },
    { id: OTHER_NUMBER, wabaId: "waba-b", connectionId: "conn-b", displayPhoneNumber: "+1 555 0200" },
  ]);
  for (const role of ["agent", "marketer"] as const) {
    await replaceConnectionAccess(db, (await userOf(db, role)).id, { all: false, connectionIds: ["conn-a"] });
  }
}

export async function userOf(db: Database, role: Role) {
  return (await findUserByEmail(db, `${role}@demo.test`))!;
}

/** A token of the role's demo user, as Settings › API tokens makes one. */
export async function tokenOf(db: Database, role: Role): Promise<string> {
  return (await createApiToken(db, await userOf(db, role), { name: `test ${role}`, expiresAt: null })).token;
}

/** A request as a script sends it: Bearer token, JSON body. */
export function apiRequest(
  path: string,
  options: { method?: string; token?: string; json?: unknown; form?: FormData; headers?: Record<string, string> } = {},
): Request {
  const headers = new Headers(options.headers);
  if (options.token) headers.set("Authorization", `Bearer ${options.token}`);
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = options.form;
  }
  return new Request(`http://127.0.0.1/api/v1${path}`, { method: options.method ?? (body === undefined ? "GET" : "POST"), headers, body });
}

/** The route handlers' second argument. */
export const routeParams = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

let customers = 0;

/** A customer with a conversation on a number; `wroteAgo` puts their last message that long ago (null: they never wrote). */
export async function conversationWith(
  db: Database,
  options: { phoneNumberId?: string; name?: string; wroteAgo?: number | null; lastMessageAt?: Date; assigneeId?: string | null; status?: "open" | "resolved"; preview?: string } = {},
) {
  const waId = `1415666${String(1000 + (customers += 1))}`;
  await db.insert(contacts).values({ waId, phoneNumber: waId, profileName: options.name ?? `Customer ${customers}` });
  const lastInboundAt = options.wroteAgo === null ? null : new Date(Date.now() - (options.wroteAgo ?? HOUR));
  const [row] = await db
    .insert(conversations)
    .values({
      phoneNumberId: options.phoneNumberId ?? NUMBER,
      waId,
      lastInboundAt,
      lastMessageAt: options.lastMessageAt ?? lastInboundAt ?? new Date(),
      lastMessagePreview: options.preview ?? "Hello",
      lastMessagePreviewKind: "text",
      lastMessageDirection: "inbound",
      assigneeId: options.assigneeId ?? null,
      status: options.status ?? "open",
    })
    .returning();
  return row!;
}

let wamids = 0;

/** A stored message of a conversation. */
export async function messageIn(db: Database, conversationId: string, fields: Partial<typeof messages.$inferInsert> = {}): Promise<Message> {
  const [row] = await db
    .insert(messages)
    .values({
      conversationId,
      wamid: `wamid.api-test-${(wamids += 1)}`,
      direction: "inbound",
      type: "text",
      content: { text: { body: `Message ${wamids}` } },
      sentAt: new Date(),
      ...fields,
    })
    .returning();
  return row!;
}
