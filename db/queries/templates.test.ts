import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "../client";
import { testDatabases } from "../test-databases";
import {
  applyTemplateListing,
  deleteTemplatesNamed,
  findTemplatesNamed,
  listMirroredTemplates,
  listTakenTemplateNames,
  type TemplateFromGraph,
} from "./templates";

const template = (id: string, changes: Partial<TemplateFromGraph> = {}): TemplateFromGraph => ({
  id,
  name: `t_${id}`,
  language: "en_US",
  category: "UTILITY",
  status: "APPROVED",
  components: [{ type: "BODY", text: "Hello there" }],
  qualityScore: "GREEN",
  rejectedReason: null,
  previousCategory: null,
  parameterFormat: null,
  ...changes,
});

describe.each(testDatabases)("template mirror on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await testDatabase.open();
  });
  afterAll(async () => {
    await handle.close();
  });

  it("inserts, updates only what changed, and marks templates Meta no longer lists as DELETED", async () => {
    const db = handle.db;
    const first = await applyTemplateListing(db, "w1", [template("1"), template("2"), template("3", { status: "PENDING" })], new Date());
    expect(first).toMatchObject({ inserted: 3, updated: 0, gone: [] });

    const second = await applyTemplateListing(db, "w1", [template("1"), template("3", { status: "REJECTED", rejectedReason: "SCAM" })], new Date());
    expect(second.updated).toBe(1);
    expect(second.gone).toEqual(["2"]);
    expect(second.statusChanges).toEqual([
      { templateId: "3", status: "REJECTED" },
      { templateId: "2", status: "DELETED" },
    ]);
    const rows = await listMirroredTemplates(db, ["w1"]);
    expect(Object.fromEntries(rows.map((row) => [row.id, row.status]))).toEqual({ "1": "APPROVED", "2": "DELETED", "3": "REJECTED" });
    expect(await listTakenTemplateNames(db, "w1")).toHaveLength(2);
  });

  it("keeps whether a template's variables are named, as Graph lists it", async () => {
    const db = handle.db;
    await applyTemplateListing(db, "w-named", [template("30", { parameterFormat: "NAMED", components: [{ type: "BODY", text: "Hi {{first_name}}" }] })], new Date());
    expect((await listMirroredTemplates(db, ["w-named"]))[0]).toMatchObject({ id: "30", parameterFormat: "NAMED" });
    const changed = await applyTemplateListing(db, "w-named", [template("30", { parameterFormat: "POSITIONAL", components: [{ type: "BODY", text: "Hi {{first_name}}" }] })], new Date());
    expect(changed.updated).toBe(1);
  });

  it("replaces a template deleted and created again under the same name and language", async () => {
    const db = handle.db;
    await applyTemplateListing(db, "w2", [template("10", { name: "promo" })], new Date());
    await applyTemplateListing(db, "w2", [template("11", { name: "promo", status: "PENDING" })], new Date());
    expect((await listMirroredTemplates(db, ["w2"])).map((row) => row.id)).toEqual(["11"]);
  });

  it("finds and deletes every language of a name", async () => {
    const db = handle.db;
    await applyTemplateListing(db, "w3", [template("20", { name: "offer" }), template("21", { name: "offer", language: "es_ES" }), template("22")], new Date());
    expect((await findTemplatesNamed(db, "w3", "offer")).map((row) => row.language)).toEqual(["en_US", "es_ES"]);
    expect((await deleteTemplatesNamed(db, "w3", "offer")).map((row) => row.id).sort()).toEqual(["20", "21"]);
    expect((await listMirroredTemplates(db, ["w3"])).map((row) => row.id)).toEqual(["22"]);
  });
});
