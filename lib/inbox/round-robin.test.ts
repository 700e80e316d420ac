import { describe, expect, it } from "vitest";

import { nextAssignee, type AgentAvailability } from "./round-robin";

const all = (entries: Record<string, AgentAvailability>) => new Map(Object.entries(entries));

describe("nextAssignee", () => {
  const agents = ["ana", "ben", "cy"];
  const everyoneIn = all({ ana: "available", ben: "available", cy: "available" });

  it("starts with the first agent when nobody was assigned yet", () => {
    expect(nextAssignee(agents, null, everyoneIn)).toBe("ana");
  });

  it("takes the agent after the last one, wrapping at the end", () => {
    expect(nextAssignee(agents, "ana", everyoneIn)).toBe("ben");
    expect(nextAssignee(agents, "ben", everyoneIn)).toBe("cy");
    expect(nextAssignee(agents, "cy", everyoneIn)).toBe("ana");
  });

  it("alternates between two agents over a run of conversations", () => {
    const two = ["ana", "ben"];
    const picked: string[] = [];
    let last: string | null = null;
    for (let i = 0; i < 4; i += 1) {
      last = nextAssignee(two, last, everyoneIn);
      picked.push(last!);
    }
    expect(picked).toEqual(["ana", "ben", "ana", "ben"]);
  });

  it("skips agents who are away or disabled", () => {
    const some = all({ ana: "available", ben: "away", cy: "disabled" });
    expect(nextAssignee(agents, "ana", some)).toBe("ana");
    expect(nextAssignee(agents, null, all({ ana: "away", ben: "disabled", cy: "available" }))).toBe("cy");
  });

  it("gives the last assignee the next one too when nobody else is available", () => {
    expect(nextAssignee(agents, "ben", all({ ana: "away", ben: "available", cy: "away" }))).toBe("ben");
  });

  it("answers null when nobody is available, or nobody is chosen", () => {
    expect(nextAssignee(agents, "ana", all({ ana: "away", ben: "away", cy: "disabled" }))).toBeNull();
    expect(nextAssignee([], null, everyoneIn)).toBeNull();
  });

  it("counts agents without a known availability as unavailable", () => {
    expect(nextAssignee(agents, null, all({ cy: "available" }))).toBe("cy");
  });

  it("starts from the first agent when the last assignee is no longer chosen", () => {
    expect(nextAssignee(agents, "gone", everyoneIn)).toBe("ana");
  });
});
