"use server";

import { getDb } from "@/db";
import { recordAudit } from "@/db/queries/audit";
import { connectionIdForPhoneNumber } from "@/lib/accounts/working-connection";
import { NOT_FOUND_MESSAGES, NotFoundError } from "@/lib/auth/connection-access";
import type { SessionUser } from "@/lib/auth/session";
import { describeGatewayFailure, InvalidRequestError, isGatewayError } from "@/lib/gateway";
import { gateway } from "@/lib/gateway/server";
import { requestFormatter, requestTranslator } from "@/lib/i18n/server";
import { encodeMessage, message, translateMessage, type Translate } from "@/lib/i18n/translatable";
import { findUsablePhoneNumber, loadBusinessProfile, profileLoadInWords } from "@/lib/profile/load";
import type { ProfileLoad } from "@/lib/profile/views";
import { checkProfilePicture, profileFieldOfDetails } from "@/lib/whatsapp/profile";
import { z } from "@/lib/zod";

import { adminActionClient, authActionClient } from "./client";
import { CONTENT_SAMPLE_BYTES, checkUploadContent } from "@/lib/media/content";
import { ActionError } from "./errors";
import { phoneNumberIdSchema, phoneNumberInputSchema, updateBusinessProfileSchema } from "./profile.schema";

const actorOf = (user: SessionUser) => ({ id: user.id, email: user.email });

/**
 * A gateway refusal in the person's words. A Graph error whose `error_data.details` names a profile
 * field is shown at that field (with Meta's details); anything else as title, meaning and what to do.
 */
function refusal(error: unknown, t: Translate, fallbackField?: string): never {
  if (!isGatewayError(error)) throw error;
  const failure = describeGatewayFailure(error);
  const code = failure.kind === "graph" ? `GRAPH_${String(failure.code)}` : failure.kind === "invalid_request" ? "INVALID" : undefined;
  if (failure.kind === "graph" && failure.details) {
    const field = profileFieldOfDetails(failure.details);
    if (field) throw new ActionError(message("profile.errors.refusedThis", { details: failure.details }), { code, field: field === "profile_picture_handle" ? (fallbackField ?? field) : field, failure });
  }
  if (error instanceof InvalidRequestError && error.problems.length > 0) {
    // The client's own checks word their problems as catalog messages (encoded): each in the reader's words.
    throw new ActionError(error.problems.map((problem) => translateMessage(t, problem.message)).join(" "), { code, field: fallbackField ?? failure.field, failure });
  }
  throw ActionError.fromGatewayError(error, { code });
}

/** A usable number of the user's connections; one outside them is refused exactly like an unknown one. */
async function usableNumberOrThrow(user: SessionUser, phoneNumberId: string) {
  const db = await getDb();
  const number = await findUsablePhoneNumber(db, user.connections, phoneNumberId);
  if (!number) throw new NotFoundError(NOT_FOUND_MESSAGES.phoneNumber);
  const connectionId = await connectionIdForPhoneNumber(db, phoneNumberId);
  return { db, number, options: connectionId ? { connectionId } : {} };
}

/** Everyone may view the profile: it is read from the gateway each time. */
export const getBusinessProfileAction = authActionClient
  .metadata({ actionName: "getBusinessProfile" })
  .inputSchema(phoneNumberInputSchema)
  .action(async ({ parsedInput, ctx }): Promise<ProfileLoad> => {
    const { db } = await usableNumberOrThrow(ctx.user, parsedInput.phoneNumberId);
    return profileLoadInWords(await requestTranslator(), await loadBusinessProfile(db, parsedInput.phoneNumberId));
  });

/** Admins only. Sends only the changed fields (checked against WhatsApp's limits), then reads the profile back. */
export const updateBusinessProfileAction = adminActionClient
  .metadata({ actionName: "updateBusinessProfile" })
  .inputSchema(updateBusinessProfileSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ changed: string[]; load: ProfileLoad }> => {
    const { phoneNumberId, changes } = parsedInput;
    const { db, options } = await usableNumberOrThrow(ctx.user, phoneNumberId);
    try {
      await gateway().profile.updateBusinessProfile(phoneNumberId, changes, options);
    } catch (error) {
      refusal(error, await requestTranslator());
    }
    const changed = Object.keys(changes);
    await db.transaction(async (tx) => {
      await recordAudit(tx, {
        actor: actorOf(ctx.user),
        action: "profile.updated",
        target: { type: "phone_number", id: phoneNumberId },
        details: { fields: changed, values: changes },
      });
    });
    return { changed, load: profileLoadInWords(await requestTranslator(), await loadBusinessProfile(db, phoneNumberId)) };
  });

const pictureInputSchema = z.instanceof(FormData).transform((form, context) => {
  const phoneNumberId = phoneNumberIdSchema.safeParse(form.get("phoneNumberId"));
  const file = form.get("picture");
  if (!phoneNumberId.success) {
    context.addIssue({ code: "custom", message: encodeMessage(message("profile.validation.pickNumber")), path: ["phoneNumberId"] });
    return z.NEVER;
  }
  if (!(file instanceof Blob)) {
    context.addIssue({ code: "custom", message: encodeMessage(message("profile.validation.choosePicture")), path: ["picture"] });
    return z.NEVER;
  }
  return { phoneNumberId: phoneNumberId.data, picture: file };
});

/**
 * Admins only. Meta's Resumable Upload API through the gateway (`POST /app/uploads`, then
 * `POST /upload:{session}`), then the handle as `profile_picture_handle`. Type and size are checked
 * again here; a refusal of the upload path (Maton may not proxy it) is shown as it comes.
 */
export const updateProfilePictureAction = adminActionClient
  .metadata({ actionName: "updateProfilePicture" })
  .inputSchema(pictureInputSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ load: ProfileLoad }> => {
    const { phoneNumberId, picture } = parsedInput;
    const check = checkProfilePicture({ type: picture.type, size: picture.size }, await requestFormatter());
    if (!check.ok) throw new ActionError(check.reason, { code: "INVALID", field: "picture" });
    const content = await checkUploadContent(picture.type, new Uint8Array(await picture.slice(0, CONTENT_SAMPLE_BYTES).arrayBuffer()));
    if (!content.ok) throw new ActionError(content.message, { code: "INVALID", field: "picture" });
    const { db, options } = await usableNumberOrThrow(ctx.user, phoneNumberId);
    let handle: string;
    try {
      handle = await gateway().uploads.uploadProfilePicture(
        { bytes: new Uint8Array(await picture.arrayBuffer()), fileType: picture.type, fileName: picture.type === "image/png" ? "profile.png" : "profile.jpg" },
        options,
      );
    } catch (error) {
      refusal(error, await requestTranslator(), "picture");
    }
    try {
      await gateway().profile.updateBusinessProfile(phoneNumberId, { profile_picture_handle: handle }, options);
    } catch (error) {
      refusal(error, await requestTranslator(), "picture");
    }
    await db.transaction(async (tx) => {
      await recordAudit(tx, {
        actor: actorOf(ctx.user),
        action: "profile.updated",
        target: { type: "phone_number", id: phoneNumberId },
        details: { fields: ["profile_picture"], size: picture.size, type: picture.type },
      });
    });
    return { load: profileLoadInWords(await requestTranslator(), await loadBusinessProfile(db, phoneNumberId)) };
  });
