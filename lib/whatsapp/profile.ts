/** The WhatsApp business profile of a phone number, with the limits Graph enforces on update. Browser-safe. */
import { z } from "@/lib/zod";

import { formatFileSize, type Formatter } from "@/lib/i18n/format";
import { message, type Translatable } from "@/lib/i18n/translatable";
import { invalid } from "@/lib/i18n/validation";

import { formatterOrDefault } from "./media";

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
  about: z.string().min(1, invalid("profile.update.aboutEmpty")).max(PROFILE_LIMITS.about, invalid("profile.update.aboutTooLong")).optional(),
  address: z.string().max(PROFILE_LIMITS.address, invalid("profile.update.addressTooLong")).optional(),
  description: z.string().max(PROFILE_LIMITS.description, invalid("profile.update.descriptionTooLong")).optional(),
  email: z
    .union([z.literal(""), z.email(invalid("profile.update.emailInvalid")).max(PROFILE_LIMITS.email, invalid("profile.update.emailTooLong"))])
    .optional(),
  websites: z
    .array(z.string().max(PROFILE_LIMITS.website).regex(/^https?:\/\/\S+$/, invalid("profile.update.websiteScheme")))
    .max(PROFILE_LIMITS.websites, invalid("profile.update.tooManyWebsites"))
    .optional(),
  vertical: z.enum(BUSINESS_VERTICALS).optional(),
  /** A handle from Meta's resumable upload API; whether Maton proxies that upload is not documented. */
  profile_picture_handle: z.string().min(1).optional(),
});
export type BusinessProfileUpdate = z.infer<typeof businessProfileUpdateSchema>;

/** WhatsApp's profile picture: a JPEG or PNG of at most 5 MB (640×640 recommended, square shown round). */
export const PROFILE_PICTURE_TYPES = ["image/jpeg", "image/png"] as const;
export const PROFILE_PICTURE_MAX_BYTES = 5 * 1024 * 1024;
export const PROFILE_PICTURE_SIZE = 640;

export type ProfilePictureCheck = { ok: true } | { ok: false; reason: Translatable };

/**
 * The type and size checks made before any byte is uploaded (in the browser and again on the server).
 * `format` writes the sizes in the reason the reader's way.
 */
export function checkProfilePicture(file: { type: string; size: number }, format?: Formatter): ProfilePictureCheck {
  if (!(PROFILE_PICTURE_TYPES as readonly string[]).includes(file.type)) {
    return { ok: false, reason: file.type ? message("profile.picture.wrongTypeOf", { type: file.type }) : message("profile.picture.wrongType") };
  }
  if (file.size === 0) return { ok: false, reason: message("profile.picture.empty") };
  if (file.size > PROFILE_PICTURE_MAX_BYTES) {
    const sizes = formatterOrDefault(format);
    return { ok: false, reason: message("profile.picture.tooLarge", { max: formatFileSize(sizes, PROFILE_PICTURE_MAX_BYTES), size: formatFileSize(sizes, file.size) }) };
  }
  return { ok: true };
}

/** The editable fields, in the order the form shows them. */
export const EDITABLE_PROFILE_FIELDS = ["about", "address", "description", "email", "websites", "vertical"] as const;
export type EditableProfileField = (typeof EDITABLE_PROFILE_FIELDS)[number];

/**
 * The field a Graph refusal is about, read from `error_data.details` ("Param websites[1] must be …",
 * "The parameter about is required."): `websites.1` for one website, else the field's name.
 */
export function profileFieldOfDetails(details: string | undefined): string | undefined {
  if (!details) return undefined;
  const website = /\bwebsites\[(\d+)\]/.exec(details);
  if (website) return `websites.${website[1]}`;
  const match = /\b(about|address|description|email|websites|vertical|profile_picture_handle)\b/.exec(details);
  return match?.[1];
}
