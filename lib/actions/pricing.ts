"use server";

import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { AuthorizationError } from "@/lib/auth/session";
import { saveRates, type PriceRateView } from "@/lib/campaigns/pricing";
import { message } from "@/lib/i18n/translatable";

import { authActionClient } from "./client";
import { saveRatesSchema } from "./pricing.schema";

/** The price table is kept by marketers and admins (pricing.manage); the service checks it again. */
const pricingActionClient = authActionClient.use(async ({ next, ctx }) => {
  if (!can(ctx.user.role, "pricing.manage")) throw new AuthorizationError(403, message("auth.authorization.roleNotAllowed", { role: ctx.user.role }));
  return next();
});

export const saveRatesAction = pricingActionClient
  .metadata({ actionName: "savePriceRates" })
  .inputSchema(saveRatesSchema)
  .action(async ({ parsedInput, ctx }): Promise<PriceRateView[]> => saveRates(await getDb(), ctx.user, parsedInput.rates));
