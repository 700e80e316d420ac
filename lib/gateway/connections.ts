/** Maton control plane: the WhatsApp Business connections (linked accounts) of this Maton key. */
import { z } from "@/lib/zod";

import {
  type Connection,
  MATON_APP,
  connectionListResponseSchema,
  connectionResponseSchema,
} from "@/lib/whatsapp/connections";

import { type CallOptions, type GatewayTransport, encodeSegment } from "./request";

type ControlOptions = Omit<CallOptions, "connectionId">;

/** DELETE may answer an empty body or `{"connection":…}`. */
const deleteResponseSchema = z.union([z.undefined(), connectionResponseSchema, z.looseObject({})]);

export function createConnectionsApi(transport: GatewayTransport) {
  return {
    /** Status left out: every status. */
    async listConnections(filter: { status?: string } = {}, options?: ControlOptions): Promise<Connection[]> {
      const response = await transport.request(
        { plane: "ctrl", method: "GET", path: "connections", query: { app: MATON_APP, status: filter.status }, schema: connectionListResponseSchema },
        options,
      );
      return response.connections;
    },

    /** A new PENDING connection; a person opens its `url` to finish OAuth, then it turns ACTIVE. */
    async createConnection(options?: ControlOptions): Promise<Connection> {
      const response = await transport.request(
        { plane: "ctrl", method: "POST", path: "connections", json: { app: MATON_APP }, schema: connectionResponseSchema },
        options,
      );
      return response.connection;
    },

    async getConnection(connectionId: string, options?: ControlOptions): Promise<Connection> {
      const response = await transport.request(
        { plane: "ctrl", method: "GET", path: `connections/${encodeSegment(connectionId)}`, schema: connectionResponseSchema },
        options,
      );
      return response.connection;
    },

    /** Answers the deleted connection when Maton returns it. */
    async deleteConnection(connectionId: string, options?: ControlOptions): Promise<Connection | undefined> {
      const response = await transport.request(
        { plane: "ctrl", method: "DELETE", path: `connections/${encodeSegment(connectionId)}`, schema: deleteResponseSchema },
        options,
      );
      return response !== undefined && "connection" in response ? (response.connection as Connection) : undefined;
    },
  };
}

export type ConnectionsApi = ReturnType<typeof createConnectionsApi>;
