"use server";

import { getDb } from "@/db";
import { setOwnAvailability } from "@/lib/users/availability";

import { setAvailabilitySchema } from "./availability.schema";
import { authActionClient } from "./client";

/** The signed-in user sets themself available or away (auto-assignment skips those away). */
export const setAvailabilityAction = authActionClient
  .metadata({ actionName: "setAvailability" })
  .inputSchema(setAvailabilitySchema)
  .action(async ({ parsedInput, ctx }) => setOwnAvailability(await getDb(), ctx.user.id, parsedInput.availability));
