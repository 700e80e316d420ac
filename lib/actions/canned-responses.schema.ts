import { CANNED_BODY_MAX, CANNED_SHORTCUT_MAX } from "@/lib/canned-responses/rules";
import { invalid } from "@/lib/i18n/validation";
import { z } from "@/lib/zod";

/** Typed after "/" in the composer: 1–32 letters, digits, "-" or "_" (a leading "/" is dropped). */
export const cannedShortcutSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/^\//, ""))
  .pipe(
    z
      .string()
      .min(1, invalid("cannedResponses.errors.shortcutRequired"))
      .max(CANNED_SHORTCUT_MAX, invalid("cannedResponses.errors.shortcutTooLong"))
      // CANNED_SHORTCUT_PATTERN, letting the empty shortcut be told only by min(1).
      .regex(/^[\p{L}\p{N}_-]*$/u, invalid("cannedResponses.errors.shortcutInvalid")),
  );

export const cannedBodySchema = z
  .string()
  .max(CANNED_BODY_MAX, invalid("cannedResponses.errors.bodyTooLong"))
  .refine((value) => value.trim().length > 0, invalid("cannedResponses.errors.bodyRequired"));

const mediaId = z.string().trim().max(128, invalid("cannedResponses.errors.mediaNotFound")).nullable().optional();
const cannedResponseId = z.uuid(invalid("cannedResponses.errors.notFound"));

export const createCannedResponseSchema = z.object({
  library: z.enum(["team", "personal"]),
  shortcut: cannedShortcutSchema,
  body: cannedBodySchema,
  mediaId,
});
export type CreateCannedResponseInput = z.input<typeof createCannedResponseSchema>;

export const updateCannedResponseSchema = z.object({
  cannedResponseId,
  shortcut: cannedShortcutSchema.optional(),
  body: cannedBodySchema.optional(),
  mediaId,
});
export type UpdateCannedResponseInput = z.input<typeof updateCannedResponseSchema>;

export const deleteCannedResponseSchema = z.object({ cannedResponseId });
