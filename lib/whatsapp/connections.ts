/** Maton connections (the linked WhatsApp Business accounts) as the control plane describes them. Browser-safe. */
import { z } from "@/lib/zod";

export const MATON_APP = "whatsapp-business";

/** ACTIVE and PENDING are documented; anything else is shown as it is and treated as not usable. */
export const connectionSchema = z.looseObject({
  connection_id: z.string().min(1),
  status: z.string().min(1),
  creation_time: z.string().optional(),
  last_updated_time: z.string().optional(),
  url: z.string().optional(),
  app: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type Connection = z.infer<typeof connectionSchema>;
export type ConnectionStatus = "ACTIVE" | "PENDING" | "FAILED" | (string & {});

export const connectionListResponseSchema = z.looseObject({ connections: z.array(connectionSchema) });
export const connectionResponseSchema = z.looseObject({ connection: connectionSchema });

export function isConnectionUsable(connection: Pick<Connection, "status">): boolean {
  return connection.status === "ACTIVE";
}
