import type { Document } from "bson";

interface BsonValue {
  _bsontype?: string;
  toString(format?: string): string;
  toHexString?(): string;
}

/**
 * A string equal for exactly the values MongoDB treats as the same index key: numbers of any
 * BSON width compare by value, and a missing field is indexed as null.
 */
export function canonicalKey(value: unknown): string {
  if (value === undefined || value === null) return "n";
  if (typeof value === "number") return `#${Object.is(value, -0) ? 0 : value}`;
  if (typeof value === "bigint") return `#${value}`;
  if (typeof value === "string") return `s${JSON.stringify(value)}`;
  if (typeof value === "boolean") return value ? "t" : "f";
  if (value instanceof Date) return `d${value.getTime()}`;
  if (value instanceof RegExp) return `r${value}`;
  if (Array.isArray(value)) return `[${value.map(canonicalKey).join(",")}]`;
  const bson = value as BsonValue;
  switch (bson._bsontype) {
    case "ObjectId":
      return `o${bson.toHexString?.()}`;
    case "Long":
    case "Int32":
    case "Double":
    case "Decimal128":
      return `#${bson.toString()}`;
    case "Binary":
      return `b${bson.toString("base64")}`;
    case undefined:
      return `{${Object.entries(value as Document)
        .map(([k, v]) => `${JSON.stringify(k)}:${canonicalKey(v)}`)
        .join(",")}}`;
    default:
      return `${bson._bsontype}:${bson.toString()}`;
  }
}

/** Values at a dotted path, expanding arrays the way a multikey index does. */
export function collectPathValues(doc: unknown, path: string): { values: unknown[]; array: boolean } {
  const values: unknown[] = [];
  let array = false;
  const walk = (node: unknown, segments: string[]): void => {
    if (Array.isArray(node) && (segments.length === 0 || !/^\d+$/.test(segments[0] as string))) {
      array = true;
      if (node.length === 0 && segments.length === 0) values.push(undefined);
      for (const item of node) walk(item, segments);
      return;
    }
    if (segments.length === 0) {
      values.push(node);
      return;
    }
    const [head, ...rest] = segments as [string, ...string[]];
    const child = node !== null && typeof node === "object" ? (node as Document)[head] : undefined;
    if (child === undefined) values.push(undefined);
    else walk(child, rest);
  };
  walk(doc, path.split("."));
  return { values, array };
}

export function formatKeyValue(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (Array.isArray(value)) return `[ ${value.map(formatKeyValue).join(", ")} ]`;
  const bson = value as BsonValue;
  if (bson._bsontype === "ObjectId") return `ObjectId('${bson.toHexString?.()}')`;
  if (typeof value === "object" && bson._bsontype === undefined) {
    return `{ ${Object.entries(value as Document)
      .map(([k, v]) => `${k}: ${formatKeyValue(v)}`)
      .join(", ")} }`;
  }
  return String(value);
}
