import { readFileSync } from "node:fs";

/**
 * `npm start` is a chain of processes: npm → sh → start.ts → (next, postgres). A signal
 * may reach any one of them alone; npm and sh do not pass it on. start.ts therefore watches its
 * ancestors up to npm and shuts down (web server, then database) as soon as one is gone, so no
 * process is left behind whichever of them got the signal. Linux (/proc); elsewhere only the
 * direct parent is watched.
 */
function readParent(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ppid = Number(fields[1]);
    return Number.isInteger(ppid) && ppid > 0 ? ppid : null;
  } catch {
    return null;
  }
}

function isNpm(pid: number): boolean {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return args.some((arg) => /(^|\/)npm(-cli\.js)?$/.test(arg));
  } catch {
    return false;
  }
}

/** The pids from this process's parent up to the nearest npm ancestor (inclusive); just the parent when there is none. */
export function ancestorsUpToNpm(): number[] {
  const chain: number[] = [];
  let pid = process.ppid;
  while (pid > 1 && chain.length < 10) {
    chain.push(pid);
    if (isNpm(pid)) return chain;
    const parent = readParent(pid);
    if (parent === null) break;
    pid = parent;
  }
  return [process.ppid];
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Call `onGone` once, when any of `pids` has exited (or this process was re-parented). */
export function watchAncestors(pids: number[], onGone: (pid: number) => void, intervalMs = 250): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    const gone = process.ppid !== parent ? parent : pids.find((pid) => !isAlive(pid));
    if (gone !== undefined) {
      clearInterval(timer);
      onGone(gone);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
