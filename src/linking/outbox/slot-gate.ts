/**
 * The jobs a worker performs at once: `concurrency` in all, of which the last `reserve` only for
 * urgent ones (reply edits), so a burst of DMs waiting on Discord's global budget never holds
 * every slot. A job waits its turn, urgent ones first; once closed, waiting ones are turned away.
 */
export interface SlotGate {
  /** Resolves true once the job has a slot, false if the gate closed first. */
  enter(urgent: boolean): Promise<boolean>;
  leave(urgent: boolean): void;
  close(): void;
}

export function createSlotGate(concurrency: number, reserve: number): SlotGate {
  const inside = { all: 0, normal: 0 };
  const waiting: Array<{ urgent: boolean; go: (entered: boolean) => void }> = [];
  let closed = false;
  const fits = (urgent: boolean) =>
    inside.all < concurrency && (urgent || inside.normal < concurrency - reserve);

  function admit(): void {
    for (let i = 0; i < waiting.length;) {
      const next = waiting[i];
      if (!next || !fits(next.urgent)) {
        i += 1;
        continue;
      }
      waiting.splice(i, 1);
      inside.all += 1;
      if (!next.urgent) inside.normal += 1;
      next.go(true);
    }
  }

  return {
    enter(urgent) {
      if (closed) return Promise.resolve(false);
      return new Promise<boolean>((go) => {
        const firstNormal = waiting.findIndex((w) => !w.urgent);
        const at = urgent && firstNormal >= 0 ? firstNormal : waiting.length;
        waiting.splice(at, 0, { urgent, go });
        admit();
      });
    },
    leave(urgent) {
      inside.all -= 1;
      if (!urgent) inside.normal -= 1;
      admit();
    },
    close() {
      closed = true;
      for (const w of waiting.splice(0)) w.go(false);
    },
  };
}
