import { describe, expect, it } from "vitest";
import { SEED } from "./seed";
import type { AnyBody } from "./test/harness";
import { control, gateway, setupTestSimulator } from "./test/harness";

const WABA = SEED.wabas.lumen;
const PHONE = SEED.phoneNumbers.lumenUs;
const MAYA = "14155550123";
const env = setupTestSimulator({ simulator: { templateReviewMs: 50 } });

const text = (value: string, name?: string | null) => ({ type: "text", ...(name ? { parameter_name: name } : {}), text: value });
const sendTemplate = (name: string, components?: unknown[], code = "en_US") =>
  gateway(env.sim.url, `${PHONE}/messages`, { body: { messaging_product: "whatsapp", to: MAYA, type: "template", template: { name, language: { code }, components } } });
const create = (body: Record<string, unknown>) => gateway(env.sim.url, `${WABA}/message_templates`, { body: { language: "en_US", category: "UTILITY", ...body } });
const named = (name: string, bodyText: string, examples: unknown, extra: Record<string, unknown> = {}) =>
  create({ name, parameter_format: "NAMED", components: [{ type: "BODY", text: bodyText, example: { body_text_named_params: examples } }], ...extra });

describe("the seeded templates", () => {
  it("adds a NAMED utility template and approved carousel, limited-time offer, catalog and flow templates, with fixed ids", async () => {
    const { body } = await gateway(env.sim.url, `${WABA}/message_templates?limit=100`);
    const byName = new Map<string, AnyBody>(body.data.map((template: AnyBody) => [template.name, template]));
    const expected: Array<[string, string, string]> = [
      ["order_ready", "1130458724561214", "UTILITY"],
      ["roast_carousel", "1130458724561215", "MARKETING"],
      ["espresso_offer", "1130458724561216", "MARKETING"],
      ["autumn_catalog", "1130458724561217", "MARKETING"],
      ["tasting_booking", "1130458724561218", "UTILITY"],
    ];
    for (const [name, id, category] of expected) {
      expect(byName.get(name), name).toMatchObject({ id, language: "en_US", status: "APPROVED", category });
    }
    expect(byName.get("order_ready").parameter_format).toBe("NAMED");
    expect(byName.get("hello_world").parameter_format).toBe("POSITIONAL");
    expect(byName.get("order_ready").components[1].example.body_text_named_params.map((entry: AnyBody) => entry.param_name)).toEqual(["first_name", "order_id", "store"]);
    expect(byName.get("roast_carousel").components[1]).toMatchObject({ type: "CAROUSEL", cards: [{ components: [{ type: "HEADER", format: "IMAGE" }, { type: "BODY" }, { type: "BUTTONS" }] }, {}] });
    expect(byName.get("espresso_offer").components[0]).toEqual({ type: "LIMITED_TIME_OFFER", limited_time_offer: { text: "Expiring offer!", has_expiration: true } });
    expect(byName.get("autumn_catalog").components[2].buttons).toEqual([{ type: "CATALOG", text: "View catalog" }]);
    expect(byName.get("tasting_booking").components[1].buttons[0]).toMatchObject({ type: "FLOW", text: "Book now", flow_action: "navigate", navigate_screen: "BOOKING" });
    const harbor = await gateway(env.sim.url, "1130458724562414", { connection: SEED.connections.harbor });
    expect(harbor.body).toMatchObject({ name: "order_ready", parameter_format: "NAMED" });
    const state = await control(env.sim.url, "state");
    expect(state.body.templates.filter((template: AnyBody) => template.waba_id === WABA)).toHaveLength(19);
    expect(state.body.templates.find((template: AnyBody) => template.name === "order_ready").parameter_format).toBe("NAMED");
  });
});

describe("named parameters on send", () => {
  const header = (orderId = "#4512", name: string | null = "order_id") => ({ type: "header", parameters: [text(orderId, name)] });
  const body = (parameters: unknown[]) => ({ type: "body", parameters });
  const full = [text("Ana", "first_name"), text("#4512", "order_id"), text("Main St 1", "store")];

  it("accepts each variable once by name, in any order", async () => {
    const answer = await sendTemplate("order_ready", [header(), body([full[2], full[0], full[1]])]);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.messages[0].message_status).toBe("accepted");
  });

  it("answers 132000 when a variable is missing or one too many is given", async () => {
    const short = await sendTemplate("order_ready", [header(), body(full.slice(0, 2))]);
    expect(short.body.error).toMatchObject({ code: 132000, error_data: { details: "body: number of localizable_params (2) does not match the expected number of params (3)" } });
    const long = await sendTemplate("order_ready", [header(), body([...full, text("extra", "extra")])]);
    expect(long.body.error.code).toBe(132000);
    const noHeader = await sendTemplate("order_ready", [body(full)]);
    expect(noHeader.body.error.error_data.details).toContain("header: number of localizable_params (0)");
  });

  it("answers 100 naming the parameter when a name is missing, unknown or given twice", async () => {
    const missing = await sendTemplate("order_ready", [header(), body([full[0], full[1], text("Main St 1")])]);
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 100, message: "(#100) Invalid parameter" });
    expect(missing.body.error.error_data.details).toContain("template['components'][1]['parameters'][2]['parameter_name'] is required");
    const unknown = await sendTemplate("order_ready", [header(), body([full[0], full[1], text("Main St 1", "shop")])]);
    expect(unknown.body.error.code).toBe(100);
    expect(unknown.body.error.error_data.details).toMatch(/"shop".*first_name, order_id, store/);
    const twice = await sendTemplate("order_ready", [header(), body([full[0], full[1], text("Ana", "first_name")])]);
    expect(twice.body.error.error_data.details).toMatch(/"first_name".*more than once/);
    const headerName = await sendTemplate("order_ready", [header("#4512", "order"), body(full)]);
    expect(headerName.body.error.error_data.details).toContain("template['components'][0]['parameters'][0]['parameter_name']");
    const headerWithout = await sendTemplate("order_ready", [header("#4512", null), body(full)]);
    expect(headerWithout.body.error.error_data.details).toContain("is required");
  });

  it("keeps positional templates as they were: parameters in order, no names needed", async () => {
    const answer = await sendTemplate("payment_reminder", [body([text("Jonas"), text("$42.50"), text("June 1")])]);
    expect(answer.status).toBe(200);
  });
});

describe("creating templates with named parameters", () => {
  const bodyText = "Hi {{first_name}}, your table for {{party_size}} is booked. See you soon!";
  const examples = [{ param_name: "first_name", example: "Ana" }, { param_name: "party_size", example: "two" }];

  it("creates a NAMED template with Meta's named examples, returns parameter_format, and it can be sent by name once approved", async () => {
    const created = await named("table_booked_named", bodyText, examples, {
      components: [
        { type: "HEADER", format: "TEXT", text: "Table for {{first_name}}", example: { header_text_named_params: [{ param_name: "first_name", example: "Ana" }] } },
        { type: "BODY", text: bodyText, example: { body_text_named_params: examples } },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect((await gateway(env.sim.url, created.body.id)).body.parameter_format).toBe("NAMED");
    await env.receiver.waitFor((hook) => hook.body.entry[0]?.changes[0]?.value.message_template_name === "table_booked_named");
    const sent = await sendTemplate("table_booked_named", [
      { type: "header", parameters: [text("Ana", "first_name")] },
      { type: "body", parameters: [text("two", "party_size"), text("Ana", "first_name")] },
    ]);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const listed = await gateway(env.sim.url, `${WABA}/message_templates?name=table_booked_named&fields=name,parameter_format`);
    expect(listed.body.data[0]).toEqual({ id: created.body.id, name: "table_booked_named", parameter_format: "NAMED" });
  });

  it("accepts parameter_format in lower case, and POSITIONAL stays the default", async () => {
    expect((await named("lower_case_named", bodyText, examples, { parameter_format: "named" })).status).toBe(200);
    const positional = await create({ name: "positional_default", components: [{ type: "BODY", text: "Hi {{1}}, your table is booked. See you soon!", example: { body_text: [["Ana"]] } }] });
    expect((await gateway(env.sim.url, positional.body.id)).body.parameter_format).toBe("POSITIONAL");
    expect((await named("bad_format", bodyText, examples, { parameter_format: "NUMBERED" })).body.error.error_user_title).toBe("Invalid parameter format");
  });

  it("refuses mixed variables, named variables without NAMED, malformed names and missing or extra examples", async () => {
    const mixed = await named("mixed_vars", "Hi {{first_name}}, your table for {{1}} is booked. See you soon!", examples);
    expect(mixed.body.error).toMatchObject({ code: 100, error_user_title: "Mixed variable formats" });
    const mixedPositional = await create({ name: "mixed_positional", components: [{ type: "BODY", text: "Hi {{first_name}}, your table for {{1}} is booked. See you soon!", example: { body_text: [["a", "b"]] } }] });
    expect(mixedPositional.body.error.error_user_title).toBe("Mixed variable formats");
    const numberedInNamed = await named("numbered_in_named", "Hi {{1}}, your table is booked. See you soon!", [{ param_name: "1", example: "Ana" }]);
    expect(numberedInNamed.body.error.error_user_title).toBe("Mixed variable formats");
    const withoutFormat = await create({ name: "no_format", components: [{ type: "BODY", text: bodyText, example: { body_text_named_params: examples } }] });
    expect(withoutFormat.body.error.error_user_title).toBe("Named variables need parameter_format NAMED");
    const malformed = await named("malformed_named", "Hi {{First Name}}, your table is booked. See you soon!", [{ param_name: "First Name", example: "Ana" }]);
    expect(malformed.body.error.error_user_title).toBe("Invalid variable format");
    const noExamples = await named("no_examples", bodyText, undefined);
    expect(noExamples.body.error.error_user_title).toBe("Missing variable examples");
    expect(noExamples.body.error.error_user_msg).toContain("body_text_named_params");
    const extra = await named("extra_examples", bodyText, [...examples, { param_name: "store", example: "Main St" }]);
    expect(extra.body.error.error_user_title).toBe("Missing variable examples");
    const headerExamples = await named("header_examples", bodyText, examples, {
      components: [{ type: "HEADER", format: "TEXT", text: "Table for {{first_name}}" }, { type: "BODY", text: bodyText, example: { body_text_named_params: examples } }],
    });
    expect(headerExamples.body.error.error_user_msg).toContain("header_text_named_params");
    const twoInHeader = await named("two_in_header", bodyText, examples, {
      components: [{ type: "HEADER", format: "TEXT", text: "{{first_name}} and {{party_size}}" }, { type: "BODY", text: bodyText, example: { body_text_named_params: examples } }],
    });
    expect(twoInHeader.body.error.error_user_title).toBe("Too many header variables");
    const atEdge = await named("at_edge", "{{first_name}}, your table is booked. See you soon!", [{ param_name: "first_name", example: "Ana" }]);
    expect(atEdge.body.error.error_user_title).toBe("Variables at the start or end");
  });
});

describe("templates the dashboard cannot send yet", () => {
  it("answers 132000 for a carousel without its cards, and accepts one with a card per card of the template", async () => {
    const top = { type: "body", parameters: [text("Maya")] };
    expect((await sendTemplate("roast_carousel", [top])).body.error).toMatchObject({
      code: 132000, error_data: { details: "carousel: number of cards (0) does not match the expected number of cards (2)" },
    });
    const card = (index: number, price: string, slug: string, header = true) => ({
      card_index: index,
      components: [
        ...(header ? [{ type: "header", parameters: [{ type: "image", image: { link: `https://cdn.example.com/${slug}.jpg` } }] }] : []),
        { type: "body", parameters: [text(price)] },
        { type: "button", sub_type: "quick_reply", index: "0", parameters: [{ type: "payload", payload: `reserve-${slug}` }] },
        { type: "button", sub_type: "url", index: "1", parameters: [text(slug)] },
      ],
    });
    const oneCard = await sendTemplate("roast_carousel", [top, { type: "carousel", cards: [card(0, "$18", "guji")] }]);
    expect(oneCard.body.error.code).toBe(132000);
    const noImage = await sendTemplate("roast_carousel", [top, { type: "carousel", cards: [card(0, "$18", "guji"), card(1, "$16", "sumatra", false)] }]);
    expect(noImage.body.error).toMatchObject({ code: 132000, error_data: { details: "carousel card 1 header: number of localizable_params (0) does not match the expected number of params (1)" } });
    const sameIndex = await sendTemplate("roast_carousel", [top, { type: "carousel", cards: [card(0, "$18", "guji"), card(0, "$16", "sumatra")] }]);
    expect(sameIndex.body.error.code).toBe(100);
    const ok = await sendTemplate("roast_carousel", [top, { type: "carousel", cards: [card(1, "$16", "sumatra"), card(0, "$18", "guji")] }]);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await sendTemplate("roast_carousel")).body.error.error_data.details).toContain("body: number of localizable_params (0)");
  });

  it("answers 132000 for a limited-time offer without its expiration, copy code or URL parameter", async () => {
    const body = { type: "body", parameters: [text("Maya"), text("ESPRESSO25")] };
    const offer = { type: "limited_time_offer", parameters: [{ type: "limited_time_offer", limited_time_offer: { expiration_time_ms: 1_767_225_600_000 } }] };
    const code = { type: "button", sub_type: "copy_code", index: 0, parameters: [{ type: "coupon_code", coupon_code: "ESPRESSO25" }] };
    const url = { type: "button", sub_type: "url", index: 1, parameters: [text("espresso25")] };
    expect((await sendTemplate("espresso_offer", [body, code, url])).body.error).toMatchObject({
      code: 132000, error_data: { details: "limited_time_offer: number of localizable_params (0) does not match the expected number of params (1)" },
    });
    expect((await sendTemplate("espresso_offer", [body, offer, url])).body.error.code).toBe(132000);
    expect((await sendTemplate("espresso_offer", [body, offer, code])).body.error.code).toBe(132000);
    const badExpiry = { type: "limited_time_offer", parameters: [{ type: "limited_time_offer", limited_time_offer: { expiration_time_ms: "tomorrow" } }] };
    expect((await sendTemplate("espresso_offer", [body, badExpiry, code, url])).body.error.error_data.details).toContain("expiration_time_ms");
    expect((await sendTemplate("espresso_offer", [body, offer, code, url])).status).toBe(200);
  });

  it("answers 132000 for a catalog or flow template without its button parameter", async () => {
    const body = { type: "body", parameters: [text("Maya")] };
    expect((await sendTemplate("autumn_catalog", [body])).body.error).toMatchObject({
      code: 132000, error_data: { details: "button at index 0 of type CATALOG: number of localizable_params (0) does not match the expected number of params (1)" },
    });
    const catalog = { type: "button", sub_type: "CATALOG", index: 0, parameters: [{ type: "action", action: { thumbnail_product_retailer_id: "beans-1kg" } }] };
    expect((await sendTemplate("autumn_catalog", [body, catalog])).status).toBe(200);
    expect((await sendTemplate("autumn_catalog", [body, { ...catalog, parameters: [text("beans-1kg")] }])).body.error.code).toBe(132012);

    expect((await sendTemplate("tasting_booking")).body.error).toMatchObject({ code: 132000, error_data: { details: expect.stringContaining("button at index 0 of type FLOW") } });
    const flow = { type: "button", sub_type: "flow", index: "0", parameters: [{ type: "action", action: { flow_token: "tasting-42", flow_action_data: { day: "friday" } } }] };
    expect((await sendTemplate("tasting_booking", [flow])).status).toBe(200);
  });
});
