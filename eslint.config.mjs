import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import jsxA11y from "eslint-plugin-jsx-a11y";

// Pure modules: the rules engine, the schedule and the safety rules take data in and give data out.
// No database, no framework, no file system, no clock from the environment.
const pureModuleRestrictions = {
  patterns: [
    { group: ["@prisma/*", "prisma", "pg", "next", "next/*", "next-auth", "next-auth/*", "react", "react-dom"], message: "lib/rules, lib/schedule and lib/safety are pure: no database, framework or UI imports." },
    { group: ["@/lib/db/*", "@/lib/auth/*", "@/lib/audit/*", "@/app/*", "@/components/*", "server-only"], message: "lib/rules, lib/schedule and lib/safety are pure: they may import only lib/validation and each other." },
    { group: ["fs", "node:*", "child_process", "http", "https", "net"], message: "lib/rules, lib/schedule and lib/safety are pure: no I/O." },
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
    files: ["lib/rules/**/*.ts", "lib/schedule/**/*.ts", "lib/safety/**/*.ts"],
    ignores: ["**/*.test.ts", "**/*.bench.ts"],
    rules: { "no-restricted-imports": ["error", pureModuleRestrictions] },
  },
  globalIgnores([".next/**", "out/**", "build/**", "next-env.d.ts", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**"]),
]);
