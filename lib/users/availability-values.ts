/**
 * users.availability's values (db/schema.ts USER_AVAILABILITIES), here without zod or the schema so the
 * header's control, on every page, bundles neither.
 */
export const AVAILABILITIES = ["available", "away"] as const;
export type AvailabilityValue = (typeof AVAILABILITIES)[number];
