/** One change between two JSON documents: where, and the value before and after (absent = no value). */
export interface JsonChange {
  path: string;
  old?: unknown;
  new?: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** JSON Pointer (RFC 6901) segment. */
function segment(key: string | number): string {
  return String(key).replaceAll("~", "~0").replaceAll("/", "~1");
}

/**
 * The changes that turn `before` into `after`, down to the leaves: objects key by key, arrays
 * index by index (an element added or removed at the end is one change). Each change keeps
 * both values, so the trail can be read forwards and backwards without storing either
 * document whole. Equal documents give [].
 */
export function diffJson(before: unknown, after: unknown, path = ""): JsonChange[] {
  if (before === after) return [];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => {
      const child = `${path}/${segment(key)}`;
      if (!(key in after)) return [{ path: child, old: before[key] }];
      if (!(key in before)) return [{ path: child, new: after[key] }];
      return diffJson(before[key], after[key], child);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const changes: JsonChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const child = `${path}/${i}`;
      if (i >= after.length) changes.push({ path: child, old: before[i] });
      else if (i >= before.length) changes.push({ path: child, new: after[i] });
      else changes.push(...diffJson(before[i], after[i], child));
    }
    return changes;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path: path || "/", old: before, new: after }];
}
