/** Components of a template message at send time (the values for the template's variables). Browser-safe. */
import { z } from "@/lib/zod";

import { invalid } from "@/lib/i18n/validation";

const mediaRef = z
  .object({ id: z.string().min(1).optional(), link: z.url({ protocol: /^https$/ }).optional() })
  .refine((ref) => (ref.id === undefined) !== (ref.link === undefined), invalid("templates.send.mediaIdOrLink"));

const textParameter = z.object({ type: z.literal("text"), text: z.string().min(1, invalid("templates.send.fillEveryVariable")) });

/** A NAMED template's header and body parameters say which `{{name}}` they fill. */
const parameterName = z
  .string()
  .regex(/^[a-z0-9_]+$/, invalid("templates.send.parameterName"))
  .optional();
const namedTextParameter = textParameter.extend({ parameter_name: parameterName });

export const templateHeaderParameterSchema = z.discriminatedUnion("type", [
  namedTextParameter,
  z.object({ type: z.literal("image"), image: mediaRef }),
  z.object({ type: z.literal("video"), video: mediaRef }),
  z.object({ type: z.literal("document"), document: mediaRef.and(z.object({ filename: z.string().optional() })) }),
  z.object({
    type: z.literal("location"),
    location: z.object({
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      name: z.string().optional(),
      address: z.string().optional(),
    }),
  }),
]);

export const templateBodyParameterSchema = z.discriminatedUnion("type", [
  namedTextParameter,
  z.object({
    type: z.literal("currency"),
    parameter_name: parameterName,
    currency: z.object({
      fallback_value: z.string().min(1),
      code: z.string().regex(/^[A-Z]{3}$/, invalid("templates.send.currencyCode")),
      amount_1000: z.number().int(),
    }),
  }),
  z.object({ type: z.literal("date_time"), parameter_name: parameterName, date_time: z.object({ fallback_value: z.string().min(1) }) }),
]);

export const templateButtonParameterSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("payload"), payload: z.string().min(1) }),
  textParameter,
  z.object({ type: z.literal("coupon_code"), coupon_code: z.string().min(1).max(15) }),
]);

export const templateSendComponentSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("header"), parameters: z.array(templateHeaderParameterSchema).min(1) }),
  z.object({ type: z.literal("body"), parameters: z.array(templateBodyParameterSchema).min(1) }),
  z.object({
    type: z.literal("button"),
    sub_type: z.enum(["quick_reply", "url", "copy_code"]),
    // Graph wants the button's position as a string ("0"…"9").
    index: z.union([z.string().regex(/^\d$/), z.number().int().min(0).max(9)]).transform(String),
    parameters: z.array(templateButtonParameterSchema).min(1),
  }),
]);
export type TemplateSendComponent = z.input<typeof templateSendComponentSchema>;
export type TemplateHeaderParameter = z.infer<typeof templateHeaderParameterSchema>;
export type TemplateBodyParameter = z.infer<typeof templateBodyParameterSchema>;
export type TemplateButtonParameter = z.infer<typeof templateButtonParameterSchema>;
