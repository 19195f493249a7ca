import { describe, expect, it, vi } from "vitest";
import { limitKeyOf } from "../src/web/client-address.ts";
import { createMemoryRefusalCounter } from "../src/web/refusal-counter.ts";

describe("the in-memory refusal counter", () => {
  it("blocks a key past the limit until its window ends", () => {
    const counter = createMemoryRefusalCounter({ limit: 2, windowMs: 1000, maxKeys: 10 });
    counter.recordRefusal("a", 0);
    expect(counter.blockedFor("a", 10)).toBe(0);
    counter.recordRefusal("a", 20);
    expect(counter.blockedFor("a", 100)).toBe(900);
    expect(counter.blockedFor("b", 100)).toBe(0);
    expect(counter.blockedFor("a", 1000)).toBe(0);
  });

  it("keeps at most maxKeys, dropping the least recently refused key", () => {
    const counter = createMemoryRefusalCounter({ limit: 1, windowMs: 60_000, maxKeys: 3 });
    for (const key of ["a", "b", "c"]) counter.recordRefusal(key, 0);
    counter.recordRefusal("a", 1);
    counter.recordRefusal("d", 2);
    expect(counter.size()).toBe(3);
    expect(counter.blockedFor("b", 3)).toBe(0);
    for (const key of ["a", "c", "d"]) expect(counter.blockedFor(key, 3)).toBeGreaterThan(0);
  });
});

describe("the sweep", () => {
  it("drops windows that ended, on a timer, without a request for those keys", () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const counter = createMemoryRefusalCounter({ limit: 1, windowMs: 1000, maxKeys: 100 });
      for (let i = 0; i < 50; i++) counter.recordRefusal(`old-${i}`, 0);
      vi.advanceTimersByTime(600);
      counter.recordRefusal("recent", Date.now());
      vi.advanceTimersByTime(400);
      expect(counter.size()).toBe(1);
      expect(counter.blockedFor("recent", 1000)).toBeGreaterThan(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("the key an address is counted under", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["203.0.113.7:4711", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002::ffff", "2001:db8:1:2::/64"],
    ["[2001:db8:1:2::9]:443", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
  ])("%s → %s", (address, key) => {
    expect(limitKeyOf(address)).toBe(key);
  });
});
