import { type Document, Long } from "bson";
import { CommandError } from "./errors.ts";

const DEFAULT_BATCH_SIZE = 101;

interface OpenCursor {
  ns: string;
  docs: Document[];
  offset: number;
}

/** Server-side cursors: results are computed up front and handed out batch by batch. */
export class CursorRegistry {
  readonly #open = new Map<number, OpenCursor>();
  #nextId = 1;

  /** Builds the `{ cursor: { firstBatch, id, ns } }` reply, keeping a cursor if docs remain. */
  open(ns: string, docs: Document[], batchSize?: number, singleBatch = false): Document {
    const firstBatch = singleBatch ? docs : docs.slice(0, batchSize ?? DEFAULT_BATCH_SIZE);
    let id = 0;
    if (firstBatch.length < docs.length) {
      id = this.#nextId++;
      this.#open.set(id, { ns, docs, offset: firstBatch.length });
    }
    return { cursor: { firstBatch, id: Long.fromNumber(id), ns } };
  }

  getMore(id: number, batchSize?: number): Document {
    const cursor = this.#open.get(id);
    if (!cursor) throw new CommandError(43, "CursorNotFound", `cursor id ${id} not found`);
    const end = batchSize ? cursor.offset + batchSize : cursor.docs.length;
    const nextBatch = cursor.docs.slice(cursor.offset, end);
    cursor.offset += nextBatch.length;
    const exhausted = cursor.offset >= cursor.docs.length;
    if (exhausted) this.#open.delete(id);
    return { cursor: { nextBatch, id: Long.fromNumber(exhausted ? 0 : id), ns: cursor.ns } };
  }

  kill(ids: number[]): Document {
    const killed = ids.filter((id) => this.#open.delete(id));
    const notFound = ids.filter((id) => !killed.includes(id));
    return {
      cursorsKilled: killed.map((id) => Long.fromNumber(id)),
      cursorsNotFound: notFound.map((id) => Long.fromNumber(id)),
      cursorsAlive: [],
      cursorsUnknown: [],
    };
  }

  clear(): void {
    this.#open.clear();
  }
}
