import { invalid } from "@/lib/i18n/validation";
import { z } from "@/lib/zod";

/** Loose bounds only: the service checks each time, interval and holiday and names its field (lib/whatsapp/business-hours.ts). */
const interval = z.object({ from: z.string().max(5, invalid("inboxSettings.errors.time")), to: z.string().max(5, invalid("inboxSettings.errors.time")) });
const day = z.array(interval).max(10, invalid("inboxSettings.errors.tooManyIntervals"));

export const phoneNumberIdSchema = z.object({ phoneNumberId: z.string().min(1).max(64) });

export const saveBusinessHoursSchema = phoneNumberIdSchema.extend({
  timeZone: z.string().max(64, invalid("inboxSettings.errors.timeZone")),
  weekly: z.object({ "1": day, "2": day, "3": day, "4": day, "5": day, "6": day, "7": day }),
  holidays: z.array(z.string().max(10, invalid("inboxSettings.errors.holidayDate"))).max(200, invalid("inboxSettings.errors.tooManyHolidays")),
});
export type SaveBusinessHoursInput = z.infer<typeof saveBusinessHoursSchema>;

const text = z.string().max(4096, invalid("inboxSettings.errors.textTooLong"));
export const saveAutomaticMessagesSchema = phoneNumberIdSchema.extend({
  awayEnabled: z.boolean(),
  awayText: text,
  welcomeEnabled: z.boolean(),
  welcomeText: text,
});
export type SaveAutomaticMessagesInput = z.infer<typeof saveAutomaticMessagesSchema>;

export const saveAutoAssignmentSchema = phoneNumberIdSchema.extend({
  enabled: z.boolean(),
  agentIds: z.array(z.string().uuid()).max(100, invalid("inboxSettings.errors.tooManyAgents")),
});
export type SaveAutoAssignmentInput = z.infer<typeof saveAutoAssignmentSchema>;
