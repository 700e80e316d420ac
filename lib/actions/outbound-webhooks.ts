"use server";

import { revalidatePath } from "next/cache";

import { getDb } from "@/db";
import type { SessionUser } from "@/lib/auth/session";
import {
  createEndpoint,
  deleteEndpoint,
  replayDelivery,
  rotateEndpointSecret,
  sendTestEvent,
  updateEndpoint,
  type Actor,
} from "@/lib/outbound-webhooks/service";

import { webhooksActionClient } from "./client";
import { createEndpointSchema, endpointIdSchema, replayDeliverySchema, updateEndpointSchema } from "./outbound-webhooks.schema";

/**
 * The admins' outbound webhooks: each action checks `webhooks.manage`, validates, and makes one call
 * into lib/outbound-webhooks/service.ts, whose refusals (a refused URL, an endpoint that is gone) reach
 * the form through the action client as they are.
 */
const WEBHOOKS_PATH = "/settings/webhooks";
const endpointPath = (id: string) => `${WEBHOOKS_PATH}/endpoints/${id}`;

const actorOf = (user: SessionUser): Actor => ({ id: user.id, email: user.email });

/** The list and the endpoint's page show what changed on their next render (and the admins' banner its count). */
function refreshPages(endpointId?: string) {
  revalidatePath(WEBHOOKS_PATH);
  if (endpointId) revalidatePath(endpointPath(endpointId));
}

/** A new endpoint; its signing secret is in the answer, the only time it is ever shown. */
export const createWebhookEndpointAction = webhooksActionClient
  .metadata({ actionName: "createWebhookEndpoint" })
  .inputSchema(createEndpointSchema)
  .action(async ({ parsedInput, ctx }) => {
    const created = await createEndpoint(await getDb(), actorOf(ctx.user), parsedInput);
    refreshPages();
    return created;
  });

/** Changes the URL, description or events, or turns sending off or on (a re-enable after failing too). */
export const updateWebhookEndpointAction = webhooksActionClient
  .metadata({ actionName: "updateWebhookEndpoint" })
  .inputSchema(updateEndpointSchema)
  .action(async ({ parsedInput: { id, ...changes }, ctx }) => {
    const endpoint = await updateEndpoint(await getDb(), actorOf(ctx.user), id, changes);
    refreshPages(id);
    return endpoint;
  });

export const deleteWebhookEndpointAction = webhooksActionClient
  .metadata({ actionName: "deleteWebhookEndpoint" })
  .inputSchema(endpointIdSchema)
  .action(async ({ parsedInput: { id }, ctx }) => {
    await deleteEndpoint(await getDb(), actorOf(ctx.user), id);
    refreshPages(id);
    return { id };
  });

/** A new secret, shown once; the old one keeps signing beside it for 24 hours. */
export const rotateWebhookSecretAction = webhooksActionClient
  .metadata({ actionName: "rotateWebhookSecret" })
  .inputSchema(endpointIdSchema)
  .action(async ({ parsedInput: { id }, ctx }) => {
    const rotated = await rotateEndpointSecret(await getDb(), actorOf(ctx.user), id);
    refreshPages(id);
    return rotated;
  });

/** A `webhook.test` event to this endpoint only; the answer is its delivery. */
export const sendWebhookTestEventAction = webhooksActionClient
  .metadata({ actionName: "sendWebhookTestEvent" })
  .inputSchema(endpointIdSchema)
  .action(async ({ parsedInput: { id }, ctx }) => {
    const delivery = await sendTestEvent(await getDb(), actorOf(ctx.user), id);
    refreshPages(id);
    return delivery;
  });

/** The same event again, as a new delivery to the same endpoint. */
export const replayWebhookDeliveryAction = webhooksActionClient
  .metadata({ actionName: "replayWebhookDelivery" })
  .inputSchema(replayDeliverySchema)
  .action(async ({ parsedInput: { deliveryId }, ctx }) => {
    const delivery = await replayDelivery(await getDb(), actorOf(ctx.user), deliveryId);
    refreshPages(delivery.endpointId);
    return delivery;
  });
