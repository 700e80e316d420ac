"use server";

import { getDb } from "@/db";
import { createCannedResponse, deleteCannedResponse, updateCannedResponse } from "@/lib/canned-responses/service";
import type { CannedResponseView } from "@/lib/canned-responses/views";

import { createCannedResponseSchema, deleteCannedResponseSchema, updateCannedResponseSchema } from "./canned-responses.schema";
import { authActionClient } from "./client";

/**
 * Every signed-in user keeps personal responses (canned.use is everyone's); the service checks
 * canned.manageTeam for the team's library and the owner for a personal one.
 */
const cannedActionClient = authActionClient;

export const createCannedResponseAction = cannedActionClient
  .metadata({ actionName: "createCannedResponse" })
  .inputSchema(createCannedResponseSchema)
  .action(async ({ parsedInput, ctx }): Promise<CannedResponseView> => createCannedResponse(await getDb(), ctx.user, parsedInput));

export const updateCannedResponseAction = cannedActionClient
  .metadata({ actionName: "updateCannedResponse" })
  .inputSchema(updateCannedResponseSchema)
  .action(async ({ parsedInput, ctx }): Promise<CannedResponseView> => {
    const { cannedResponseId, ...patch } = parsedInput;
    return updateCannedResponse(await getDb(), ctx.user, cannedResponseId, patch);
  });

export const deleteCannedResponseAction = cannedActionClient
  .metadata({ actionName: "deleteCannedResponse" })
  .inputSchema(deleteCannedResponseSchema)
  .action(async ({ parsedInput, ctx }): Promise<void> => deleteCannedResponse(await getDb(), ctx.user, parsedInput.cannedResponseId));
