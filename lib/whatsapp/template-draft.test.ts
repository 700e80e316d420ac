import { describe, expect, it } from "vitest";

import { createTranslator } from "next-intl";

import { translateMessage, type Translatable, type Translate } from "@/lib/i18n/translatable";
import en from "@/messages/en.json";
import es from "@/messages/es.json";

import {
  draftComponents,
  draftCreateBody,
  draftFromTemplate,
  emptyDraftButton,
  emptyTemplateDraft,
  fieldOfTemplateRefusal,
  lintTemplateDraft,
  previewTemplateDraft,
  templateEditRules,
  type TemplateDraft,
} from "./template-draft";
import { createTemplateBodySchema } from "./template-rules";

const draft = (changes: Partial<TemplateDraft> = {}): TemplateDraft => ({
  ...emptyTemplateDraft(),
  name: "spring_offer",
  body: { text: "Hello {{1}}, your order {{2}} is ready for pickup.", examples: ["Ana", "#123"], namedExamples: {} },
  ...changes,
});
// Problems are catalog messages: read here in English, as a person reading English would.
const english = createTranslator({ locale: "en", messages: en }) as unknown as Translate;
const words = (said: Translatable | string | undefined) => (said === undefined ? undefined : translateMessage(english, said));
const fields = (value: TemplateDraft, options?: Parameters<typeof lintTemplateDraft>[1]) =>
  Object.fromEntries(lintTemplateDraft(value, options).map((problem) => [problem.field, words(problem.message)]));

describe("template draft lint", () => {
  it("accepts a complete draft, and its create body passes the gateway's rules", () => {
    const complete = draft({
      header: { format: "TEXT", text: "Order {{1}}", example: "#123", handle: "" },
      footer: "Reply STOP to opt out",
      buttons: [
        { ...emptyDraftButton("QUICK_REPLY"), text: "Thanks" },
        { ...emptyDraftButton("URL"), text: "Track", url: "https://shop.example/track/{{1}}", urlExample: "123" },
        { ...emptyDraftButton("PHONE_NUMBER"), text: "Call us", phoneNumber: "+1 555 010 4821" },
        { ...emptyDraftButton("COPY_CODE"), code: "SPRING15" },
      ],
    });
    expect(lintTemplateDraft(complete)).toEqual([]);
    expect(createTemplateBodySchema.safeParse(draftCreateBody({ ...complete, buttons: complete.buttons.map((b) => ({ ...b, phoneNumber: b.phoneNumber.replace(/\s/g, "") })) })).success).toBe(true);
  });

  it("puts each variable problem at the body field, in plain words", () => {
    const body = (text: string, examples = ["a", "b", "c"]) => fields(draft({ body: { text, examples } }))["body.text"];
    expect(body("Hi {{1}} and {{3}} are here today, friend")).toMatch(/numbered in order/);
    expect(body("{{1}} is your code for today")).toMatch(/start or end/);
    expect(body("Your code for today is {{1}}")).toMatch(/start or end/);
    expect(body("Dear {{1}} {{2}} welcome to the shop")).toMatch(/side by side/);
    expect(body("Hi {{1}}, {{2}} ok")).toMatch(/side by side|too many variables/i);
    expect(body("Hi {{1}} ok {{2}} yes")).toMatch(/^Too many variables for the text length: 2 variables need at least 5 words/);
    expect(body("x".repeat(1025))).toBe("The body must be at most 1024 characters (now 1025).");
    expect(body("Hello {{ 1 }} there friend")).toMatch(/without spaces/);
  });

  it("asks for each missing example at its own field", () => {
    const problems = fields(draft({ body: { text: "Hello {{1}}, your order {{2}} is ready now.", examples: ["Ana", ""] } }));
    expect(problems["body.examples.1"]).toBe("Give an example value for {{2}}.");
    expect(problems["body.examples.0"]).toBeUndefined();
  });

  it("checks the name, its length and whether it is taken in that language", () => {
    expect(fields(draft({ name: "Spring Offer" })).name).toMatch(/lowercase/);
    expect(fields(draft({ name: "a".repeat(513) })).name).toMatch(/at most 512 characters/);
    expect(fields(draft(), { taken: [{ name: "spring_offer", language: "en_US" }] }).name).toMatch(/already exists in en_US/);
    expect(fields(draft(), { taken: [{ name: "spring_offer", language: "es_ES" }] }).name).toBeUndefined();
    expect(fields(draft({ name: "" }), { editing: true }).name).toBeUndefined();
  });

  it("limits header, footer and buttons", () => {
    expect(fields(draft({ header: { format: "TEXT", text: "x".repeat(61), example: "", handle: "" } }))["header.text"]).toMatch(/at most 60/i);
    expect(fields(draft({ header: { format: "TEXT", text: "Hi {{1}} {{2}}", example: "a", handle: "" } }))["header.text"]).toMatch(/at most 1 variable/i);
    expect(fields(draft({ header: { format: "TEXT", text: "Order {{1}}", example: "", handle: "" } }))["header.example"]).toMatch(/example/);
    expect(fields(draft({ header: { format: "IMAGE", text: "", example: "", handle: "" } }))["header.handle"]).toMatch(/sample/);
    expect(fields(draft({ footer: "Hi {{1}}" })).footer).toMatch(/cannot hold variables/);
    expect(fields(draft({ footer: "x".repeat(61) })).footer).toMatch(/at most 60/i);
    const quick = (text: string) => ({ ...emptyDraftButton("QUICK_REPLY"), text });
    const url = { ...emptyDraftButton("URL"), text: "Open", url: "https://a.example" };
    expect(fields(draft({ buttons: [quick("A"), url, quick("B")] })).buttons).toMatch(/together/);
    expect(fields(draft({ buttons: [url, url, url] })).buttons).toMatch(/at most 2 website/i);
    expect(fields(draft({ buttons: Array.from({ length: 11 }, (_, i) => quick(`Q${i}`)) })).buttons).toMatch(/at most 10 buttons/i);
    expect(fields(draft({ buttons: [quick("x".repeat(26))] }))["buttons.0.text"]).toMatch(/at most 25/i);
    expect(fields(draft({ buttons: [{ ...url, url: "https://a.example/{{1}}/x" }] }))["buttons.0.url"]).toMatch(/at its end/);
    expect(fields(draft({ buttons: [{ ...url, url: "https://a.example/{{1}}" }] }))["buttons.0.urlExample"]).toMatch(/example/);
    expect(fields(draft({ buttons: [{ ...emptyDraftButton("COPY_CODE"), code: "x".repeat(16) }] }))["buttons.0.code"]).toMatch(/at most 15/i);
    expect(fields(draft({ buttons: [{ ...emptyDraftButton("PHONE_NUMBER"), text: "Call", phoneNumber: "call me" }] }))["buttons.0.phoneNumber"]).toMatch(/international/);
  });
});

describe("template draft translation and preview", () => {
  it("builds Graph components and reads them back", () => {
    const original = draft({
      header: { format: "TEXT", text: "Order {{1}}", example: "#9", handle: "" },
      footer: "Bye",
      buttons: [{ ...emptyDraftButton("URL"), text: "Track", url: "https://a.example/{{1}}", urlExample: "9" }, { ...emptyDraftButton("COPY_CODE"), code: "SAVE10" }],
    });
    const body = draftCreateBody(original);
    expect(body.components).toEqual([
      { type: "HEADER", format: "TEXT", text: "Order {{1}}", example: { header_text: ["#9"] } },
      { type: "BODY", text: original.body.text, example: { body_text: [["Ana", "#123"]] } },
      { type: "FOOTER", text: "Bye" },
      { type: "BUTTONS", buttons: [{ type: "URL", text: "Track", url: "https://a.example/{{1}}", example: ["9"] }, { type: "COPY_CODE", example: "SAVE10" }] },
    ]);
    expect(draftFromTemplate({ name: original.name, language: "en_US", category: "MARKETING", components: body.components })).toEqual({
      ...original,
      allowCategoryChange: true,
      body: { ...original.body, namedExamples: {} },
    });
    expect(body).not.toHaveProperty("parameter_format");
  });

  it("previews with the examples filled and missing ones kept visible", () => {
    const preview = previewTemplateDraft(draft({ body: { text: "Hi {{1}}, order {{2}} is on its way.", examples: ["Ana", ""] }, footer: "Bye" }));
    expect(preview.body).toBe("Hi Ana, order {{2}} is on its way.");
    expect(preview.footer).toBe("Bye");
    expect(preview.header).toBeNull();
  });

  it("labels a button without text of its own as WhatsApp does, in the reader's words", () => {
    const preview = previewTemplateDraft(draft({ buttons: [{ ...emptyDraftButton("COPY_CODE"), code: "SAVE10" }, { ...emptyDraftButton("URL"), url: "https://a.example" }, { ...emptyDraftButton("QUICK_REPLY"), text: "Thanks" }] }));
    expect(preview.buttons.map((button) => words(button.text))).toEqual(["Copy offer code", "Visit website", "Thanks"]);
    const spanish = createTranslator({ locale: "es", messages: es }) as unknown as Translate;
    expect(translateMessage(spanish, preview.buttons[0]!.text)).toBe("Copiar código de oferta");
  });
});

describe("Meta's edit rules and refusals", () => {
  it("allows edits only to approved, rejected or paused templates, and keeps an approved one's category", () => {
    expect(templateEditRules("APPROVED")).toEqual({ editable: true, categoryLocked: true });
    expect(templateEditRules("REJECTED")).toEqual({ editable: true, categoryLocked: false });
    expect(templateEditRules("PENDING").editable).toBe(false);
    expect(words(templateEditRules("DISABLED").reason)).toBe("Meta allows edits only to approved, rejected or paused templates; this one is disabled.");
    expect(words(templateEditRules("PENDING").reason)).toBe("It is in review: wait for Meta's decision before editing.");
    expect(words(templateEditRules("SOMETHING_NEW").reason)).toMatch(/this one is something new\.$/);
  });

  it("places a refusal at its field when its wording says where", () => {
    expect(fieldOfTemplateRefusal({ subcode: 2388024, title: "Content in This Language Already Exists" })).toBe("name");
    expect(fieldOfTemplateRefusal({ title: "Adjacent variables", message: "Variables can't be next to each other." })).toBe("body.text");
    expect(fieldOfTemplateRefusal({ title: "Missing header sample", message: "needs a sample" })).toBe("header.handle");
    expect(fieldOfTemplateRefusal({ title: "Invalid button URL" })).toBe("buttons");
    expect(fieldOfTemplateRefusal({ title: "Rate limit hit", message: "wait" })).toBeUndefined();
  });
});

describe("template drafts with named variables", () => {
  const namedDraft = (changes: Partial<TemplateDraft> = {}): TemplateDraft =>
    draft({
      parameterFormat: "NAMED",
      header: { format: "TEXT", text: "Order {{order_id}}", example: "4821", handle: "" },
      body: {
        text: "Hi {{first_name}}, your order {{order_id}} is ready for pickup at {{store}}. See you soon, {{first_name}}.",
        examples: [],
        namedExamples: { first_name: "Ana", order_id: "4821", store: "Main St", gone: "left from an earlier text" },
      },
      ...changes,
    });

  it("creates the body Meta expects: parameter_format NAMED and named examples, each name once, in order", () => {
    const value = namedDraft();
    expect(lintTemplateDraft(value)).toEqual([]);
    const body = draftCreateBody(value);
    expect(body).toEqual({
      name: "spring_offer",
      language: "en_US",
      category: "MARKETING",
      parameter_format: "NAMED",
      components: [
        { type: "HEADER", format: "TEXT", text: "Order {{order_id}}", example: { header_text_named_params: [{ param_name: "order_id", example: "4821" }] } },
        {
          type: "BODY",
          text: value.body.text,
          example: {
            body_text_named_params: [
              { param_name: "first_name", example: "Ana" },
              { param_name: "order_id", example: "4821" },
              { param_name: "store", example: "Main St" },
            ],
          },
        },
      ],
    });
    expect(createTemplateBodySchema.safeParse(body).success).toBe(true);
  });

  it("checks names at each field: malformed, numbered, mixed, missing examples", () => {
    const noHeader = { format: "NONE" as const, text: "", example: "", handle: "" };
    const bodyProblem = (text: string) => fields(namedDraft({ header: noHeader, body: { text, examples: [], namedExamples: { first_name: "Ana" } } }))["body.text"];
    expect(bodyProblem("Hi {{ First }}, your order is ready.")).toMatch(/lowercase letters, digits and underscores/);
    expect(bodyProblem("Hi {{1}}, your order is ready now.")).toMatch(/uses named variables/);
    expect(bodyProblem("Hi {{first_name}}, order {{1}} is ready.")).toBe("Named and numbered variables cannot be mixed in one template.");
    expect(bodyProblem("{{first_name}}, your order is ready.")).toMatch(/start or end/);
    expect(bodyProblem("Hi {{first_name}} {{last_name}} there you are")).toMatch(/side by side/);
    expect(bodyProblem("Hi {{first_name}} ok {{store}} yes")).toMatch(/too many variables/i);
    // The header's numbered variable in a named template is the odd one out.
    const mixed = fields(namedDraft({ header: { format: "TEXT", text: "Order {{1}}", example: "9", handle: "" } }));
    expect(mixed["header.text"]).toBe("Named and numbered variables cannot be mixed in one template.");
    const missing = fields(namedDraft({ header: { format: "TEXT", text: "Order {{order_id}}", example: "", handle: "" }, body: { text: "Hi {{first_name}}, order {{order_id}} is ready.", examples: [], namedExamples: { first_name: "Ana" } } }));
    expect(missing["header.example"]).toBe("Give an example value for the header variable {{order_id}}.");
    expect(missing["body.namedExamples.order_id"]).toBe("Give an example value for {{order_id}}.");
    expect(missing["body.namedExamples.first_name"]).toBeUndefined();
  });

  it("asks a numbered draft to choose named variables for names", () => {
    expect(fields(draft({ body: { text: "Hi {{first_name}}, your order is ready.", examples: [] } }))["body.text"]).toMatch(/choose named variables/);
  });

  it("previews with each name's example, and keeps the template named when it is read back", () => {
    const value = namedDraft();
    const preview = previewTemplateDraft({ ...value, body: { ...value.body, namedExamples: { first_name: "Ana", order_id: "4821" } } });
    expect(preview.header).toEqual({ kind: "text", text: "Order 4821" });
    expect(preview.body).toBe("Hi Ana, your order 4821 is ready for pickup at {{store}}. See you soon, Ana.");
    const back = draftFromTemplate({ name: "order_ready", language: "en_US", category: "UTILITY", components: draftComponents(value) });
    expect(back.parameterFormat).toBe("NAMED");
    expect(back.header.example).toBe("4821");
    expect(back.body.namedExamples).toEqual({ first_name: "Ana", order_id: "4821", store: "Main St" });
    expect(draftFromTemplate({ name: "x", language: "en_US", category: "UTILITY", parameter_format: "NAMED", components: [{ type: "BODY", text: "Hello there" }] }).parameterFormat).toBe("NAMED");
  });
});
