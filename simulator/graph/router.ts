import { GraphError, objectNotFound } from "../errors";
import type { Reply } from "../http";
import type { GraphRequest } from "./context";
import { findObjectOrThrow, selectFields, unknownEdge } from "./context";
import { getBusiness, listBusinesses, listOwnedWabas } from "./businesses";
import { deleteMedia, getMedia, uploadMedia } from "./media";
import { sendMessage } from "./messages";
import { getPhoneNumber, getWaba, listPhoneNumbers, updatePhoneNumber } from "./phone-numbers";
import { getProfile, updateProfile } from "./profile";
import { listSubscribedApps, subscribeApp, unsubscribeApp } from "./subscribed-apps";
import { isUploadSessionId, routeUploadSession, startUploadSession } from "./uploads";
import { templateAnalytics } from "./template-analytics";
import { createTemplate, deleteTemplates, editTemplate, listTemplates, templateJson } from "./templates";
import { json } from "../http";

type Handler = () => Reply | Promise<Reply>;

/** Picks the handler for `/{id}` or `/{id}/{edge}` after resolving the id within the caller's connection. */
export async function routeGraph(request: GraphRequest): Promise<Reply> {
  const [id, edge, ...extra] = request.segments;
  if (!id) throw new GraphError(100, { message: `Unsupported ${request.method.toLowerCase()} request.`, type: "GraphMethodException" });
  if (extra.length > 0) throw new GraphError(2500, { message: `Unknown path components: /${extra.join("/")}` });
  if (id === "me") return routeMe(request, edge);
  // Graph's `app` alias: the token's app, here only its Resumable Upload edge.
  if (id === "app") {
    if (edge === "uploads") return startUploadSession(request);
    throw edge ? unknownEdge(edge, "Application") : objectNotFound(id, request.method);
  }
  if (isUploadSessionId(id)) {
    if (edge) throw unknownEdge(edge, "UploadSession");
    return routeUploadSession(request, id);
  }
  const object = findObjectOrThrow(request, id);
  const method = request.method;
  const routes: Record<string, Handler | undefined> = {};

  switch (object.kind) {
    case "phone": {
      const { phone } = object;
      if (!edge) {
        routes.GET = () => getPhoneNumber(request, phone);
        routes.POST = () => updatePhoneNumber(request, phone);
      } else if (edge === "messages") {
        routes.POST = () => sendMessage(request, phone);
      } else if (edge === "media") {
        routes.POST = () => uploadMedia(request, phone);
      } else if (edge === "whatsapp_business_profile") {
        routes.GET = () => getProfile(request, phone);
        routes.POST = () => updateProfile(request, phone);
      } else {
        throw unknownEdge(edge, "WhatsAppBusinessPhoneNumber");
      }
      break;
    }
    case "waba": {
      const { waba } = object;
      if (!edge) {
        routes.GET = () => getWaba(request, waba);
      } else if (edge === "phone_numbers") {
        routes.GET = () => listPhoneNumbers(request, waba);
      } else if (edge === "message_templates") {
        routes.GET = () => listTemplates(request, waba);
        routes.POST = () => createTemplate(request, waba);
        routes.DELETE = () => deleteTemplates(request, waba);
      } else if (edge === "template_analytics") {
        routes.GET = () => templateAnalytics(request, waba);
      } else if (edge === "subscribed_apps") {
        routes.GET = () => listSubscribedApps(request, waba);
        routes.POST = () => subscribeApp(request, waba);
        routes.DELETE = () => unsubscribeApp(request, waba);
      } else {
        throw unknownEdge(edge, "WhatsAppBusinessAccount");
      }
      break;
    }
    case "business": {
      const { business } = object;
      if (!edge) routes.GET = () => getBusiness(request, business);
      else if (edge === "owned_whatsapp_business_accounts") routes.GET = () => listOwnedWabas(request, business);
      else throw unknownEdge(edge, "Business");
      break;
    }
    case "template": {
      if (edge) throw unknownEdge(edge, "WhatsAppMessageTemplate");
      routes.GET = () => json(selectFields(templateJson(object.template), request.query.get("fields")));
      routes.POST = () => editTemplate(request, object.template);
      break;
    }
    case "media": {
      if (edge) throw unknownEdge(edge, "WhatsAppBusinessMedia");
      routes.GET = () => getMedia(request, object.media);
      routes.DELETE = () => deleteMedia(request, object.media);
      break;
    }
  }
  const handler = routes[method];
  if (!handler) throw objectNotFound(id, method);
  return handler();
}

/** `/me` is the token's user; only its `businesses` edge is simulated (account discovery). */
function routeMe(request: GraphRequest, edge: string | undefined): Reply {
  if (edge !== "businesses") {
    if (!edge) throw objectNotFound("me", request.method);
    throw unknownEdge(edge, "User");
  }
  if (request.method !== "GET") throw objectNotFound("me", request.method);
  return listBusinesses(request);
}
