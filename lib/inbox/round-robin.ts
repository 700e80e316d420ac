/** Whether a chosen agent can take a conversation now; a disabled user never can. */
export type AgentAvailability = "available" | "away" | "disabled";

/**
 * The next agent whose turn it is: the first available one after `lastAssignedUserId` in `agents`'
 * order, wrapping around (the last one assigned may get it again when nobody else can). An unknown or
 * missing last assignee starts the turn at the first agent. Null when nobody is available. Agents not
 * in `availability` count as unavailable.
 */
export function nextAssignee(
  agents: readonly string[],
  lastAssignedUserId: string | null,
  availability: ReadonlyMap<string, AgentAvailability>,
): string | null {
  if (agents.length === 0) return null;
  const last = lastAssignedUserId === null ? -1 : agents.indexOf(lastAssignedUserId);
  for (let step = 1; step <= agents.length; step += 1) {
    const candidate = agents[(last + step + agents.length) % agents.length]!;
    if (availability.get(candidate) === "available") return candidate;
  }
  return null;
}
