import type { JsonRecord } from "./http";
import type { ParameterFormat, Template, TemplateCategory, TemplateStatus } from "./state";

interface TemplateSeed {
  name: string;
  language: string;
  category: TemplateCategory;
  status: TemplateStatus;
  quality?: Template["qualityScore"];
  rejectedReason?: string;
  parameterFormat?: ParameterFormat;
  components: JsonRecord[];
}

/**
 * Templates covering every category, status, header format, variable and button kind, named parameters, and the
 * kinds the dashboard cannot send yet (carousel, limited-time offer, catalog, flow). New ones go at the end, so the
 * ids of the others never move.
 */
function templateSeeds(business: string, phone: string): TemplateSeed[] {
  return [
    {
      name: "hello_world", language: "en_US", category: "UTILITY", status: "APPROVED",
      components: [
        { type: "HEADER", format: "TEXT", text: "Hello World" },
        { type: "BODY", text: `Welcome to ${business}! This is a sample message from the WhatsApp Business Platform.` },
        { type: "FOOTER", text: "WhatsApp Business Platform sample message" },
      ],
    },
    {
      name: "order_confirmation", language: "en_US", category: "UTILITY", status: "APPROVED",
      components: [
        { type: "HEADER", format: "TEXT", text: "Order {{1}} confirmed", example: { header_text: ["#4512"] } },
        { type: "BODY", text: "Hi {{1}}, thanks for your order of {{2}}. It will arrive on {{3}}.", example: { body_text: [["Maya", "2 bags of Ethiopia Guji", "Friday, May 16"]] } },
        { type: "FOOTER", text: "Questions? Just reply to this message." },
        { type: "BUTTONS", buttons: [
          { type: "URL", text: "Track order", url: "https://shop.example.com/track/{{1}}", example: ["https://shop.example.com/track/4512"] },
          { type: "QUICK_REPLY", text: "Talk to a person" },
        ] },
      ],
    },
    {
      name: "order_confirmation", language: "es_ES", category: "UTILITY", status: "APPROVED",
      components: [
        { type: "HEADER", format: "TEXT", text: "Pedido {{1}} confirmado", example: { header_text: ["#4512"] } },
        { type: "BODY", text: "Hola {{1}}, gracias por tu pedido de {{2}}. Llegará el {{3}}.", example: { body_text: [["Lucía", "2 bolsas de café", "viernes 16 de mayo"]] } },
        { type: "BUTTONS", buttons: [
          { type: "URL", text: "Seguir pedido", url: "https://shop.example.com/track/{{1}}", example: ["https://shop.example.com/track/4512"] },
          { type: "QUICK_REPLY", text: "Hablar con alguien" },
        ] },
      ],
    },
    {
      name: "shipping_update", language: "en_US", category: "UTILITY", status: "APPROVED",
      components: [
        { type: "HEADER", format: "DOCUMENT", example: { header_handle: ["4::aW52b2ljZS5wZGY=:ARb1"] } },
        { type: "BODY", text: "Hello {{1}}, your package {{2}} has shipped. The invoice is attached.", example: { body_text: [["Daniel", "1Z999AA10123456784"]] } },
        { type: "BUTTONS", buttons: [{ type: "PHONE_NUMBER", text: "Call support", phone_number: `+${phone}` }] },
      ],
    },
    {
      name: "payment_reminder", language: "en_US", category: "UTILITY", status: "APPROVED", quality: "YELLOW",
      components: [
        { type: "BODY", text: "Hi {{1}}, your invoice of {{2}} is due on {{3}}. Thank you for choosing us.", example: { body_text: [["Jonas", "$42.50", "June 1, 2025"]] } },
        { type: "FOOTER", text: "Already paid? Please ignore this message." },
      ],
    },
    {
      name: "store_opening", language: "en_US", category: "UTILITY", status: "APPROVED",
      components: [
        { type: "HEADER", format: "LOCATION" },
        { type: "BODY", text: "Our new store opens on {{1}}. We look forward to seeing you there!", example: { body_text: [["Saturday, June 7"]] } },
      ],
    },
    {
      name: "spring_sale", language: "en_US", category: "MARKETING", status: "APPROVED",
      components: [
        { type: "HEADER", format: "IMAGE", example: { header_handle: ["4::c3ByaW5nLmpwZw==:ARb2"] } },
        { type: "BODY", text: "Hi {{1}}! Our spring collection is here: {{2}} off everything until {{3}}.", example: { body_text: [["Priya", "15%", "April 30"]] } },
        { type: "FOOTER", text: "Tap Stop promotions to unsubscribe" },
        { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Shop now" }, { type: "QUICK_REPLY", text: "Stop promotions" }] },
      ],
    },
    {
      name: "welcome_offer", language: "en_US", category: "MARKETING", status: "APPROVED",
      components: [
        { type: "BODY", text: "Welcome to the family, {{1}}! Use the code below for 10% off your first order.", example: { body_text: [["Arjun"]] } },
        { type: "BUTTONS", buttons: [
          { type: "COPY_CODE", example: "WELCOME10" },
          { type: "URL", text: "Visit the shop", url: "https://shop.example.com" },
        ] },
      ],
    },
    {
      name: "how_to_video", language: "pt_BR", category: "MARKETING", status: "APPROVED",
      components: [
        { type: "HEADER", format: "VIDEO", example: { header_handle: ["4::dmlkZW8ubXA0:ARb3"] } },
        { type: "BODY", text: "Olá {{1}}! Veja em dois minutos como aproveitar melhor a sua compra.", example: { body_text: [["Lucía"]] } },
      ],
    },
    {
      name: "login_code", language: "en_US", category: "AUTHENTICATION", status: "APPROVED",
      components: [
        { type: "BODY", text: "*{{1}}* is your verification code. For your security, do not share this code.", example: { body_text: [["482913"]] } },
        { type: "FOOTER", text: "This code expires in 10 minutes." },
        { type: "BUTTONS", buttons: [{ type: "OTP", otp_type: "COPY_CODE", text: "Copy code" }] },
      ],
    },
    {
      name: "appointment_reminder", language: "en_US", category: "UTILITY", status: "PENDING",
      components: [
        { type: "BODY", text: "Hi {{1}}, this is a reminder of your visit on {{2}} at {{3}}.", example: { body_text: [["Camille", "May 20", "10:30"]] } },
        { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Confirm" }, { type: "QUICK_REPLY", text: "Reschedule" }] },
      ],
    },
    {
      name: "flash_discount", language: "en_US", category: "UTILITY", status: "REJECTED", rejectedReason: "INCORRECT_CATEGORY",
      components: [{ type: "BODY", text: "Last chance, {{1}}: {{2}} off everything, today only!", example: { body_text: [["Oliver", "40%"]] } }],
    },
    {
      name: "loyalty_points", language: "en_US", category: "MARKETING", status: "PAUSED", quality: "RED",
      components: [
        { type: "BODY", text: "Hi {{1}}, you have {{2}} loyalty points. Redeem them before {{3}}.", example: { body_text: [["Maya", "320", "July 1"]] } },
      ],
    },
    {
      name: "feedback_survey", language: "en_US", category: "MARKETING", status: "DISABLED", quality: "RED",
      components: [
        { type: "BODY", text: "How was your last visit, {{1}}? Tell us in one tap.", example: { body_text: [["Daniel"]] } },
        { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Great" }, { type: "QUICK_REPLY", text: "Okay" }, { type: "QUICK_REPLY", text: "Not good" }] },
      ],
    },
    {
      name: "order_ready", language: "en_US", category: "UTILITY", status: "APPROVED", parameterFormat: "NAMED",
      components: [
        { type: "HEADER", format: "TEXT", text: "Order {{order_id}}", example: { header_text_named_params: [{ param_name: "order_id", example: "#4512" }] } },
        {
          type: "BODY", text: "Hi {{first_name}}, your order {{order_id}} is ready for pickup at {{store}}.",
          example: { body_text_named_params: [{ param_name: "first_name", example: "Ana" }, { param_name: "order_id", example: "#4512" }, { param_name: "store", example: `${business}, Main St 1` }] },
        },
        { type: "FOOTER", text: "Reply to this message if you need more time." },
      ],
    },
    {
      name: "roast_carousel", language: "en_US", category: "MARKETING", status: "APPROVED",
      components: [
        { type: "BODY", text: "Hi {{1}}, this week's fresh roasts are here. Swipe to pick yours!", example: { body_text: [["Maya"]] } },
        {
          type: "CAROUSEL",
          cards: [
            { components: [
              { type: "HEADER", format: "IMAGE", example: { header_handle: ["4::ZXRoaW9waWEuanBn:ARb4"] } },
              { type: "BODY", text: "Ethiopia Guji: floral and bright, {{1}} a bag.", example: { body_text: [["$18"]] } },
              { type: "BUTTONS", buttons: [
                { type: "QUICK_REPLY", text: "Reserve a bag" },
                { type: "URL", text: "Shop", url: "https://shop.example.com/p/{{1}}", example: ["https://shop.example.com/p/guji"] },
              ] },
            ] },
            { components: [
              { type: "HEADER", format: "IMAGE", example: { header_handle: ["4::c3VtYXRyYS5qcGc=:ARb5"] } },
              { type: "BODY", text: "Sumatra Mandheling: dark and earthy, {{1}} a bag.", example: { body_text: [["$16"]] } },
              { type: "BUTTONS", buttons: [
                { type: "QUICK_REPLY", text: "Reserve a bag" },
                { type: "URL", text: "Shop", url: "https://shop.example.com/p/{{1}}", example: ["https://shop.example.com/p/sumatra"] },
              ] },
            ] },
          ],
        },
      ],
    },
    {
      name: "espresso_offer", language: "en_US", category: "MARKETING", status: "APPROVED",
      components: [
        { type: "LIMITED_TIME_OFFER", limited_time_offer: { text: "Expiring offer!", has_expiration: true } },
        { type: "BODY", text: "Good news, {{1}}! Use code {{2}} for 25% off all espresso blends before the offer ends.", example: { body_text: [["Maya", "ESPRESSO25"]] } },
        { type: "BUTTONS", buttons: [
          { type: "COPY_CODE", example: "ESPRESSO25" },
          { type: "URL", text: "Order now", url: "https://shop.example.com/offer/{{1}}", example: ["https://shop.example.com/offer/espresso25"] },
        ] },
      ],
    },
    {
      name: "autumn_catalog", language: "en_US", category: "MARKETING", status: "APPROVED",
      components: [
        { type: "BODY", text: "Hi {{1}}, our autumn roasts are in! Browse the catalog and order right here on WhatsApp.", example: { body_text: [["Maya"]] } },
        { type: "FOOTER", text: "Free delivery on orders over $40" },
        { type: "BUTTONS", buttons: [{ type: "CATALOG", text: "View catalog" }] },
      ],
    },
    {
      name: "tasting_booking", language: "en_US", category: "UTILITY", status: "APPROVED",
      components: [
        { type: "BODY", text: "Book a seat at our next coffee tasting in two taps: pick a day and a time that suit you." },
        { type: "BUTTONS", buttons: [{ type: "FLOW", text: "Book now", flow_id: "1602489927341050", navigate_screen: "BOOKING", flow_action: "navigate" }] },
      ],
    },
  ];
}

/** Templates for one WABA, ids counted up from `baseId`, oldest first. */
export function seedTemplates(wabaId: string, business: string, phone: string, baseId: bigint, createdAt: number, only?: string[]): Template[] {
  const seeds = templateSeeds(business, phone).filter((seed) => !only || only.includes(seed.name));
  return seeds.map((seed, index) => ({
    id: String(baseId + BigInt(index)),
    wabaId,
    name: seed.name,
    language: seed.language,
    status: seed.status,
    category: seed.category,
    components: structuredClone(seed.components),
    parameterFormat: seed.parameterFormat ?? "POSITIONAL",
    qualityScore: seed.quality ?? (seed.status === "APPROVED" ? "GREEN" : "UNKNOWN"),
    rejectedReason: seed.rejectedReason ?? null,
    previousCategory: null,
    allowCategoryChange: false,
    createdAt: createdAt + index * 60_000,
    revision: 0,
  }));
}
