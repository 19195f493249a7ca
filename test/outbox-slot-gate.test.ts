import { describe, expect, it } from "vitest";
import { createSlotGate } from "../src/linking/outbox/slot-gate.ts";

/** Settles pending promise callbacks, so `entered` shows who has a slot now. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("the outbox worker's slots", () => {
  it("keep the last ones for reply edits: DMs filling the rest never hold an edit back", async () => {
    const gate = createSlotGate(4, 1);
    const entered: string[] = [];
    const enter = (name: string, urgent: boolean) =>
      gate.enter(urgent).then((ok) => ok && entered.push(name));
    for (const dm of ["dm1", "dm2", "dm3", "dm4"]) void enter(dm, false);
    await settle();
    expect(entered).toEqual(["dm1", "dm2", "dm3"]);
    void enter("edit1", true);
    await settle();
    expect(entered).toEqual(["dm1", "dm2", "dm3", "edit1"]);
    // Full: an edit waiting goes ahead of the DM that waited longer.
    void enter("edit2", true);
    gate.leave(false);
    await settle();
    expect(entered.at(-1)).toBe("edit2");
    gate.leave(true);
    await settle();
    expect(entered.at(-1)).toBe("dm4");
  });

  it("turn away the jobs still waiting once closed (they go back to the outbox)", async () => {
    const gate = createSlotGate(1, 0);
    expect(await gate.enter(false)).toBe(true);
    const waiting = gate.enter(true);
    gate.close();
    expect(await waiting).toBe(false);
    expect(await gate.enter(true)).toBe(false);
  });
});
