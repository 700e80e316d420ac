import { describe, expect, it } from "vitest";

import { userRole } from "@/db/schema";

import { can, isRole, ROLES } from "./permissions";

describe("roles", () => {
  it("are the roles the database stores, in the same order", () => {
    expect(ROLES).toEqual(userRole.enumValues);
  });

  it("recognise only those roles", () => {
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    expect(isRole("owner")).toBe(false);
    expect(can("agent", "inbox.use")).toBe(true);
    expect(can("agent", "users.manage")).toBe(false);
  });

  it("give everyone their own analytics and marketers and admins everyone's", () => {
    expect(ROLES.filter((role) => can(role, "analytics.viewOwn"))).toEqual(["admin", "marketer", "agent"]);
    expect(ROLES.filter((role) => can(role, "analytics.viewAll"))).toEqual(["admin", "marketer"]);
  });
});
