import type { Document } from "bson";
import { Collection } from "./collection.ts";

/** All databases of one server: database name → collection name → collection. */
export class Store {
  readonly #databases = new Map<string, Map<string, Collection>>();

  getCollection(db: string, name: string): Collection | undefined {
    return this.#databases.get(db)?.get(name);
  }

  /** Returns the collection, creating it implicitly as a first write does in mongod. */
  ensureCollection(db: string, name: string, options: Document = {}): Collection {
    const existing = this.getCollection(db, name);
    if (existing) return existing;
    const collection = new Collection(db, name, options);
    this.#database(db).set(name, collection);
    return collection;
  }

  dropCollection(db: string, name: string): Collection | undefined {
    const collection = this.getCollection(db, name);
    this.#databases.get(db)?.delete(name);
    return collection;
  }

  dropDatabase(db: string): void {
    this.#databases.delete(db);
  }

  listCollections(db: string): Collection[] {
    return [...(this.#databases.get(db)?.values() ?? [])];
  }

  listDatabaseNames(): string[] {
    return [...this.#databases.keys()];
  }

  *allCollections(): Iterable<Collection> {
    for (const database of this.#databases.values()) yield* database.values();
  }

  #database(db: string): Map<string, Collection> {
    let database = this.#databases.get(db);
    if (!database) {
      database = new Map();
      this.#databases.set(db, database);
    }
    return database;
  }
}
