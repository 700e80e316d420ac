import { describe, expect, it } from "vitest";

import type { CampaignCounts, FailureGroup } from "@/lib/campaigns/types";

import { costShown } from "../list/cost";
import { funnelOf, knownExplanationKey, lifecycleControls, progressOf, recipientMoment, retrySafeCount, sortFailureGroups } from "./summary";

const counts = (overrides: Partial<CampaignCounts> = {}): CampaignCounts => ({
  audience: 0,
  eligible: 0,
  skipped: 0,
  pending: 0,
  sent: 0,
  delivered: 0,
  read: 0,
  replied: 0,
  failed: 0,
  cancelled: 0,
  ...overrides,
});

const group = (overrides: Partial<FailureGroup>): FailureGroup => ({ code: 131026, title: "Undeliverable", explanationKey: "codes.131026", retrySafe: false, count: 1, ...overrides });

describe("progress", () => {
  it("counts sent and failed recipients as processed out of the eligible ones", () => {
    expect(progressOf(counts({ eligible: 200, sent: 120, failed: 30, pending: 50 }))).toEqual({ processed: 150, eligible: 200, percent: 75 });
  });

  it("is zero for an empty campaign and never passes the eligible count", () => {
    expect(progressOf(counts())).toEqual({ processed: 0, eligible: 0, percent: 0 });
    expect(progressOf(counts({ eligible: 3, sent: 3, failed: 1 })).percent).toBe(100);
  });

  it("rounds down, so a campaign shows 100% only when all are processed", () => {
    expect(progressOf(counts({ eligible: 1000, sent: 999 })).percent).toBe(99);
  });
});

describe("funnel", () => {
  it("is sent → delivered → read → replied with each stage's share of the sent messages", () => {
    expect(funnelOf(counts({ sent: 200, delivered: 150, read: 100, replied: 10 }))).toEqual([
      { stage: "sent", count: 200, shareOfSent: 1 },
      { stage: "delivered", count: 150, shareOfSent: 0.75 },
      { stage: "read", count: 100, shareOfSent: 0.5 },
      { stage: "replied", count: 10, shareOfSent: 0.05 },
    ]);
    expect(funnelOf(counts()).every((step) => step.shareOfSent === 0)).toBe(true);
  });
});

describe("lifecycle controls", () => {
  const manager = { canManage: true, retrySafeFailures: 0 };
  it("offer each status its own controls", () => {
    expect(lifecycleControls("draft", manager)).toEqual(["review"]);
    expect(lifecycleControls("scheduled", manager)).toEqual(["cancel"]);
    expect(lifecycleControls("sending", manager)).toEqual(["pause", "cancel"]);
    expect(lifecycleControls("paused", manager)).toEqual(["resume", "cancel"]);
    expect(lifecycleControls("finished", manager)).toEqual([]);
    expect(lifecycleControls("cancelled", manager)).toEqual([]);
  });

  it("offer a retry only when some failures are safe to send again, and only where the server takes one (never once cancelled or failed)", () => {
    expect(lifecycleControls("finished", { canManage: true, retrySafeFailures: 4 })).toEqual(["retry"]);
    expect(lifecycleControls("failed", { canManage: true, retrySafeFailures: 1 })).toEqual([]);
    expect(lifecycleControls("sending", { canManage: true, retrySafeFailures: 2 })).toEqual(["pause", "cancel", "retry"]);
    expect(lifecycleControls("cancelled", { canManage: true, retrySafeFailures: 9 })).toEqual([]);
  });

  it("offer nothing to those who only look at results", () => {
    for (const status of ["draft", "sending", "paused", "finished"] as const) {
      expect(lifecycleControls(status, { canManage: false, retrySafeFailures: 5 })).toEqual([]);
    }
  });
});

describe("failures", () => {
  it("count only the retry-safe ones for a retry", () => {
    expect(retrySafeCount([group({ count: 3 }), group({ code: 131000, retrySafe: true, count: 7 }), group({ code: 130429, retrySafe: true, count: 2 })])).toBe(9);
    expect(retrySafeCount([])).toBe(0);
  });

  it("list the largest group first", () => {
    const sorted = sortFailureGroups([group({ code: 1, count: 2 }), group({ code: 2, count: 9 }), group({ code: 3, count: 2, retrySafe: true })]);
    expect(sorted.map((entry) => entry.code)).toEqual([2, 3, 1]);
  });

  it("use an explanation only when the errors table knows its key", () => {
    expect(knownExplanationKey("codes.131026")).toBe("codes.131026");
    expect(knownExplanationKey("maton.429")).toBe("maton.429");
    expect(knownExplanationKey("codes.999999")).toBeNull();
    expect(knownExplanationKey(null)).toBeNull();
  });
});

describe("a recipient's latest moment", () => {
  const none = { sentAt: null, deliveredAt: null, readAt: null, repliedAt: null, failedAt: null };
  it("is the furthest it got, a reply first", () => {
    expect(recipientMoment(none)).toBeNull();
    expect(recipientMoment({ ...none, sentAt: "2026-03-01T10:00:00Z", deliveredAt: "2026-03-01T10:00:05Z" })).toEqual({ moment: "delivered", at: "2026-03-01T10:00:05Z" });
    expect(recipientMoment({ ...none, sentAt: "a", readAt: "b", repliedAt: "c" })).toEqual({ moment: "replied", at: "c" });
    expect(recipientMoment({ ...none, sentAt: "a", failedAt: "f" })).toEqual({ moment: "failed", at: "f" });
  });
});

describe("the cost a campaign shows", () => {
  const summary = (total: string | null, currency: string | null, unknownCount = 0) => ({
    currency,
    total,
    unknownCount,
    lines: [{ category: "MARKETING", country: "BR", count: 10, currency, unitAmount: total, total }],
  });
  it("is the actual cost once there is one, else the estimate, else nothing", () => {
    expect(costShown({ estimate: summary("12.50", "USD"), actualCost: summary("3.10", "USD") })).toEqual({ kind: "actual", amount: 3.1, currency: "USD", unknownCount: 0 });
    expect(costShown({ estimate: summary("12.50", "USD", 2), actualCost: null })).toEqual({ kind: "estimate", amount: 12.5, currency: "USD", unknownCount: 2 });
    expect(costShown({ estimate: summary("12.50", "USD"), actualCost: { currency: null, total: null, lines: [], unknownCount: 0 } }).kind).toBe("estimate");
    expect(costShown({ estimate: null, actualCost: null })).toEqual({ kind: "none" });
  });

  it("gives no amount when the total is unknown or in several currencies", () => {
    expect(costShown({ estimate: summary(null, null, 10), actualCost: null })).toEqual({ kind: "estimate", amount: null, currency: null, unknownCount: 10 });
  });
});
