import { describe, expect, it } from "vitest";

import { createTranslator } from "next-intl";

import { translateMessage, type Translatable, type Translate } from "@/lib/i18n/translatable";
import en from "@/messages/en.json";

import { createTemplateBodySchema, editTemplateBodySchema, templateTextProblems as textProblemsSaid, variableDensityProblem as densitySaid, type TemplateTextRules } from "./template-rules";
import { countTemplateVariables } from "./templates";

// The rules say their problems as catalog messages: read here in English, as a person reading English would.
const english = createTranslator({ locale: "en", messages: en }) as unknown as Translate;
const words = (said: Translatable | string) => translateMessage(english, said);
const templateTextProblems = (text: string, options?: TemplateTextRules) => textProblemsSaid(text, options).map(words);
const variableDensityProblem = (text: string) => {
  const said = densitySaid(text);
  return said && words(said);
};

const body = (text: string, examples?: string[]) => ({ type: "BODY" as const, text, ...(examples ? { example: { body_text: [examples] } } : {}) });
const problems = (input: unknown) => {
  const result = createTemplateBodySchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => words(issue.message));
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
    expect(problems(template([body("x".repeat(1025))])).join()).toMatch(/1,024 characters/);
    expect(problems(template([body("Hello {{1}} there")])).join()).toMatch(/example/);
    expect(problems(template([{ type: "FOOTER", text: "no body" }])).join()).toMatch(/needs a body/);
    expect(problems(template([body("Hi"), { type: "FOOTER", text: "Hi {{1}}" }])).join()).toMatch(/not allowed/);
  });

  it("refuses misplaced and malformed variables", () => {
    expect(templateTextProblems("{{1}} starts")).toContain("The text cannot start or end with a variable.");
    expect(templateTextProblems("ends {{1}}")).toContain("The text cannot start or end with a variable.");
    expect(templateTextProblems("a {{1}} {{2}} b")).toContain("Two variables cannot be side by side.");
    expect(templateTextProblems("a {{ 1 }} b").join()).toMatch(/without spaces/);
    expect(templateTextProblems("a {{name}} b").join()).toMatch(/without spaces/);
    expect(templateTextProblems("a {{2}} b {{1}} c").join()).toMatch(/in order/);
    expect(templateTextProblems("Hi {{1}}, see {{2}} now")).toEqual([]);
  });

  it("limits buttons by kind and keeps quick replies together", () => {
    const url = (n: number) => ({ type: "URL", text: `Link ${n}`, url: "https://a.example" });
    expect(problems(template([body("Hi"), { type: "BUTTONS", buttons: [url(1), url(2), url(3)] }])).join()).toMatch(/At most 2 website buttons/);
    expect(
      problems(template([body("Hi"), { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "A" }, url(1), { type: "QUICK_REPLY", text: "B" }] }])).join(),
    ).toMatch(/quick-reply buttons together/);
    expect(problems(template([body("Hi"), { type: "BUTTONS", buttons: [{ type: "URL", text: "x", url: "https://a/{{1}}/b" }] }])).join()).toMatch(/at its end/);
  });

  it("counts variables", () => {
    expect(countTemplateVariables("Hi {{1}} and {{2}}")).toBe(2);
    expect(countTemplateVariables(undefined)).toBe(0);
  });
});

describe("template rules for named variables", () => {
  const named = { parameterFormat: "NAMED" as const };
  const namedBody = (text: string, examples: Record<string, string>) => ({
    type: "BODY" as const,
    text,
    example: { body_text_named_params: Object.entries(examples).map(([param_name, example]) => ({ param_name, example })) },
  });
  const namedTemplate = (components: unknown[]) => ({ ...template(components), parameter_format: "NAMED" });

  it("accepts lowercase names with digits and underscores, a name used twice included", () => {
    expect(templateTextProblems("Hi {{first_name}}, order {{order_2}} is ready, {{first_name}}.", named)).toEqual([]);
  });

  it("refuses malformed names and numbers in a named template", () => {
    expect(templateTextProblems("Hi {{ First }} there", named).join()).toMatch(/lowercase letters, digits and underscores/);
    expect(templateTextProblems("Hi {{First}} there", named).join()).toMatch(/lowercase letters, digits and underscores/);
    expect(templateTextProblems("Hi {{first-name}} there", named).join()).toMatch(/lowercase letters, digits and underscores/);
    expect(templateTextProblems("Hi {{1}} there", named).join()).toMatch(/uses named variables/);
  });

  it("refuses mixing named and numbered variables, in either kind", () => {
    expect(templateTextProblems("Hi {{first_name}}, order {{1}} is here", named)).toContain("Named and numbered variables cannot be mixed in one template.");
    expect(templateTextProblems("Hi {{first_name}}, order {{1}} is here")).toContain("Named and numbered variables cannot be mixed in one template.");
    expect(problems({ ...namedTemplate([{ type: "HEADER", format: "TEXT", text: "Order {{1}}", example: { header_text: ["9"] } }, namedBody("Hi {{first_name}}, it is ready now.", { first_name: "Ana" })]) }).join()).toMatch(
      /uses named variables/,
    );
  });

  it("applies the positional rules on placement and density", () => {
    expect(templateTextProblems("{{first_name}}, your order is ready", named)).toContain("The text cannot start or end with a variable.");
    expect(templateTextProblems("Your order is ready, {{first_name}}", named)).toContain("The text cannot start or end with a variable.");
    expect(templateTextProblems("Dear {{first_name}} {{last_name}}, welcome", named)).toContain("Two variables cannot be side by side.");
    expect(templateTextProblems("Hi {{first_name}} {{first_name}} ok", named)).toContain("Two variables cannot be side by side.");
    expect(templateTextProblems("Order {{order_id}}", { ...named, maxVariables: 1, variablesAtEdges: true })).toEqual([]);
    expect(templateTextProblems("{{order_id}} for {{store}}", { ...named, maxVariables: 1, variablesAtEdges: true })).toContain("At most 1 variable here.");
    expect(variableDensityProblem("Hi {{first_name}} ok {{store}} yes")).toMatch(/2 variables need at least 5 words/);
    // A name used twice counts once.
    expect(variableDensityProblem("Hi {{first_name}}, bye {{first_name}} now")).toBeUndefined();
  });

  it("accepts a named template with named examples, and asks for an example per name", () => {
    const header = { type: "HEADER", format: "TEXT", text: "Order {{order_id}}", example: { header_text_named_params: [{ param_name: "order_id", example: "4821" }] } };
    const body = namedBody("Hi {{first_name}}, your order {{order_id}} is ready for pickup at {{store}}.", { first_name: "Ana", order_id: "4821", store: "Main St" });
    expect(problems(namedTemplate([header, body]))).toEqual([]);
    expect(problems(namedTemplate([header, namedBody(body.text, { first_name: "Ana", order_id: "4821" })])).join()).toMatch(/\{\{store\}\} has none/);
    expect(problems(namedTemplate([header, namedBody(body.text, { first_name: "Ana", order_id: "4821", store: "x", city: "y" })])).join()).toMatch(/does not use: city/);
    expect(problems(namedTemplate([{ ...header, example: { header_text: ["4821"] } }, body])).join()).toMatch(/example for the header variable/);
    // Without parameter_format Meta reads numbered variables.
    expect(problems(template([header, body])).join()).toMatch(/without spaces or names/);
  });

  it("reads an edit's kind of variables from its placeholders", () => {
    const edit = (text: string, examples: Record<string, string>) => editTemplateBodySchema.safeParse({ components: [namedBody(text, examples)] });
    expect(edit("Hi {{first_name}}, your order is ready.", { first_name: "Ana" }).success).toBe(true);
    expect(edit("Hi {{first_name}}, your order is ready.", {}).success).toBe(false);
  });
});
