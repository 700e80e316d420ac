import { IdFactory, randomToken, sha256Hex } from "./ids";
import { gradientPng, samplePdf } from "./media-samples";
import { seedTemplates } from "./seed-templates";
import type { Business, BusinessProfile, Connection, Customer, MediaObject, PhoneNumber, SimState, Waba } from "./state";
import { displayDigits, emptyState } from "./state";

/** Fixed ids, so tests, the demo and the README can name them. */
export const SEED = {
  connections: {
    lumen: "3f6c2a9e-1b4d-4c8a-9e2f-7a5b1c0d9e01",
    harbor: "8b1e4d72-5c3a-4f9b-a6d0-2e9c7f4b1a02",
  },
  businesses: { lumen: "1789200417365001", harbor: "1789200417365002" },
  wabas: { lumen: "102290129340398", harbor: "109876543210987" },
  phoneNumbers: { lumenUs: "106540352242922", lumenUk: "106540352242923", harbor: "113224466880011" },
  templateBase: { lumen: 1130458724561200n, harbor: 1130458724562400n },
  /** Customers with a WhatsApp username: Lucía has withheld her number, Oliver's is known too. */
  usernames: {
    lucia: { userId: "BR.7730918264410095321", username: "@lucia.fernandez" },
    oliver: { userId: "AU.4418209937154620083", username: "@oliver.bennett", waId: "61412345678" },
  },
} as const;

/** Base ids for objects created while the simulator runs. */
export const ID_BASE = {
  business: 1789200417400000n,
  waba: 200100000000000n,
  phone: 300100000000000n,
  template: 1130458724590000n,
  media: 1480000000001000n,
} as const;

const phoneCustomer = (waId: string, name: string): Customer => ({ id: waId, waId, userId: null, username: null, name });

export const SEED_CUSTOMERS: ReadonlyArray<Customer> = [
  phoneCustomer("14155550123", "Maya Thompson"),
  phoneCustomer("14155550177", "Daniel Okafor"),
  phoneCustomer("447700900461", "Priya Raman"),
  phoneCustomer("4915112345678", "Jonas Weber"),
  { id: SEED.usernames.lucia.userId, waId: null, ...SEED.usernames.lucia, name: "Lucía Fernández" },
  phoneCustomer("919812345678", "Arjun Mehta"),
  phoneCustomer("33612345678", "Camille Laurent"),
  { id: SEED.usernames.oliver.waId, ...SEED.usernames.oliver, name: "Oliver Bennett" },
];

/** Recipients whose digits start with 999 (an unassigned country code) are not on WhatsApp: 131026. */
export const NOT_ON_WHATSAPP_PREFIX = "999";

function profile(business: string, vertical: string, website: string, email: string, about: string): BusinessProfile {
  return {
    about,
    address: "",
    description: `${business} answers on WhatsApp every day from 8:00 to 20:00.`,
    email,
    profilePictureUrl: "",
    websites: [website],
    vertical,
  };
}

function connection(connectionId: string, businessName: string, createdIso: string, micros: number): Connection {
  const createdAt = Date.parse(createdIso);
  return { connectionId, status: "ACTIVE", createdAt, updatedAt: createdAt + 42_000, micros, sessionToken: randomToken(), businessName };
}

function waba(id: string, connectionId: string, businessId: string, name: string, currency: string): Waba {
  return {
    id, connectionId, businessId, name, currency, timezoneId: "1",
    namespace: `${sha256Hex(id).slice(0, 8)}_${sha256Hex(name).slice(0, 4)}_${sha256Hex(currency).slice(0, 4)}`,
    subscription: { subscribed: true, overrideCallbackUri: null },
  };
}

function phone(fields: Omit<PhoneNumber, "codeVerificationStatus" | "nameStatus" | "overrideCallbackUri">): PhoneNumber {
  return { ...fields, codeVerificationStatus: "VERIFIED", nameStatus: "APPROVED", overrideCallbackUri: null };
}

function addMedia(state: SimState, media: Omit<MediaObject, "sha256">): void {
  state.media.set(media.id, { ...media, sha256: sha256Hex(media.bytes) });
}

/** The deterministic starting state. `now` dates seed media so they have not expired. */
export function seedState(now: number): SimState {
  const state = emptyState();
  const lumen = connection(SEED.connections.lumen, "Lumen Coffee Roasters", "2025-01-15T09:12:33.482Z", 113);
  const harbor = connection(SEED.connections.harbor, "Harbor Dental Clinic", "2025-03-02T14:47:05.906Z", 521);
  state.connections.set(lumen.connectionId, lumen);
  state.connections.set(harbor.connectionId, harbor);

  const businesses: Business[] = [
    { id: SEED.businesses.lumen, connectionId: lumen.connectionId, name: "Lumen Coffee Roasters Ltd." },
    { id: SEED.businesses.harbor, connectionId: harbor.connectionId, name: "Harbor Dental Clinic GmbH" },
  ];
  for (const business of businesses) state.businesses.set(business.id, business);
  state.wabas.set(SEED.wabas.lumen, waba(SEED.wabas.lumen, lumen.connectionId, SEED.businesses.lumen, "Lumen Coffee Roasters", "USD"));
  state.wabas.set(SEED.wabas.harbor, waba(SEED.wabas.harbor, harbor.connectionId, SEED.businesses.harbor, "Harbor Dental Clinic", "EUR"));

  const numbers = [
    phone({ id: SEED.phoneNumbers.lumenUs, wabaId: SEED.wabas.lumen, connectionId: lumen.connectionId, displayPhoneNumber: "+1 555-010-4821", verifiedName: "Lumen Coffee Roasters", qualityRating: "GREEN", throughputLevel: "STANDARD", messagingLimitTier: "TIER_1K",
      profile: profile("Lumen Coffee Roasters", "RESTAURANT", "https://lumen-coffee.example.com", "hello@lumen-coffee.example.com", "Small-batch coffee, roasted every Tuesday ☕") }),
    phone({ id: SEED.phoneNumbers.lumenUk, wabaId: SEED.wabas.lumen, connectionId: lumen.connectionId, displayPhoneNumber: "+44 20 7946 0321", verifiedName: "Lumen Coffee UK", qualityRating: "YELLOW", throughputLevel: "STANDARD", messagingLimitTier: "TIER_250",
      profile: profile("Lumen Coffee UK", "RETAIL", "https://lumen-coffee.example.co.uk", "uk@lumen-coffee.example.com", "Lumen Coffee in London") }),
    phone({ id: SEED.phoneNumbers.harbor, wabaId: SEED.wabas.harbor, connectionId: harbor.connectionId, displayPhoneNumber: "+49 30 901820 77", verifiedName: "Harbor Dental Clinic", qualityRating: "GREEN", throughputLevel: "HIGH", messagingLimitTier: "TIER_10K",
      profile: profile("Harbor Dental Clinic", "HEALTH", "https://harbor-dental.example.de", "praxis@harbor-dental.example.de", "Your dentist at the harbour") }),
  ];
  for (const number of numbers) state.phoneNumbers.set(number.id, number);

  const lumenPhone = displayDigits(numbers[0]?.displayPhoneNumber ?? "");
  const harborPhone = displayDigits(numbers[2]?.displayPhoneNumber ?? "");
  for (const template of [
    ...seedTemplates(SEED.wabas.lumen, "Lumen Coffee Roasters", lumenPhone, SEED.templateBase.lumen, lumen.createdAt),
    ...seedTemplates(SEED.wabas.harbor, "Harbor Dental Clinic", harborPhone, SEED.templateBase.harbor, harbor.createdAt),
  ]) {
    state.templates.set(template.id, template);
  }

  for (const customer of SEED_CUSTOMERS) state.customers.set(customer.id, { ...customer });

  const expiresAt = now + 30 * 24 * 3600 * 1000;
  addMedia(state, { id: "1480000000000001", connectionId: lumen.connectionId, phoneNumberId: SEED.phoneNumbers.lumenUs, mimeType: "image/png", bytes: gradientPng({ width: 256, height: 256, color: [31, 122, 92] }), filename: "lumen-logo.png", origin: "seed", createdAt: now, expiresAt });
  addMedia(state, { id: "1480000000000002", connectionId: lumen.connectionId, phoneNumberId: SEED.phoneNumbers.lumenUs, mimeType: "application/pdf", bytes: samplePdf("Lumen Coffee Roasters - price list"), filename: "price-list.pdf", origin: "seed", createdAt: now, expiresAt });
  addMedia(state, { id: "1480000000000003", connectionId: harbor.connectionId, phoneNumberId: SEED.phoneNumbers.harbor, mimeType: "application/pdf", bytes: samplePdf("Harbor Dental Clinic - aftercare"), filename: "aftercare.pdf", origin: "seed", createdAt: now, expiresAt });
  return state;
}

/** What a newly authorised connection brings: a business owning a fresh WABA, one number and a few approved templates. */
export function provisionWaba(state: SimState, ids: IdFactory, owner: Connection, now: number): Waba {
  const business: Business = { id: ids.numeric("business", ID_BASE.business), connectionId: owner.connectionId, name: owner.businessName };
  state.businesses.set(business.id, business);
  const created = waba(ids.numeric("waba", ID_BASE.waba), owner.connectionId, business.id, owner.businessName, "USD");
  state.wabas.set(created.id, created);
  const serial = ids.next("display");
  const display = `+1 555-020-${String(1000 + serial).padStart(4, "0")}`;
  const number = phone({
    id: ids.numeric("phone", ID_BASE.phone), wabaId: created.id, connectionId: owner.connectionId, displayPhoneNumber: display,
    verifiedName: owner.businessName, qualityRating: "GREEN", throughputLevel: "STANDARD", messagingLimitTier: "TIER_250",
    profile: profile(owner.businessName, "OTHER", "https://business.example.com", "contact@business.example.com", "Hey there! I am using WhatsApp."),
  });
  state.phoneNumbers.set(number.id, number);
  for (const template of seedTemplates(created.id, owner.businessName, displayDigits(display), 0n, now, ["hello_world", "order_confirmation", "login_code"])) {
    template.id = ids.numeric("template", ID_BASE.template);
    state.templates.set(template.id, template);
  }
  return created;
}
