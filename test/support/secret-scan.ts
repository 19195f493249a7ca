import type { Harness } from "./harness.ts";

/** Secrets by name, gathered along a flow; a name may hold several values (every token GitHub issued). */
export class SecretList {
  private readonly entries: Array<[string, string]> = [];

  add(name: string, ...values: Array<string | null | undefined>): void {
    for (const value of values) {
      // A test that collected nothing would pass for the wrong reason.
      if (!value || value.length < 8) throw new Error(`secret ${name} is missing or too short: ${value}`);
      this.entries.push([name, value]);
    }
  }

  /** "<secret> in <place>" for every secret found in any place; empty when nothing leaked. */
  findIn(places: Record<string, string>): string[] {
    return Object.entries(places).flatMap(([place, text]) =>
      this.entries.filter(([, value]) => text.includes(value)).map(([name]) => `${name} in ${place}`),
    );
  }

  get size(): number {
    return this.entries.length;
  }
}

/** Every document of every collection, as stored (sealed values stay sealed). */
export async function dumpDatabase(h: Harness): Promise<string> {
  const db = h.bot.deps.storage.connection.db;
  if (!db) throw new Error("not connected");
  const collections = await db.listCollections().toArray();
  const dumps = await Promise.all(
    collections.map(async ({ name }) => [name, await db.collection(name).find().toArray()]),
  );
  return JSON.stringify(Object.fromEntries(dumps));
}
