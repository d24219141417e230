import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { createAccount } from "@/lib/organization/create-account";
import { disconnectDb, getDb } from "@/lib/db/client";
import { describeFailure } from "@/lib/auth/failure";

/**
 * npm run user:create -- --email a@b.org --role SPONSOR_ADMIN [--name "…"] [--organization "…"] [--site CODE]…
 * Asks for the password without echoing it (or reads one line from standard input when it is
 * not a terminal). Uses DATABASE_URL.
 */
async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) return line;
    return "";
  }
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, callback) {
      if (!muted) process.stdout.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  process.stdout.write(prompt);
  muted = true;
  const answer = await new Promise<string>((resolve) => rl.question("", resolve));
  rl.close();
  process.stdout.write("\n");
  return answer;
}

async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      organization: { type: "string" },
      site: { type: "string", multiple: true },
    },
  });
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set: point it at the app's database");
  const password = await readPassword("Password (not shown): ");
  const confirmation = process.stdin.isTTY ? await readPassword("Repeat the password: ") : password;
  if (password !== confirmation) throw new Error("password: the two entries differ");
  const created = await createAccount(getDb(), { email: values.email, role: values.role, name: values.name, organization: values.organization, sites: values.site ?? [], password });
  process.stdout.write(`created ${values.email} (${values.role}), user id ${created.userId}\n`);
}

main()
  .catch((error: unknown) => {
    const failure = describeFailure(error);
    const message = failure.fieldErrors?.map((e) => `${e.field}: ${e.message}`).join("\n") ?? (failure.code === "internal" && error instanceof Error ? error.message : failure.message);
    process.stderr.write(`user:create: ${message}\n`);
    process.exitCode = 2;
  })
  .finally(() => disconnectDb());
