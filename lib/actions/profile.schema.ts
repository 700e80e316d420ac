/** The business profile form and its action input, shared by the form (browser) and the action (server). */
import { z } from "zod";

import { type BusinessProfileUpdate, BUSINESS_VERTICALS, PROFILE_LIMITS, businessProfileUpdateSchema } from "@/lib/whatsapp/profile";

export const phoneNumberIdSchema = z.string().trim().min(1, "Pick a phone number.").max(64).regex(/^\d+$/, "That is not a phone number id.");

const limits = businessProfileUpdateSchema.shape;

/** A website box: empty, or an http(s) URL of at most 256 characters. */
const websiteField = z
  .string()
  .trim()
  .max(PROFILE_LIMITS.website, `A website must be at most ${PROFILE_LIMITS.website} characters.`)
  .refine((value) => value === "" || /^https?:\/\/\S+$/.test(value), "A website must be a full address starting with http:// or https:// (like https://example.com).");

/** What the form holds: every field as text, two website boxes. Same limits as the gateway client checks. */
export const profileFormSchema = z.object({
  about: z
    .string()
    .min(1, "The about text cannot be empty: WhatsApp requires 1 to 139 characters.")
    .max(PROFILE_LIMITS.about, `About must be at most ${PROFILE_LIMITS.about} characters.`),
  address: z.string().max(PROFILE_LIMITS.address, `The address must be at most ${PROFILE_LIMITS.address} characters.`),
  description: z.string().max(PROFILE_LIMITS.description, `The description must be at most ${PROFILE_LIMITS.description} characters.`),
  email: z
    .string()
    .trim()
    .max(PROFILE_LIMITS.email, `The email must be at most ${PROFILE_LIMITS.email} characters.`)
    .refine((value) => value === "" || z.email().safeParse(value).success, "Enter a valid email address, like hello@example.com."),
  websites: z.array(websiteField).max(PROFILE_LIMITS.websites, `At most ${PROFILE_LIMITS.websites} websites.`),
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
  changes: profileChangesSchema.refine((changes) => Object.keys(changes).length > 0, "Nothing changed: there is nothing to save."),
});
export type UpdateBusinessProfileInput = z.infer<typeof updateBusinessProfileSchema>;

export const phoneNumberInputSchema = z.object({ phoneNumberId: phoneNumberIdSchema });
export const listPhoneNumbersSchema = z.object({ refresh: z.enum(["now", "if-stale"]).optional() });
