import { describe, expect, it } from "vitest";

import { createTemplateBodySchema, templateTextProblems } from "./template-rules";
import { countTemplateVariables } from "./templates";

const body = (text: string, examples?: string[]) => ({ type: "BODY" as const, text, ...(examples ? { example: { body_text: [examples] } } : {}) });
const problems = (input: unknown) => {
  const result = createTemplateBodySchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};
const template = (components: unknown[], name = "order_update") => ({ name, language: "en_US", category: "UTILITY", components });

describe("template rules", () => {
  it("accepts a well-formed template", () => {
    expect(
      problems(
        template([
          { type: "HEADER", format: "TEXT", text: "Order {{1}}", example: { header_text: ["#123"] } },
          body("Hello {{1}}, your order {{2}} has shipped.", ["Ana", "#123"]),
          { type: "FOOTER", text: "Thanks" },
          { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Stop" }, { type: "URL", text: "Track", url: "https://shop.example/track/{{1}}", example: ["https://shop.example/track/1"] }] },
        ]),
      ),
    ).toEqual([]);
  });

  it("refuses bad names, long texts and missing examples", () => {
    expect(problems(template([body("Hi")], "Order Update")).join()).toMatch(/lowercase/);
    expect(problems(template([body("x".repeat(1025))])).join()).toMatch(/1024/);
    expect(problems(template([body("Hello {{1}} there")])).join()).toMatch(/example/);
    expect(problems(template([{ type: "FOOTER", text: "no body" }])).join()).toMatch(/needs a body/);
    expect(problems(template([body("Hi"), { type: "FOOTER", text: "Hi {{1}}" }])).join()).toMatch(/not allowed/);
  });

  it("refuses misplaced and malformed variables", () => {
    expect(templateTextProblems("{{1}} starts")).toContain("the text cannot start or end with a variable");
    expect(templateTextProblems("ends {{1}}")).toContain("the text cannot start or end with a variable");
    expect(templateTextProblems("a {{1}} {{2}} b")).toContain("two variables cannot be side by side");
    expect(templateTextProblems("a {{ 1 }} b").join()).toMatch(/without spaces/);
    expect(templateTextProblems("a {{name}} b").join()).toMatch(/without spaces/);
    expect(templateTextProblems("a {{2}} b {{1}} c").join()).toMatch(/in order/);
    expect(templateTextProblems("Hi {{1}}, see {{2}} now")).toEqual([]);
  });

  it("limits buttons by kind and keeps quick replies together", () => {
    const url = (n: number) => ({ type: "URL", text: `Link ${n}`, url: "https://a.example" });
    expect(problems(template([body("Hi"), { type: "BUTTONS", buttons: [url(1), url(2), url(3)] }])).join()).toMatch(/at most 2 link/);
    expect(
      problems(template([body("Hi"), { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "A" }, url(1), { type: "QUICK_REPLY", text: "B" }] }])).join(),
    ).toMatch(/grouped/);
    expect(problems(template([body("Hi"), { type: "BUTTONS", buttons: [{ type: "URL", text: "x", url: "https://a/{{1}}/b" }] }])).join()).toMatch(/at its end/);
  });

  it("counts variables", () => {
    expect(countTemplateVariables("Hi {{1}} and {{2}}")).toBe(2);
    expect(countTemplateVariables(undefined)).toBe(0);
  });
});
