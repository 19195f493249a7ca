import { describe, expect, it } from "vitest";
import { deliverySentAt } from "../src/github/index.ts";
import { deliveryIdAt } from "./support/github/index.ts";

describe("when GitHub sent a delivery", () => {
  it("reads the time out of GitHub's version 1 UUID (the docs' example delivery)", () => {
    // GitHub's REST docs list this guid with delivered_at 2021-05-12T20:33:44Z.
    const sentAt = deliverySentAt("58474f00-b361-11eb-836d-0e4f3503ccbe", new Date());
    expect(sentAt.toISOString()).toBe("2021-05-12T20:33:43.920Z");
  });

  it("round-trips the stand-in's ids, never later than arrival, and other ids count from arrival", () => {
    const at = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
    expect(deliverySentAt(deliveryIdAt(at), new Date(at + 1000)).getTime()).toBe(at);
    expect(deliverySentAt(deliveryIdAt(at + 60_000), new Date(at)).getTime()).toBe(at);
    const arrived = new Date(at);
    expect(deliverySentAt("8c6cbb6e-3f8a-4c39-9b0e-5f1c2d6a7e90", arrived)).toBe(arrived);
  });
});
