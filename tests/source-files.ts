import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Every file under `dir`, its sub-folders included (the source-walking tests filter what they read). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}
