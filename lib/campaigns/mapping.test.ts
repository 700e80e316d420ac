/** A recipient's values from the mapping: fields, attributes of each type, fixed texts, fallbacks, and what is missing. */
import { describe, expect, it } from "vitest";

import type { TemplateDefinition } from "@/lib/whatsapp/template-fill";

import { mappingKeys, resolveValues, type MappingContact } from "./mapping";

const positional: TemplateDefinition = {
  name: "order_update",
  language: "en_US",
  category: "UTILITY",
  components: [
    { type: "HEADER", format: "TEXT", text: "Order {{1}}" },
    { type: "BODY", text: "Hi {{1}}, your order ships on {{2}} to {{3}}." },
    { type: "BUTTONS", buttons: [{ type: "URL", text: "Track", url: "https://shop.test/track/{{1}}" }] },
  ],
};

const named: TemplateDefinition = {
  name: "spring_sale",
  language: "en_US",
  category: "MARKETING",
  parameter_format: "NAMED",
  components: [
    { type: "HEADER", format: "TEXT", text: "Hello {{first_name}}" },
    { type: "BODY", text: "{{first_name}}, {{discount}} off until {{ends_on}}. VIP: {{vip}}. Points: {{points}}. Tier: {{tier}}." },
  ],
};

const ana: MappingContact = {
  displayName: "Ana",
  profileName: "Ana P.",
  phoneNumber: "351912345678",
  attributes: { city: "Lisbon", points: 1250.5, vip: true, ends_on: "2025-04-30", tier: "Gold" },
};

describe("campaign variable mapping", () => {
  it("names the keys of header, body and a URL button of a positional template", () => {
    expect(mappingKeys(positional).map((entry) => entry.key)).toEqual(["header-1", "body-1", "body-2", "body-3", "button-0"]);
  });

  it("fills positional header, body and button values from fields, attributes and fixed texts", () => {
    const { values, missing } = resolveValues(
      positional,
      {
        variables: {
          "header-1": { source: "fixed", value: "A-100" },
          "body-1": { source: "field", field: "name" },
          "body-2": { source: "attribute", key: "ends_on" },
          "body-3": { source: "attribute", key: "city" },
          "button-0": { source: "field", field: "phone" },
        },
      },
      ana,
    );
    expect(missing).toEqual([]);
    expect(values).toEqual({ header: ["A-100"], body: ["Ana", "2025-04-30", "Lisbon"], buttons: { 0: "+351912345678" } });
  });

  it("types a named variable used in header and body once, and writes every attribute type as text", () => {
    expect(mappingKeys(named).map((entry) => entry.key)).toEqual(["header-first_name", "body-discount", "body-ends_on", "body-vip", "body-points", "body-tier"]);
    const { values, missing } = resolveValues(
      named,
      {
        variables: {
          "header-first_name": { source: "field", field: "profile_name" },
          "body-discount": { source: "fixed", value: "20%" },
          "body-ends_on": { source: "attribute", key: "ends_on" },
          "body-vip": { source: "attribute", key: "vip" },
          "body-points": { source: "attribute", key: "points" },
          "body-tier": { source: "attribute", key: "tier" },
        },
      },
      ana,
    );
    expect(missing).toEqual([]);
    expect(values.header).toEqual(["Ana P."]);
    expect(values.body).toEqual(["Ana P.", "20%", "2025-04-30", "true", "1250.5", "Gold"]);
  });

  it("uses the fallback when the contact has no value, and lists what stays empty or unmapped", () => {
    const bare: MappingContact = { displayName: null, profileName: null, phoneNumber: null, attributes: {} };
    const { values, missing } = resolveValues(
      positional,
      {
        variables: {
          "header-1": { source: "fixed", value: "  " },
          "body-1": { source: "field", field: "name", fallback: "there" },
          "body-2": { source: "attribute", key: "ends_on" },
          "button-0": { source: "field", field: "phone", fallback: "" },
        },
      },
      bare,
    );
    expect(values.body).toEqual(["there", "", ""]);
    expect(missing).toEqual(["header-1", "body-2", "body-3", "button-0"]);
  });

  it("takes the display name for 'name', else the profile name", () => {
    const mapping = { variables: { "body-1": { source: "field" as const, field: "name" as const } } };
    const template: TemplateDefinition = { name: "t", language: "en", components: [{ type: "BODY", text: "Hi {{1}}" }] };
    expect(resolveValues(template, mapping, { ...ana, displayName: " " }).values.body).toEqual(["Ana P."]);
    expect(resolveValues(template, mapping, ana).values.body).toEqual(["Ana"]);
  });

  it("needs the header media a media template shows", () => {
    const template: TemplateDefinition = { name: "t", language: "en", components: [{ type: "HEADER", format: "IMAGE" }, { type: "BODY", text: "New in store" }] };
    expect(resolveValues(template, { variables: {} }, ana)).toMatchObject({ missing: ["header_media"] });
    expect(resolveValues(template, { variables: {}, headerMediaId: "media-1" }, ana)).toMatchObject({ missing: [], values: { headerMedia: { id: "media-1" } } });
    const link = "https://cdn.example.com/spring.jpg";
    expect(resolveValues(template, { variables: {}, headerMediaId: link }, ana).values.headerMedia).toEqual({ link });
  });
});
