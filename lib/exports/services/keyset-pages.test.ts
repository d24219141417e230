import { describe, expect, it } from "vitest";
import { keysetPages } from "@/lib/exports/services/keyset-pages";

/** An ordered table read as the services read theirs: rows after the condition's key, `take` of them. */
function table(ids: string[], take: number) {
  const calls: object[] = [];
  const readPage = async (after: { id?: { gt: string } }) => {
    calls.push(after);
    return ids.filter((id) => after.id === undefined || id > after.id.gt).slice(0, take).map((id) => ({ id }));
  };
  return { calls, readPage };
}

async function collect<T>(pages: AsyncGenerator<T[]>) {
  const out: T[][] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe("keysetPages", () => {
  it("reads page after page from the last key, the last page short", async () => {
    const { calls, readPage } = table(["a", "b", "c", "d", "e"], 2);
    expect((await collect(keysetPages("id", readPage, 2))).map((page) => page.map((row) => row.id))).toEqual([["a", "b"], ["c", "d"], ["e"]]);
    expect(calls).toEqual([{}, { id: { gt: "b" } }, { id: { gt: "d" } }]);
  });

  it("a full last page costs one more read, which yields nothing; an empty table yields nothing", async () => {
    const full = table(["a", "b", "c", "d"], 2);
    expect((await collect(keysetPages("id", full.readPage, 2))).length).toBe(2);
    expect(full.calls).toEqual([{}, { id: { gt: "b" } }, { id: { gt: "d" } }]);
    const empty = table([], 2);
    expect(await collect(keysetPages("id", empty.readPage, 2))).toEqual([]);
    expect(empty.calls).toEqual([{}]);
  });
});
