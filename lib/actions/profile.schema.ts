/** The business profile form and its action input, shared by the form (browser) and the action (server). */
import { z } from "@/lib/zod";

import { invalid } from "@/lib/i18n/validation";
import { type BusinessProfileUpdate, BUSINESS_VERTICALS, PROFILE_LIMITS, businessProfileUpdateSchema } from "@/lib/whatsapp/profile";

export const phoneNumberIdSchema = z.string().trim().min(1, invalid("profile.validation.pickNumber")).max(64).regex(/^\d+$/, invalid("profile.validation.notPhoneNumberId"));

const limits = businessProfileUpdateSchema.shape;

/** A website box: empty, or an http(s) URL of at most 256 characters. */
const websiteField = z
  .string()
  .trim()
  .max(PROFILE_LIMITS.website, invalid("profile.validation.websiteTooLong"))
  .refine((value) => value === "" || /^https?:\/\/\S+$/.test(value), invalid("profile.validation.websiteInvalid"));

/** What the form holds: every field as text, two website boxes. Same limits as the gateway client checks. */
export const profileFormSchema = z.object({
  about: z
    .string()
    .min(1, invalid("profile.validation.aboutRequired"))
    .max(PROFILE_LIMITS.about, invalid("profile.validation.aboutTooLong")),
  address: z.string().max(PROFILE_LIMITS.address, invalid("profile.validation.addressTooLong")),
  description: z.string().max(PROFILE_LIMITS.description, invalid("profile.validation.descriptionTooLong")),
  email: z
    .string()
    .trim()
    .max(PROFILE_LIMITS.email, invalid("profile.validation.emailTooLong"))
    .refine((value) => value === "" || z.email().safeParse(value).success, invalid("profile.validation.emailInvalid")),
  websites: z.array(websiteField).max(PROFILE_LIMITS.websites, invalid("profile.validation.tooManyWebsites")),
  vertical: z.union([z.literal(""), z.enum(BUSINESS_VERTICALS)]),
});
export type ProfileFormValues = z.infer<typeof profileFormSchema>;

/** The form's values for a profile as the gateway answered it (two website boxes, always). */
export function formValuesOf(profile: { about: string; address: string; description: string; email: string; websites: string[]; vertical: string }): ProfileFormValues {
  const vertical = (BUSINESS_VERTICALS as readonly string[]).includes(profile.vertical) ? (profile.vertical as ProfileFormValues["vertical"]) : "";
  return {
    about: profile.about,
    address: profile.address,
    description: profile.description,
    email: profile.email,
    websites: [profile.websites[0] ?? "", profile.websites[1] ?? ""],
    vertical,
  };
}

const websitesOf = (values: ProfileFormValues) => values.websites.map((website) => website.trim()).filter((website) => website !== "");

/** Only what changed, as Graph takes it. A vertical cannot be set back to empty, so "" is never sent. */
export function profileChanges(initial: ProfileFormValues, next: ProfileFormValues): ProfileChanges {
  const changes: ProfileChanges = {};
  if (next.about !== initial.about) changes.about = next.about;
  if (next.address !== initial.address) changes.address = next.address;
  if (next.description !== initial.description) changes.description = next.description;
  if (next.email.trim() !== initial.email.trim()) changes.email = next.email.trim();
  const before = websitesOf(initial);
  const after = websitesOf(next);
  if (before.length !== after.length || before.some((website, index) => website !== after[index])) changes.websites = after;
  if (next.vertical !== initial.vertical && next.vertical !== "") changes.vertical = next.vertical;
  return changes;
}

/** The fields an update may carry (the picture goes through its own upload). */
export const profileChangesSchema = businessProfileUpdateSchema.omit({ profile_picture_handle: true }).extend({
  about: limits.about,
});
export type ProfileChanges = Omit<BusinessProfileUpdate, "profile_picture_handle">;

export const updateBusinessProfileSchema = z.object({
  phoneNumberId: phoneNumberIdSchema,
  changes: profileChangesSchema.refine((changes) => Object.keys(changes).length > 0, invalid("profile.validation.nothingChanged")),
});
export type UpdateBusinessProfileInput = z.infer<typeof updateBusinessProfileSchema>;

export const phoneNumberInputSchema = z.object({ phoneNumberId: phoneNumberIdSchema });
export const listPhoneNumbersSchema = z.object({ refresh: z.enum(["now", "if-stale"]).optional() });
