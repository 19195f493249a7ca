interface BsonValue {
  _bsontype?: string;
  toHexString?(): string;
  toString(): string;
}

/**
 * MongoDB's order of the scalar types an ordered index keeps (null, numbers, strings, ObjectIds,
 * booleans, dates); undefined for anything else, whose order this server does not model.
 */
function rankOf(value: unknown): number | undefined {
  if (value === undefined || value === null) return 1;
  if (typeof value === "number" || typeof value === "bigint") return 2;
  if (typeof value === "string") return 3;
  if (typeof value === "boolean") return 8;
  if (value instanceof Date) return 9;
  switch ((value as BsonValue)._bsontype) {
    case "Long":
    case "Int32":
    case "Double":
    case "Decimal128":
      return 2;
    case "ObjectId":
      return 7;
    default:
      return undefined;
  }
}

export const isOrderable = (value: unknown): boolean => rankOf(value) !== undefined;

const numberOf = (value: unknown) => Number(typeof value === "object" ? String(value) : value);

/** Compares two orderable values as MongoDB sorts them (strings by code unit, no collation). */
export function compareBson(a: unknown, b: unknown): number {
  const rankA = rankOf(a) ?? 0;
  const rankB = rankOf(b) ?? 0;
  if (rankA !== rankB) return rankA - rankB;
  switch (rankA) {
    case 2:
      return numberOf(a) - numberOf(b);
    case 3:
      return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
    case 7: {
      const [x, y] = [(a as BsonValue).toHexString?.() ?? "", (b as BsonValue).toHexString?.() ?? ""];
      return x === y ? 0 : x < y ? -1 : 1;
    }
    case 8:
      return Number(a) - Number(b);
    case 9:
      return (a as Date).getTime() - (b as Date).getTime();
    default:
      return 0;
  }
}
