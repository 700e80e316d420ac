"use server";

import { revalidatePath } from "next/cache";

import { getDb } from "@/db";
import { recordAudit } from "@/db/queries/audit";
import { findLibraryMedia, markMediaDeleted } from "@/db/queries/media";
import { selectPhoneNumber } from "@/lib/accounts/selected-phone-number";
import { connectionIdForPhoneNumber } from "@/lib/accounts/working-connection";
import { requireCapability } from "@/lib/auth/session";
import { GraphError, isGatewayError } from "@/lib/gateway";
import { gateway } from "@/lib/gateway/server";
import { MediaProblem, reuploadFromLibrary, toLibraryView } from "@/lib/media/library";
import type { LibraryMediaView } from "@/lib/media/types";

import { actionClient } from "./client";
import { ActionError } from "./errors";
import { mediaIdSchema, selectMediaNumberSchema } from "./media.schema";

const MEDIA_PATH = "/media";

/** Anyone who may use media (agents too): browse, preview, links, send. */
const mediaUseClient = actionClient.use(async ({ next }) => next({ ctx: { user: await requireCapability("media.use") } }));
/** Marketers and admins: upload and delete. */
const mediaManageClient = actionClient.use(async ({ next }) => next({ ctx: { user: await requireCapability("media.manage") } }));

async function libraryRecord(mediaId: string) {
  const record = await findLibraryMedia(await getDb(), mediaId);
  if (!record) throw new ActionError("That file is no longer in the library. Reload the page.", { code: "NOT_FOUND" });
  return record;
}

/**
 * Deletes at the gateway first, then from the library: a gateway failure leaves the record and
 * says why. An id WhatsApp no longer knows because it expired is removed from the library alone.
 */
export const deleteMediaAction = mediaManageClient
  .metadata({ actionName: "deleteMedia" })
  .inputSchema(mediaIdSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ deleted: string; alreadyGoneAtWhatsApp: boolean }> => {
    const db = await getDb();
    const record = await libraryRecord(parsedInput.mediaId);
    let alreadyGoneAtWhatsApp = false;
    try {
      await gateway().media.deleteMedia(record.id, {
        connectionId: await connectionIdForPhoneNumber(db, record.phoneNumberId),
        phoneNumberId: record.phoneNumberId,
      });
    } catch (error) {
      if (!isGatewayError(error)) throw error;
      const unknownId = error instanceof GraphError && (error.status === 404 || error.code === 100);
      if (!(unknownId && record.expiresAt.getTime() <= Date.now())) {
        throw ActionError.fromGatewayError(error, { lead: "Not deleted." });
      }
      alreadyGoneAtWhatsApp = true;
    }
    await db.transaction(async (tx) => {
      await markMediaDeleted(tx, record.id);
      await recordAudit(tx, {
        actor: { id: ctx.user.id, email: ctx.user.email },
        action: "media.deleted",
        target: { type: "media", id: record.id },
        details: { fileName: record.fileName, kind: record.kind, phoneNumberId: record.phoneNumberId, ...(alreadyGoneAtWhatsApp ? { expired: true } : {}) },
      });
    });
    revalidatePath(MEDIA_PATH);
    return { deleted: record.id, alreadyGoneAtWhatsApp };
  });

/** Uploads an expired library file again from the bytes kept on disk: a new id valid 30 days. */
export const reuploadMediaAction = mediaManageClient
  .metadata({ actionName: "reuploadMedia" })
  .inputSchema(mediaIdSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ media: LibraryMediaView }> => {
    const record = await libraryRecord(parsedInput.mediaId);
    try {
      const media = await reuploadFromLibrary(await getDb(), ctx.user, record);
      revalidatePath(MEDIA_PATH);
      return { media: toLibraryView(media) };
    } catch (error) {
      if (error instanceof MediaProblem) throw new ActionError(error.message, { code: error.code, failure: error.failure });
      throw error;
    }
  });

/**
 * A fresh download link: asks WhatsApp for the file now (its own URL lasts about 5 minutes and
 * needs the API key), and answers the dashboard's link that serves the bytes to signed-in people.
 */
export const mediaDownloadLinkAction = mediaUseClient
  .metadata({ actionName: "mediaDownloadLink" })
  .inputSchema(mediaIdSchema)
  .action(async ({ parsedInput }): Promise<{ href: string; whatsappUrlExpiresAt: string; mimeType: string; size: number }> => {
    const db = await getDb();
    const record = await libraryRecord(parsedInput.mediaId);
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
      throw ActionError.fromGatewayError(error, { lead: "No link." });
    }
  });

/** Switches the number the media page (and inbox, profile) works on. */
export const selectMediaNumberAction = mediaUseClient
  .metadata({ actionName: "selectMediaNumber" })
  .inputSchema(selectMediaNumberSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ phoneNumberId: string }> => {
    const number = await selectPhoneNumber(await getDb(), ctx.user.id, parsedInput.phoneNumberId);
    if (!number) throw new ActionError("That number is not linked any more. Reload the page.", { code: "NOT_FOUND", field: "phoneNumberId" });
    revalidatePath(MEDIA_PATH);
    return { phoneNumberId: number.id };
  });
