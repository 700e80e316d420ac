import { invalid } from "@/lib/i18n/validation";
import { z } from "@/lib/zod";

/** One rate as Settings › Pricing saves it; the service checks each value and names `rates.<i>.<field>`. */
export const priceRateSchema = z.object({
  country: z.string().trim().max(2, invalid("campaigns.errors.rateCountry")),
  category: z.string().trim().max(40, invalid("campaigns.errors.rateCategory")),
  currency: z.string().trim().max(3, invalid("campaigns.errors.rateCurrency")),
  amount: z.string().trim().max(13, invalid("campaigns.errors.rateAmount")).nullable(),
  source: z.string().max(200, invalid("campaigns.errors.rateSourceTooLong")),
  effectiveOn: z.string().trim().max(10, invalid("campaigns.errors.rateDate")).nullable(),
});

export const saveRatesSchema = z.object({ rates: z.array(priceRateSchema).max(2000, invalid("campaigns.errors.tooManyRates")) });
export type SaveRatesInput = z.infer<typeof saveRatesSchema>;
