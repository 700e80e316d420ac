"use server";

import { revalidatePath } from "next/cache";

import { getDb } from "@/db";
import { selectPhoneNumber } from "@/lib/accounts/selected-phone-number";
import { connectionIdForPhoneNumber } from "@/lib/accounts/working-connection";
import { requireCapability, type SessionUser } from "@/lib/auth/session";
import { isGatewayError } from "@/lib/gateway";
import { gateway } from "@/lib/gateway/server";
import { message } from "@/lib/i18n/translatable";
import { deleteFromLibrary, libraryRecordOrThrow, MediaProblem, reuploadFromLibrary, toLibraryView } from "@/lib/media/library";
import type { LibraryMediaView } from "@/lib/media/types";

import { actionClient } from "./client";
import { ActionError } from "./errors";
import { mediaIdSchema, selectMediaNumberSchema } from "./media.schema";

const MEDIA_PATH = "/media";

/** Anyone who may use media (agents too): browse, preview, links, send. */
const mediaUseClient = actionClient.use(async ({ next }) => next({ ctx: { user: await requireCapability("media.use") } }));
/** Marketers and admins: upload and delete. */
const mediaManageClient = actionClient.use(async ({ next }) => next({ ctx: { user: await requireCapability("media.manage") } }));

/** The media library's refusals as an action's; a gateway failure's sentence is written in the reader's words at the door. */
function asActionError(error: unknown): unknown {
  if (!(error instanceof MediaProblem)) return error;
  return new ActionError(error.said, { code: error.code, failure: error.failure, gatewaySentence: error.failure ? {} : undefined });
}

/** A library record on a number of the user's connections; any other id is "no longer in the library". */
async function libraryRecord(user: SessionUser, mediaId: string) {
  try {
    return await libraryRecordOrThrow(await getDb(), user, mediaId);
  } catch (error) {
    throw asActionError(error);
  }
}

/**
 * Deletes at the gateway first, then from the library, then its bytes on disk (unless shared): a
 * gateway failure leaves the record and says why.
 */
export const deleteMediaAction = mediaManageClient
  .metadata({ actionName: "deleteMedia" })
  .inputSchema(mediaIdSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ deleted: string; alreadyGoneAtWhatsApp: boolean }> => {
    const record = await libraryRecord(ctx.user, parsedInput.mediaId);
    try {
      const result = await deleteFromLibrary(await getDb(), ctx.user, record);
      revalidatePath(MEDIA_PATH);
      return result;
    } catch (error) {
      if (isGatewayError(error)) throw ActionError.fromGatewayError(error, { lead: message("media.actions.notDeleted") });
      throw error;
    }
  });

/** Uploads an expired library file again from the bytes kept on disk: a new id valid 30 days. */
export const reuploadMediaAction = mediaManageClient
  .metadata({ actionName: "reuploadMedia" })
  .inputSchema(mediaIdSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ media: LibraryMediaView }> => {
    const record = await libraryRecord(ctx.user, parsedInput.mediaId);
    try {
      const media = await reuploadFromLibrary(await getDb(), ctx.user, record);
      revalidatePath(MEDIA_PATH);
      return { media: toLibraryView(media) };
    } catch (error) {
      throw asActionError(error);
    }
  });

/**
 * A fresh download link: asks WhatsApp for the file now (its own URL lasts about 5 minutes and
 * needs the API key), and answers the dashboard's link that serves the bytes to signed-in people.
 */
export const mediaDownloadLinkAction = mediaUseClient
  .metadata({ actionName: "mediaDownloadLink" })
  .inputSchema(mediaIdSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ href: string; whatsappUrlExpiresAt: string; mimeType: string; size: number }> => {
    const db = await getDb();
    const record = await libraryRecord(ctx.user, parsedInput.mediaId);
    try {
      const info = await gateway().media.getMedia(record.id, {
        connectionId: await connectionIdForPhoneNumber(db, record.phoneNumberId),
        phoneNumberId: record.phoneNumberId,
      });
      return {
        href: `/api/media/${encodeURIComponent(record.id)}?download=1`,
        whatsappUrlExpiresAt: new Date(Date.now() + 5 * 60 * 1000).toISOString(),
        mimeType: info.mime_type,
        size: info.file_size,
      };
    } catch (error) {
      if (!isGatewayError(error)) throw error;
      throw ActionError.fromGatewayError(error, { lead: message("media.actions.noLink") });
    }
  });

/** Switches the number the media page (and inbox, profile) works on: one of the user's connections. */
export const selectMediaNumberAction = mediaUseClient
  .metadata({ actionName: "selectMediaNumber" })
  .inputSchema(selectMediaNumberSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ phoneNumberId: string }> => {
    // A number outside the user's connections is refused as if it were not linked.
    const number = await selectPhoneNumber(await getDb(), ctx.user, parsedInput.phoneNumberId);
    if (!number) throw new ActionError(message("media.actions.numberGone"), { code: "NOT_FOUND", field: "phoneNumberId" });
    revalidatePath(MEDIA_PATH);
    return { phoneNumberId: number.id };
  });
