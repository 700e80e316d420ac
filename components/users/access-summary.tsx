import { Badge } from "@/components/ui/badge";
import type { AccessConnectionView, AccessView } from "@/lib/users/views";

import { accessConnectionName } from "./connection-access-field";

/** The users table's Connections cell: all of them, the names of the chosen ones, or a warning when none. */
export function AccessSummary({ access, connections }: { access: AccessView; connections: ReadonlyMap<string, AccessConnectionView> }) {
  if (access.kind !== "some") {
    return <span title={access.kind === "admin" ? "Admins always have every connection" : "Including ones linked later"}>All connections</span>;
  }
  if (access.connectionIds.length === 0) {
    return (
      <Badge variant="warning" title="Can sign in, but sees no conversations, templates or media">
        No access
      </Badge>
    );
  }
  const names = access.connectionIds.map((id) => {
    const connection = connections.get(id);
    if (!connection) return id;
    return connection.unlinked ? `${accessConnectionName(connection)} (unlinked)` : accessConnectionName(connection);
  });
  const text = names.join(", ");
  return (
    <span className="line-clamp-2 max-w-64" title={text}>
      {text}
    </span>
  );
}
