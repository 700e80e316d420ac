"use server";

import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { AuthorizationError } from "@/lib/auth/session";
import { createSegment, deleteSegment, updateSegment } from "@/lib/contacts/segments";
import type { SegmentView } from "@/lib/contacts/views";
import { message } from "@/lib/i18n/translatable";

import { authActionClient } from "./client";
import { createSegmentSchema, deleteSegmentSchema, updateSegmentSchema } from "./segments.schema";

/** Segments are managed by marketers and admins (contacts.manage); the service checks it again. */
const segmentsActionClient = authActionClient.use(async ({ next, ctx }) => {
  if (!can(ctx.user.role, "contacts.manage")) throw new AuthorizationError(403, message("auth.authorization.roleNotAllowed", { role: ctx.user.role }));
  return next();
});

export const createSegmentAction = segmentsActionClient
  .metadata({ actionName: "createSegment" })
  .inputSchema(createSegmentSchema)
  .action(async ({ parsedInput, ctx }): Promise<SegmentView> => createSegment(await getDb(), ctx.user, parsedInput));

export const updateSegmentAction = segmentsActionClient
  .metadata({ actionName: "updateSegment" })
  .inputSchema(updateSegmentSchema)
  .action(async ({ parsedInput, ctx }): Promise<SegmentView> => {
    const { segmentId, ...patch } = parsedInput;
    return updateSegment(await getDb(), ctx.user, segmentId, patch);
  });

export const deleteSegmentAction = segmentsActionClient
  .metadata({ actionName: "deleteSegment" })
  .inputSchema(deleteSegmentSchema)
  .action(async ({ parsedInput, ctx }): Promise<void> => deleteSegment(await getDb(), ctx.user, parsedInput.segmentId));
