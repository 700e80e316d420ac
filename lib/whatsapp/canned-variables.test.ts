import { describe, expect, it } from "vitest";

import { cannedVariablesIn, fillCannedVariables, type CannedVariableSources } from "./canned-variables";

const sources: CannedVariableSources = {
  contact: { name: "Ana Souza", profileName: "ana.s", phone: "5511999990000", attributes: { city: "Recife", plan: "gold", vip: true, orders: 3, note: "" } },
  agent: { name: "Bruno" },
};

describe("fillCannedVariables", () => {
  it("fills the contact's name, phone and the agent's name", () => {
    expect(fillCannedVariables("Hi {{contact.name}}, I'm {{agent.name}}. We'll call {{contact.phone}}.", sources)).toEqual({
      text: "Hi Ana Souza, I'm Bruno. We'll call +5511999990000.",
      missing: [],
    });
  });

  it("uses the profile name when the team has not named the customer", () => {
    expect(fillCannedVariables("Hi {{contact.name}}", { ...sources, contact: { ...sources.contact, name: null } }).text).toBe("Hi ana.s");
    expect(fillCannedVariables("Hi {{contact.name}}", { ...sources, contact: { ...sources.contact, name: "  " } }).text).toBe("Hi ana.s");
  });

  it("leaves the name as written and lists it when there is none", () => {
    expect(fillCannedVariables("Hi {{contact.name}}!", { contact: { name: null, profileName: "" }, agent: { name: "Bruno" } })).toEqual({
      text: "Hi {{contact.name}}!",
      missing: ["contact.name"],
    });
  });

  it("fills attributes by key, whatever their type", () => {
    expect(fillCannedVariables("{{contact.city}} {{contact.plan}} {{contact.vip}} {{contact.orders}}", sources).text).toBe("Recife gold true 3");
  });

  it("lists unknown and empty attributes once each, in order, and keeps them in the text", () => {
    expect(fillCannedVariables("{{contact.zip}} {{contact.note}} {{contact.zip}} {{agent.email}}", sources)).toEqual({
      text: "{{contact.zip}} {{contact.note}} {{contact.zip}} {{agent.email}}",
      missing: ["contact.zip", "contact.note", "agent.email"],
    });
  });

  it("accepts spaces inside the braces and leaves other braces alone", () => {
    expect(fillCannedVariables("{{ contact.name }} {{name}} {single} {{order.id}}", sources)).toEqual({
      text: "Ana Souza {{name}} {single} {{order.id}}",
      missing: ["order.id"],
    });
  });

  it("keeps a phone that is not only digits as it is, and lists a missing one", () => {
    expect(fillCannedVariables("{{contact.phone}}", { ...sources, contact: { phone: "+1 555" } }).text).toBe("+1 555");
    expect(fillCannedVariables("{{contact.phone}}", { ...sources, contact: { phone: null } }).missing).toEqual(["contact.phone"]);
  });

  it("does not read a filled value as a variable again", () => {
    expect(fillCannedVariables("{{contact.name}}", { contact: { name: "{{agent.name}}" }, agent: { name: "Bruno" } }).text).toBe("{{agent.name}}");
  });

  it("keeps WhatsApp formatting and line breaks around variables", () => {
    expect(fillCannedVariables("*Hello {{contact.name}}*\n_{{agent.name}}_", sources).text).toBe("*Hello Ana Souza*\n_Bruno_");
  });

  it("does not take a missing agent name as a value", () => {
    expect(fillCannedVariables("{{agent.name}}", { contact: {}, agent: { name: null } }).missing).toEqual(["agent.name"]);
  });
});

describe("cannedVariablesIn", () => {
  it("lists the variables a text uses, each once", () => {
    expect(cannedVariablesIn("{{contact.name}} {{agent.name}} {{ contact.name }} {{contact.city}}")).toEqual(["contact.name", "agent.name", "contact.city"]);
  });
});
