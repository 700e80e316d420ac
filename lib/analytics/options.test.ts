/** What the analytics filter bar offers each reader, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { listAnalyticsCampaigns } from "@/db/queries/analytics-options";
import { insertCampaign } from "@/db/queries/campaigns";
import { ALL_CONNECTIONS, replaceConnectionAccess, type ConnectionScope } from "@/db/queries/connection-access";
import { insertLabel } from "@/db/queries/conversation-labels";
import { findUserByEmail, insertUser, updateUser } from "@/db/queries/users";
import { phoneNumbers } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { insertTwoConnections } from "@/db/test-connections";
import { testDatabases } from "@/db/test-databases";

import { analyticsOptions, numberLabel } from "./options";

const NUMBER_A = "pn-options-a";
const NUMBER_B = "pn-options-b";
const NUMBER_UNKNOWN = "pn-options-unknown";
const CONNECTION_A: ConnectionScope = { all: false, connectionIds: ["conn-a"] };

describe("a business number's name in the filter", () => {
  it("is its verified name and display number, either one alone, else its id", () => {
    expect(numberLabel({ id: "pn-1", verifiedName: "Acme Support", displayPhoneNumber: "+1 555-0100" })).toBe("Acme Support · +1 555-0100");
    expect(numberLabel({ id: "pn-1", verifiedName: null, displayPhoneNumber: "+1 555-0100" })).toBe("+1 555-0100");
    expect(numberLabel({ id: "pn-1", verifiedName: " Acme ", displayPhoneNumber: " " })).toBe("Acme");
    expect(numberLabel({ id: "pn-1", verifiedName: null, displayPhoneNumber: null })).toBe("pn-1");
  });
});

describe.each(testDatabases)("the analytics filter options on $name", (database) => {
  let handle: DatabaseHandle;
  const people: Record<"ada" | "mia" | "sam" | "gina" | "zoe", { id: string; name: string }> = {
    ada: { id: "", name: "" },
    mia: { id: "", name: "" },
    sam: { id: "", name: "" },
    gina: { id: "", name: "" },
    zoe: { id: "", name: "" },
  };
  let labels: Array<{ id: string; name: string; color: string }>;
  const campaignIds: Record<"draft" | "winter" | "march" | "other", string> = { draft: "", winter: "", march: "", other: "" };

  beforeAll(async () => {
    handle = await database.open();
    const db = handle.db;
    await seedDemoUsers(db);
    await insertTwoConnections(db);
    await db.insert(phoneNumbers).values([
      { id: NUMBER_A, wabaId: "waba-a", connectionId: "conn-a", displayPhoneNumber: "+1 555-0100", verifiedName: "Acme Support" },
      { id: NUMBER_B, wabaId: "waba-b", connectionId: "conn-b", displayPhoneNumber: "+1 555-0200" },
      // Seen in webhooks only: its connection is not known, so only readers of every connection see it.
      { id: NUMBER_UNKNOWN, wabaId: "waba-unknown" },
    ]);
    for (const [key, email] of [["ada", "admin@demo.test"], ["mia", "marketer@demo.test"], ["sam", "agent@demo.test"]] as const) {
      const user = (await findUserByEmail(db, email))!;
      people[key] = { id: user.id, name: user.name };
    }
    const gina = (await insertUser(db, { email: "gina@options.test", name: "Gina Granted", role: "agent", passwordHash: "x" }))!;
    await replaceConnectionAccess(db, gina.id, { all: false, connectionIds: ["conn-a"] });
    const zoe = (await insertUser(db, { email: "zoe@options.test", name: "Zoe Elsewhere", role: "agent", passwordHash: "x" }))!;
    await replaceConnectionAccess(db, zoe.id, { all: false, connectionIds: ["conn-b"] });
    await insertUser(db, { email: "carl@options.test", name: "Carl Disabled", role: "agent", passwordHash: "x", allConnections: true, disabled: true });
    people.gina = { id: gina.id, name: gina.name };
    people.zoe = { id: zoe.id, name: zoe.name };
    await updateUser(db, people.mia.id, { timeZone: "Europe/Lisbon" });

    labels = [(await insertLabel(db, { name: "urgent", color: "red" }))!, (await insertLabel(db, { name: "Billing", color: "blue" }))!];

    const campaign = (name: string, phoneNumberId: string, status: "draft" | "sending" | "finished", createdAt: string) =>
      insertCampaign(db, {
        name,
        phoneNumberId,
        templateName: "spring_offer",
        templateLanguage: "en",
        templateCategory: "MARKETING",
        audience: { kind: "tags", tagIds: [] },
        status,
        createdAt: new Date(createdAt),
      }).then((row) => row.id);
    campaignIds.draft = await campaign("Spring draft", NUMBER_A, "draft", "2026-03-05T10:00:00Z");
    campaignIds.winter = await campaign("Winter sale", NUMBER_A, "finished", "2026-01-10T10:00:00Z");
    campaignIds.march = await campaign("March promo", NUMBER_A, "sending", "2026-03-01T10:00:00Z");
    campaignIds.other = await campaign("Other business", NUMBER_B, "finished", "2026-02-20T10:00:00Z");
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("offers a marketer of one connection its numbers, the agents who may work there, the labels and its campaigns past draft", async () => {
    const options = await analyticsOptions(handle.db, { id: people.mia.id, role: "marketer" }, CONNECTION_A);

    expect(options).toEqual({
      viewAll: true,
      timeZone: "Europe/Lisbon",
      numbers: [{ id: NUMBER_A, label: "Acme Support · +1 555-0100" }],
      // The admin and the users given every connection may work anywhere; Zoe only elsewhere; Carl is disabled.
      agents: [people.ada, people.gina, people.mia, people.sam],
      labels: [
        { id: labels[1]!.id, name: "Billing", color: "blue" },
        { id: labels[0]!.id, name: "urgent", color: "red" },
      ],
      campaigns: [
        { id: campaignIds.march, name: "March promo" },
        { id: campaignIds.winter, name: "Winter sale" },
      ],
    });
  });

  it("offers an admin every number, agent and campaign, newest campaign first", async () => {
    const options = await analyticsOptions(handle.db, { id: people.ada.id, role: "admin" }, ALL_CONNECTIONS);

    expect(options.viewAll).toBe(true);
    expect(options.timeZone).toBeNull();
    expect(options.numbers).toEqual([
      { id: NUMBER_A, label: "Acme Support · +1 555-0100" },
      { id: NUMBER_B, label: "+1 555-0200" },
      { id: NUMBER_UNKNOWN, label: NUMBER_UNKNOWN },
    ]);
    expect(options.agents).toEqual([people.ada, people.gina, people.mia, people.sam, people.zoe]);
    expect(options.campaigns.map((campaign) => campaign.name)).toEqual(["March promo", "Other business", "Winter sale"]);
  });

  it("offers an agent no agent and no campaign to pick: they see their own figures only", async () => {
    const options = await analyticsOptions(handle.db, { id: people.gina.id, role: "agent" }, CONNECTION_A);

    expect(options).toEqual({
      viewAll: false,
      timeZone: null,
      numbers: [{ id: NUMBER_A, label: "Acme Support · +1 555-0100" }],
      agents: [],
      labels: expect.arrayContaining([expect.objectContaining({ name: "Billing" }), expect.objectContaining({ name: "urgent" })]),
      campaigns: [],
    });
  });

  it("lists no number to a reader given no connection, and keeps the campaign list to its limit", async () => {
    const none = await analyticsOptions(handle.db, { id: people.mia.id, role: "marketer" }, { all: false, connectionIds: [] });
    expect(none.numbers).toEqual([]);
    expect(none.campaigns).toEqual([]);
    // Nobody granted no connection: only the admin and those given every connection.
    expect(none.agents).toEqual([people.ada, people.mia, people.sam]);

    expect(await listAnalyticsCampaigns(handle.db, ALL_CONNECTIONS, 2)).toEqual([
      { id: campaignIds.march, name: "March promo" },
      { id: campaignIds.other, name: "Other business" },
    ]);
  });
});
