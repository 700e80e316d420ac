import type { JsonRecord } from "./http";

export type ConnectionStatus = "ACTIVE" | "PENDING" | "FAILED";

export interface Connection {
  connectionId: string;
  status: ConnectionStatus;
  createdAt: number;
  updatedAt: number;
  /** Microsecond digits so timestamps look like Maton's. */
  micros: number;
  sessionToken: string;
  /** Shown on the connect page and in /_sim/state. */
  businessName: string;
}

/** A Meta business (Business Manager) the connection's token can see; it owns the connection's WABAs. */
export interface Business {
  id: string;
  connectionId: string;
  name: string;
}

export interface WabaSubscription {
  subscribed: boolean;
  overrideCallbackUri: string | null;
}

export interface Waba {
  id: string;
  connectionId: string;
  /** The business that owns it (`/{business_id}/owned_whatsapp_business_accounts`). */
  businessId: string;
  name: string;
  currency: string;
  timezoneId: string;
  namespace: string;
  subscription: WabaSubscription;
}

export interface BusinessProfile {
  about: string;
  address: string;
  description: string;
  email: string;
  profilePictureUrl: string;
  websites: string[];
  vertical: string;
}

export interface PhoneNumber {
  id: string;
  wabaId: string;
  connectionId: string;
  displayPhoneNumber: string;
  verifiedName: string;
  qualityRating: "GREEN" | "YELLOW" | "RED" | "UNKNOWN";
  codeVerificationStatus: "VERIFIED" | "NOT_VERIFIED" | "EXPIRED";
  throughputLevel: "STANDARD" | "HIGH";
  messagingLimitTier: string;
  nameStatus: string;
  /** A per-number webhook override; wins over the WABA's. */
  overrideCallbackUri: string | null;
  profile: BusinessProfile;
}

export type TemplateStatus =
  | "APPROVED" | "PENDING" | "REJECTED" | "PAUSED" | "DISABLED" | "IN_APPEAL"
  | "PENDING_DELETION" | "DELETED" | "LIMIT_EXCEEDED" | "ARCHIVED";

export type TemplateCategory = "MARKETING" | "UTILITY" | "AUTHENTICATION";

export type ParameterFormat = "POSITIONAL" | "NAMED";

export interface Template {
  id: string;
  wabaId: string;
  name: string;
  language: string;
  status: TemplateStatus;
  category: TemplateCategory;
  components: JsonRecord[];
  /** NAMED: `{{first_name}}` variables, sent with `parameter_name`; POSITIONAL: `{{1}}`, `{{2}}`, … */
  parameterFormat: ParameterFormat;
  qualityScore: "GREEN" | "YELLOW" | "RED" | "UNKNOWN";
  rejectedReason: string | null;
  previousCategory: TemplateCategory | null;
  allowCategoryChange: boolean;
  createdAt: number;
  /** Bumped by each edit, so a review scheduled before the edit does not decide it. */
  revision: number;
}

export interface MediaObject {
  id: string;
  connectionId: string;
  phoneNumberId: string;
  mimeType: string;
  sha256: string;
  bytes: Buffer;
  filename: string | null;
  origin: "upload" | "inbound" | "seed";
  createdAt: number;
  expiresAt: number;
}

/** A resumable upload session (`POST /app/uploads`), filled by `POST /upload:{session}`. */
export interface UploadSession {
  id: string;
  connectionId: string;
  fileName: string;
  fileLength: number;
  fileType: string;
  received: Buffer;
  /** Set once every byte arrived: the file handle (`h`) other endpoints accept. */
  handle: string | null;
  createdAt: number;
}

/** A finished upload, by handle; a profile picture set from it is served at `/pps/{id}`. */
export interface UploadedFile {
  handle: string;
  connectionId: string;
  fileType: string;
  bytes: Buffer;
}

/** A customer known by a number, a business-scoped user id (usernames, 2026), or both. */
export interface Customer {
  /** The key in `customers` and service windows: the first identity the customer was known by. */
  id: string;
  waId: string | null;
  userId: string | null;
  /** As the customer's profile shows it (`@maria.lopez` or `maria.lopez`). */
  username: string | null;
  name: string;
}

/** A customer's thread with one business number: the 24-hour window and the free entry point. */
export interface ServiceWindow {
  phoneNumberId: string;
  customerId: string;
  /** Simulated ms of the customer's last message that opens the window. */
  lastInboundAt: number;
  /** Simulated ms of the customer's last message carrying a click-to-WhatsApp referral. */
  referralAt: number | null;
}

/** A typing indicator shown to the customer (`status:"read"` with `typing_indicator`). */
export interface TypingIndicator {
  phoneNumberId: string;
  messageId: string;
  type: string;
  /** Simulated ms. */
  at: number;
}

export type MarketingPreference = "stop" | "resume";

/** Everything the simulator remembers; `/_sim/reset` replaces it with the seed. */
export interface SimState {
  connections: Map<string, Connection>;
  businesses: Map<string, Business>;
  wabas: Map<string, Waba>;
  phoneNumbers: Map<string, PhoneNumber>;
  templates: Map<string, Template>;
  media: Map<string, MediaObject>;
  /** By `Customer.id`. */
  customers: Map<string, Customer>;
  /** `${phoneNumberId}:${customerId}` → the customer's window with that number. */
  serviceWindows: Map<string, ServiceWindow>;
  /** `${wabaId}:${customerId}` → the customer's last `user_preferences` answer on marketing messages. */
  marketingPreferences: Map<string, MarketingPreference>;
  /** Inbound wamids, so mark-as-read and reactions can refer to them. */
  inboundMessages: Map<string, { phoneNumberId: string; customerId: string }>;
  /** Oldest first. */
  typingIndicators: TypingIndicator[];
  /**
   * `phone_number_id` → recipient (wa_id digits or user id, as the send named it) → sends accepted with a
   * wamid, including those that then fail with a status: what proves a sender sent each message once.
   */
  received: Map<string, Map<string, number>>;
  uploadSessions: Map<string, UploadSession>;
  uploadedFiles: Map<string, UploadedFile>;
  /** Profile pictures set from handles, by the id in their public URL. */
  profilePictures: Map<string, { mimeType: string; bytes: Buffer }>;
}

export function emptyState(): SimState {
  return {
    connections: new Map(),
    businesses: new Map(),
    wabas: new Map(),
    phoneNumbers: new Map(),
    templates: new Map(),
    media: new Map(),
    customers: new Map(),
    serviceWindows: new Map(),
    marketingPreferences: new Map(),
    inboundMessages: new Map(),
    typingIndicators: [],
    received: new Map(),
    uploadSessions: new Map(),
    uploadedFiles: new Map(),
    profilePictures: new Map(),
  };
}

export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** ACTIVE connections, oldest first: the one used when `Maton-Connection` is left out comes first. */
export function activeConnections(state: SimState): Connection[] {
  return [...state.connections.values()]
    .filter((connection) => connection.status === "ACTIVE")
    .sort((a, b) => a.createdAt - b.createdAt);
}

export function wabasOf(state: SimState, connectionId: string): Waba[] {
  return [...state.wabas.values()].filter((waba) => waba.connectionId === connectionId);
}

export function businessesOf(state: SimState, connectionId: string): Business[] {
  return [...state.businesses.values()].filter((business) => business.connectionId === connectionId);
}

export function ownedWabasOf(state: SimState, businessId: string): Waba[] {
  return [...state.wabas.values()].filter((waba) => waba.businessId === businessId);
}

export function phoneNumbersOf(state: SimState, wabaId: string): PhoneNumber[] {
  return [...state.phoneNumbers.values()].filter((phone) => phone.wabaId === wabaId);
}

export function templatesOf(state: SimState, wabaId: string): Template[] {
  return [...state.templates.values()].filter((template) => template.wabaId === wabaId);
}

/** Digits only, as Meta normalises `to` into `wa_id`. */
export function normaliseWaId(input: string): string {
  return input.replace(/[\s+\-().]/g, "");
}

/** Digits of a display number, as webhook metadata carries it. */
export function displayDigits(display: string): string {
  return display.replace(/\D/g, "");
}
