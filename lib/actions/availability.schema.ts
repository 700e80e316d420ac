import { z } from "@/lib/zod";

import { invalid } from "@/lib/i18n/validation";
import { AVAILABILITIES } from "@/lib/users/availability-values";

export const setAvailabilitySchema = z.object({ availability: z.enum(AVAILABILITIES, invalid("notifications.validation.availability")) });
export type SetAvailabilityInput = z.infer<typeof setAvailabilitySchema>;
