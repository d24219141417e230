import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import jsxA11y from "eslint-plugin-jsx-a11y";

// Pure modules: the rules engine, the schedule, the safety rules and the export renderers take data in
// and give data out. No database, no framework, no file system, no clock from the environment.
const PURE = "lib/rules, lib/schedule, lib/safety and the lib/exports renderers are pure";
const pureModuleRestrictions = {
  patterns: [
    { group: ["@prisma/*", "prisma", "pg", "next", "next/*", "next-auth", "next-auth/*", "react", "react-dom"], message: `${PURE}: no database, framework or UI imports.` },
    { group: ["@/lib/db/*", "@/lib/auth/*", "@/lib/audit/*", "@/app/*", "@/components/*", "server-only"], message: `${PURE}: they may import only lib/validation and each other.` },
    { group: ["fs", "node:*", "child_process", "http", "https", "net"], message: `${PURE}: no I/O.` },
  ],
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // Accessibility: jsx-a11y's recommended set as errors (eslint-config-next enables a few as warnings).
    files: ["**/*.tsx"],
    rules: jsxA11y.flatConfigs.recommended.rules,
  },
  {
    // Import direction (ARCHITECTURE.md): components never import routes (server actions come in
    // as props from the page), only lib/db and the commands (lib/cli) import prisma/, no cycles.
    files: ["**/*.ts", "**/*.tsx"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            { target: "./components/**/*", from: "./app/**/*", message: "components/ never imports app/: take the server action as a prop, or move it to lib/<area>/actions.ts." },
            {
              target: ["./app/**/*", "./components/**/*", "./lib/!(db|cli)/**/*", "./instrumentation.ts"],
              from: "./prisma/**/*",
              message: "Only lib/db and the commands (lib/cli) import prisma/.",
            },
          ],
        },
      ],
      "import/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    // Links: components/ui/link.tsx (no prefetching of dynamic pages, decision 010), not next/link.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    ignores: ["components/ui/link.tsx"],
    rules: { "no-restricted-imports": ["error", { paths: [{ name: "next/link", message: "Use components/ui/link.tsx: next/link prefetches every link in view, a server request each (decision 010)." }] }] },
  },
  {
    files: ["lib/rules/**/*.ts", "lib/schedule/**/*.ts", "lib/safety/**/*.ts", "lib/exports/**/*.ts"],
    // lib/exports/services/ reads the database and feeds the pure renderers beside it.
    ignores: ["**/*.test.ts", "**/*.bench.ts", "lib/exports/services/**"],
    rules: { "no-restricted-imports": ["error", pureModuleRestrictions] },
  },
  globalIgnores([".next/**", "out/**", "build/**", "next-env.d.ts", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**"]),
]);
