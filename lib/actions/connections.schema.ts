/** Inputs and views of the connection manager, shared by its forms (browser) and actions (server). */
import { z } from "@/lib/zod";

import { invalid } from "@/lib/i18n/validation";

/** Maton connection ids are UUIDs; anything else never reaches the control plane. */
export const connectionIdSchema = z
  .string()
  .trim()
  .min(1, invalid("connections.validation.pickConnection"))
  .max(200)
  .regex(/^[\w-]+$/, invalid("connections.validation.notAConnectionId"));

export const connectionInputSchema = z.object({ connectionId: connectionIdSchema });
/** null: follow the default connection again. */
export const selectWorkingConnectionSchema = z.object({ connectionId: connectionIdSchema.nullable() });

export type { ConnectionView, ConnectionsOverview, HealthView, PhoneNumberView, ProblemView } from "@/lib/accounts/views";
