/** The WhatsApp business profile of a phone number, with the limits Graph enforces on update. Browser-safe. */
import { z } from "zod";

export const BUSINESS_VERTICALS = [
  "UNDEFINED", "OTHER", "AUTO", "BEAUTY", "APPAREL", "EDU", "ENTERTAIN", "EVENT_PLAN", "FINANCE", "GROCERY",
  "GOVT", "HOTEL", "HEALTH", "NONPROFIT", "PROF_SERVICES", "RETAIL", "TRAVEL", "RESTAURANT", "NOT_A_BIZ",
] as const;
export type BusinessVertical = (typeof BUSINESS_VERTICALS)[number];

export const PROFILE_LIMITS = { about: 139, address: 256, description: 512, email: 128, websites: 2, website: 256 } as const;

export const PROFILE_FIELDS = ["about", "address", "description", "email", "profile_picture_url", "websites", "vertical"] as const;

export const businessProfileSchema = z.looseObject({
  messaging_product: z.literal("whatsapp").optional(),
  about: z.string().optional(),
  address: z.string().optional(),
  description: z.string().optional(),
  email: z.string().optional(),
  profile_picture_url: z.string().optional(),
  websites: z.array(z.string()).optional(),
  vertical: z.string().optional(),
});
export type BusinessProfile = z.infer<typeof businessProfileSchema>;

export const businessProfileResponseSchema = z.looseObject({ data: z.array(businessProfileSchema) });

/** What may be changed; every field optional (only those given are sent). */
export const businessProfileUpdateSchema = z.object({
  about: z.string().min(1, "the about text cannot be empty").max(PROFILE_LIMITS.about, `about must be at most ${PROFILE_LIMITS.about} characters`).optional(),
  address: z.string().max(PROFILE_LIMITS.address, `address must be at most ${PROFILE_LIMITS.address} characters`).optional(),
  description: z.string().max(PROFILE_LIMITS.description, `description must be at most ${PROFILE_LIMITS.description} characters`).optional(),
  email: z
    .union([z.literal(""), z.email("must be a valid email address").max(PROFILE_LIMITS.email, `email must be at most ${PROFILE_LIMITS.email} characters`)])
    .optional(),
  websites: z
    .array(z.string().max(PROFILE_LIMITS.website).regex(/^https?:\/\/\S+$/, "a website must start with http:// or https://"))
    .max(PROFILE_LIMITS.websites, `at most ${PROFILE_LIMITS.websites} websites`)
    .optional(),
  vertical: z.enum(BUSINESS_VERTICALS).optional(),
  /** A handle from Meta's resumable upload API; whether Maton proxies that upload is not documented. */
  profile_picture_handle: z.string().min(1).optional(),
});
export type BusinessProfileUpdate = z.infer<typeof businessProfileUpdateSchema>;
