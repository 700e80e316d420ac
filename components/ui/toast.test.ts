import { describe, expect, it, vi } from "vitest";

const shown = vi.hoisted(() => [] as string[]);
vi.mock("sonner", () => ({
  toast: Object.assign((message: string) => shown.push(`default:${message}`), {
    success: (message: string) => shown.push(`success:${message}`),
    error: (message: string) => shown.push(`error:${message}`),
    warning: (message: string) => shown.push(`warning:${message}`),
    info: (message: string) => shown.push(`info:${message}`),
    message: (message: string) => shown.push(`message:${message}`),
  }),
}));

import { subscribeToToastRequests, toast, toastRequested, toasterMounted } from "./toast";

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("toast", () => {
  it("asks for the toaster at the first toast, and shows toasts only once it is mounted, in order", async () => {
    const requests = vi.fn();
    subscribeToToastRequests(requests);
    expect(toastRequested()).toBe(false);

    toast.success("Saved");
    toast.error("Not sent");
    expect(toastRequested()).toBe(true);
    expect(requests).toHaveBeenCalledTimes(1);
    await settle();
    expect(shown).toEqual([]);

    toasterMounted();
    await settle();
    expect(shown).toEqual(["success:Saved", "error:Not sent"]);

    toast("Assigned to you");
    toast.warning("Partly replayed");
    toast.message("Inserted");
    toast.info("Heads up");
    await settle();
    expect(shown).toEqual(["success:Saved", "error:Not sent", "default:Assigned to you", "warning:Partly replayed", "message:Inserted", "info:Heads up"]);
    expect(requests).toHaveBeenCalledTimes(1);
  });
});
