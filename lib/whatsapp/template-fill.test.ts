import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";

import { translateMessage, type Translatable, type Translate } from "@/lib/i18n/translatable";
import ar from "@/messages/ar.json";
import en from "@/messages/en.json";

import { buildTemplateMessage, validateOutboundMessage } from "./message-builders";
import {
  emptyTemplateValues,
  renderTemplate,
  setTemplateVariable,
  templateFields,
  templateSendComponents,
  templateValueProblems,
  templateVariableInputs,
  templateVariableValue,
  type TemplateDefinition,
} from "./template-fill";

// Labels and problems are catalog messages: read here in English (and once in Arabic), as people read them.
const english = createTranslator({ locale: "en", messages: en }) as unknown as Translate;
const words = (said: Translatable | string) => translateMessage(english, said);
const inWords = <T extends { message?: Translatable; label?: Translatable }>(entries: T[]) =>
  entries.map((entry) => ({ ...entry, ...(entry.message ? { message: words(entry.message) } : {}), ...(entry.label ? { label: words(entry.label) } : {}) }));

const orderReady: TemplateDefinition = {
  name: "order_ready",
  language: "en_US",
  category: "UTILITY",
  components: [
    { type: "HEADER", format: "TEXT", text: "Order {{order_id}}" },
    { type: "BODY", text: "Hi {{first_name}}, your order {{order_id}} is ready at {{store}}. See you soon, {{first_name}}!" },
    { type: "FOOTER", text: "Reply if you need more time." },
    { type: "BUTTONS", buttons: [{ type: "URL", text: "Directions", url: "https://maps.example/{{1}}" }] },
  ],
};

const orderConfirmation: TemplateDefinition = {
  name: "order_confirmation",
  language: "en_US",
  components: [
    { type: "HEADER", format: "TEXT", text: "Order {{1}}" },
    { type: "BODY", text: "Hi {{1}}, your order {{2}} ships today." },
  ],
};

describe("filling a template with named variables", () => {
  it("asks for one value per name, in the order of first appearance (a name used twice is one field)", () => {
    const fields = templateFields(orderReady);
    expect(fields).toMatchObject({ parameterFormat: "NAMED", headerVariableNames: ["order_id"], bodyVariableNames: ["first_name", "order_id", "store"] });
    expect(fields.bodyVariables).toBe(3);
    expect(emptyTemplateValues(orderReady)).toEqual({ header: [""], body: ["", "", ""], buttons: {} });
  });

  it("gives the picker one field per name, labelled where the name first appears", () => {
    const inputs = templateVariableInputs(orderReady);
    expect(inWords(inputs)).toEqual([
      { key: "header-order_id", label: "Header {{order_id}}", header: 0, body: 1 },
      { key: "body-first_name", label: "Body {{first_name}}", body: 0 },
      { key: "body-store", label: "Body {{store}}", body: 2 },
    ]);
    // Typing the order number once fills the header and the body.
    let values = emptyTemplateValues(orderReady);
    values = setTemplateVariable(values, inputs[0]!, "#4821");
    values = setTemplateVariable(values, inputs[1]!, "Ana");
    expect(values).toMatchObject({ header: ["#4821"], body: ["Ana", "#4821", ""] });
    expect(templateVariableValue(values, inputs[0]!)).toBe("#4821");
    expect(templateVariableValue(values, inputs[2]!)).toBe("");
  });

  it("names each missing value by its variable", () => {
    const problems = templateValueProblems(orderReady, { header: [""], body: ["Ana", "", "Main St"], buttons: { 0: "x" } });
    expect(inWords(problems)).toEqual([
      { field: "header.0", message: "Fill in header variable {{order_id}}." },
      { field: "body.1", message: "Fill in body variable {{order_id}}." },
    ]);
  });

  it("renders every use of a name with its value, and keeps unfilled ones visible", () => {
    const rendered = renderTemplate(orderReady, { header: ["#4821"], body: ["Ana", "#4821", ""], buttons: {} });
    expect(rendered.header).toEqual({ type: "text", text: "Order #4821" });
    expect(rendered.body).toBe("Hi Ana, your order #4821 is ready at {{store}}. See you soon, Ana!");
    expect(rendered.buttons).toEqual([{ type: "URL", text: "Directions" }]);
  });

  it("sends each header and body parameter with its parameter_name, in the order of first appearance", () => {
    const components = templateSendComponents(orderReady, { header: ["#4821"], body: ["Ana", "#4821", "Main St"], buttons: { 0: "store-1" } });
    expect(components).toEqual([
      { type: "header", parameters: [{ type: "text", parameter_name: "order_id", text: "#4821" }] },
      {
        type: "body",
        parameters: [
          { type: "text", parameter_name: "first_name", text: "Ana" },
          { type: "text", parameter_name: "order_id", text: "#4821" },
          { type: "text", parameter_name: "store", text: "Main St" },
        ],
      },
      // URL buttons keep their {{1}} suffix: no parameter_name.
      { type: "button", sub_type: "url", index: "0", parameters: [{ type: "text", text: "store-1" }] },
    ]);
  });

  it("keeps parameter_name through the outbound message's validation", () => {
    const components = templateSendComponents(orderReady, { header: ["#4821"], body: ["Ana", "#4821", "Main St"], buttons: { 0: "store-1" } });
    const payload = buildTemplateMessage({ to: "15550001111", name: orderReady.name, languageCode: orderReady.language, components });
    const validated = validateOutboundMessage(payload);
    expect(validated.ok).toBe(true);
    const sent = validated.ok ? (validated.message as { template: { components: Array<{ parameters: unknown[] }> } }) : undefined;
    expect(sent?.template.components[1]!.parameters[0]).toEqual({ type: "text", parameter_name: "first_name", text: "Ana" });
    const misnamed = buildTemplateMessage({
      to: "15550001111",
      name: orderReady.name,
      languageCode: orderReady.language,
      components: [{ type: "body", parameters: [{ type: "text", parameter_name: "First Name", text: "Ana" }] }],
    });
    expect(validateOutboundMessage(misnamed).ok).toBe(false);
  });

  it("trusts Graph's parameter_format over the placeholders", () => {
    expect(templateFields({ ...orderConfirmation, parameter_format: "POSITIONAL" }).parameterFormat).toBe("POSITIONAL");
  });
});

describe("filling a template with numbered variables", () => {
  it("keeps {{1}} of the header and {{1}} of the body apart", () => {
    expect(templateVariableInputs(orderConfirmation).map((input) => words(input.label))).toEqual(["Header {{1}}", "Body {{1}}", "Body {{2}}"]);
    // The variable itself is never translated, only the words around it.
    const arabic = createTranslator({ locale: "ar", messages: ar }) as unknown as Translate;
    const label = translateMessage(arabic, templateVariableInputs(orderConfirmation)[1]!.label);
    expect(label).toContain("{{1}}");
    expect(label).not.toContain("Body");
  });

  it("labels fields {{1}}, {{2}} and sends no parameter_name", () => {
    const fields = templateFields(orderConfirmation);
    expect(fields).toMatchObject({ parameterFormat: "POSITIONAL", headerVariableNames: ["1"], bodyVariableNames: ["1", "2"] });
    expect(inWords(templateValueProblems(orderConfirmation, { header: ["9"], body: ["Maya", ""], buttons: {} }))).toEqual([{ field: "body.1", message: "Fill in body variable {{2}}." }]);
    expect(templateSendComponents(orderConfirmation, { header: ["9"], body: ["Maya", "#42"], buttons: {} })).toEqual([
      { type: "header", parameters: [{ type: "text", text: "9" }] },
      { type: "body", parameters: [{ type: "text", text: "Maya" }, { type: "text", text: "#42" }] },
    ]);
    expect(renderTemplate(orderConfirmation, { header: ["9"], body: ["Maya", "#42"], buttons: {} }).body).toBe("Hi Maya, your order #42 ships today.");
  });
});

describe("what the picker asks of buttons and media", () => {
  const offer: TemplateDefinition = {
    name: "welcome_offer",
    language: "en_US",
    components: [
      { type: "HEADER", format: "IMAGE" },
      { type: "BODY", text: "Welcome! Here is your code." },
      { type: "BUTTONS", buttons: [{ type: "COPY_CODE", example: "WELCOME10" }, { type: "URL", text: "Shop now", url: "https://shop.example/{{1}}" }] },
    ],
  };

  it("names each missing value, a button without text by WhatsApp's label for it", () => {
    const problems = templateValueProblems(offer, { header: [], body: [], buttons: {} }).map((problem) => [problem.field, words(problem.message)]);
    expect(problems).toEqual([
      ["headerMedia", "Choose the header image (a media id or an https link)."],
      ["buttons.0", "Fill in the value for the “Copy offer code” button."],
      ["buttons.1", "Fill in the value for the “Shop now” button."],
    ]);
    const tooLong = templateValueProblems(offer, { header: [], body: [], headerMedia: { link: "http://a.example/x.png" }, buttons: { 0: "X".repeat(16), 1: "a" } });
    expect(tooLong.map((problem) => words(problem.message))).toEqual(["The header link must start with https://.", "The offer code must be at most 15 characters."]);
  });

  it("keeps the stored rendering's English label for a button without text, and says which text is the template's own", () => {
    expect(templateFields(offer).buttons.map((button) => [button.text, button.ownText])).toEqual([
      ["Copy offer code", false],
      ["Shop now", true],
    ]);
  });
});
