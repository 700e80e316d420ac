import { describe, expect, it } from "vitest";

import { fillTemplateText, templateParameterFormat, templatePlaceholders, templateVariables, templateSchema } from "./templates";

describe("template variables", () => {
  it("lists named variables in the order they first appear, each once", () => {
    const text = "Hi {{first_name}}, order {{order_id}} is at {{store}}. Thanks, {{first_name}}!";
    expect(templateVariables(text, "NAMED")).toEqual(["first_name", "order_id", "store"]);
  });

  it("lists numbered variables by number, each once", () => {
    expect(templateVariables("Hi {{2}} and {{1}}, again {{1}}", "POSITIONAL")).toEqual(["1", "2"]);
    expect(templateVariables(undefined, "POSITIONAL")).toEqual([]);
  });

  it("leaves malformed placeholders and the other kind out", () => {
    expect(templatePlaceholders("a {{ First }} b {{first_name}} {{1}}")).toEqual([" First ", "first_name", "1"]);
    expect(templateVariables("a {{ First }} b {{Order-Id}} c {{first_name}} d {{1}}", "NAMED")).toEqual(["first_name"]);
    expect(templateVariables("a {{first_name}} b {{1}}", "POSITIONAL")).toEqual(["1"]);
    // Digits alone are a numbered variable, letters and digits a name.
    expect(templateVariables("a {{12}} b {{line2}}", "NAMED")).toEqual(["line2"]);
  });

  it("fills variables that have a value and keeps the others visible", () => {
    expect(fillTemplateText("Hi {{first_name}}, order {{order_id}}: {{first_name}}", { first_name: "Ana", order_id: " " })).toBe(
      "Hi Ana, order {{order_id}}: Ana",
    );
    expect(fillTemplateText("Hi {{1}} and {{ 2 }}", { "1": "Ana", "2": "Bo" })).toBe("Hi Ana and Bo");
    expect(fillTemplateText("Hi {{constructor}}", {})).toBe("Hi {{constructor}}");
  });
});

describe("templateParameterFormat", () => {
  const body = (text: string) => ({ type: "BODY", text });

  it("takes Graph's parameter_format when it is there", () => {
    expect(templateParameterFormat({ parameter_format: "NAMED", components: [body("No variables here")] })).toBe("NAMED");
    expect(templateParameterFormat({ parameter_format: "POSITIONAL", components: [body("Hi {{1}} there")] })).toBe("POSITIONAL");
  });

  it("derives it from the header and body placeholders when the mirror lost it", () => {
    expect(templateParameterFormat({ components: [{ type: "HEADER", format: "TEXT", text: "Order {{order_id}}" }, body("Ready.")] })).toBe("NAMED");
    expect(templateParameterFormat({ components: [body("Hi {{first_name}}, welcome")] })).toBe("NAMED");
    expect(templateParameterFormat({ components: [body("Hi {{1}}, welcome")] })).toBe("POSITIONAL");
    expect(templateParameterFormat({ components: [] })).toBe("POSITIONAL");
    expect(templateParameterFormat({ components: null })).toBe("POSITIONAL");
  });

  it("ignores URL buttons (their suffix is {{1}} in both kinds) and reads carousel cards", () => {
    const urlButton = { type: "BUTTONS", buttons: [{ type: "URL", text: "Track", url: "https://a.example/{{1}}" }] };
    expect(templateParameterFormat({ components: [body("Hi {{first_name}}, track it below"), urlButton] })).toBe("NAMED");
    const carousel = { type: "CAROUSEL", cards: [{ components: [body("Only {{price}} a bag")] }] };
    expect(templateParameterFormat({ components: [body("Fresh roasts are here."), carousel] })).toBe("NAMED");
  });

  it("keeps parameter_format when Graph lists it", () => {
    const parsed = templateSchema.parse({ id: "1", name: "order_ready", language: "en_US", status: "APPROVED", category: "UTILITY", parameter_format: "NAMED", components: [] });
    expect(parsed.parameter_format).toBe("NAMED");
  });
});
