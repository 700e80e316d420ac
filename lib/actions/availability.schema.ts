import { z } from "@/lib/zod";

import { invalid } from "@/lib/i18n/validation";

/** users.availability's values (db/schema.ts USER_AVAILABILITIES), kept here so forms do not bundle the schema. */
export const AVAILABILITIES = ["available", "away"] as const;

export const setAvailabilitySchema = z.object({ availability: z.enum(AVAILABILITIES, invalid("notifications.validation.availability")) });
export type SetAvailabilityInput = z.infer<typeof setAvailabilitySchema>;
