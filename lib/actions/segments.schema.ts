import { contactFilterSchema } from "@/lib/contacts/filter";
import { SEGMENT_NAME_MAX } from "@/lib/contacts/segment-rules";
import { invalid } from "@/lib/i18n/validation";
import { z } from "@/lib/zod";

/** A segment's name: 1 to 80 characters once trimmed; unique whatever its case (the server's check). */
const segmentName = z
  .string()
  .trim()
  .min(1, invalid("contacts.segmentsApi.nameRequired"))
  .max(SEGMENT_NAME_MAX, invalid("contacts.segmentsApi.nameTooLong"));

const segmentId = z.uuid(invalid("contacts.segmentsApi.notFound"));

export const createSegmentSchema = z.object({ name: segmentName, filter: contactFilterSchema });
export type CreateSegmentInput = z.infer<typeof createSegmentSchema>;

export const updateSegmentSchema = z.object({ segmentId, name: segmentName.optional(), filter: contactFilterSchema.optional() });
export type UpdateSegmentInput = z.infer<typeof updateSegmentSchema>;

export const deleteSegmentSchema = z.object({ segmentId });
export type DeleteSegmentInput = z.infer<typeof deleteSegmentSchema>;
