// ESLint flat config: typescript-eslint's strict rules for every TypeScript file in the project.
// Formatting is Prettier's alone (eslint-config-prettier turns off the rules it would fight).
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "coverage/", "reports/", ".stryker-tmp/"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...tseslint.configs.stylistic,
  {
    languageOptions: { globals: { console: "readonly", process: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // CommonJS files (tools/typescript-require-hook.cjs, which the npm scripts preload): require is how they load.
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  // hook/ holds exactly what ships to Auth0 (the Action bundle's inputs): no build tooling, no file
  // system, no child processes, nothing from the project's other folders.
  ...hookBoundary(),
  // The layers (docs/architecture.md): hook/ <- infra/ <- tools/ <- plan/, bench/ <- test/. A folder
  // imports only from the folders below it.
  ...layerBoundaries({
    infra: ["plan", "tools", "bench", "test"],
    tools: ["plan", "bench", "test"],
    plan: ["bench", "test"],
    bench: ["plan", "test"],
  }),
  prettier,
);

/**
 * One no-restricted-imports rule per folder and depth: a file N folders below the repository root
 * reaches a top-level folder through exactly N `../`, so the pattern for each depth names the folders
 * the layer may not import from.
 */
function layerBoundaries(forbidden) {
  return Object.entries(forbidden).flatMap(([folder, above]) =>
    [1, 2, 3, 4].map((depth) => ({
      files: [`${folder}/${"*/".repeat(depth - 1)}*.ts`],
      rules: {
        "no-restricted-imports": [
          "error",
          {
            patterns: [
              {
                regex: `^(\\.\\./){${depth}}(${above.join("|")})(/|$)`,
                message: `${folder}/ builds only on the layers below it: it may not import from ${above.map((name) => `${name}/`).join(", ")} (docs/architecture.md).`,
              },
            ],
          },
        ],
      },
    })),
  );
}

function hookBoundary() {
  const message = "hook/ holds only what ships to Auth0 in the Action";
  const modules = [
    ["esbuild", "build tooling belongs to infra/auth0/action-bundle.ts"],
    ["typescript", "build tooling"],
    ["ts-node", "build tooling"],
    ["fs", "no file system in an Action"],
    ["node:fs", "no file system in an Action"],
    ["fs/promises", "no file system in an Action"],
    ["node:fs/promises", "no file system in an Action"],
    ["child_process", "no child processes in an Action"],
    ["node:child_process", "no child processes in an Action"],
  ];
  const paths = modules.map(([name, why]) => ({ name, message: `${message}: ${why}.` }));
  const packages = [{ group: ["@pulumi/*", "vitest", "esbuild/*"], message: `${message}: no deploy or test tooling.` }];
  const outside = { regex: "^(\\.\\./)+(infra|plan|tools|bench|test)(/|$)", message: `${message}: no imports from other folders.` };
  const names = modules.map(([name]) => name.replace(/[/]/g, "\\/")).join("|");
  const syntax = [
    {
      selector: `CallExpression[callee.name='require'][arguments.0.value=/^(${names})$/]`,
      message: `${message}: no build tooling, file system or child processes.`,
    },
    {
      selector: `ImportExpression[source.value=/^(${names})$/]`,
      message: `${message}: no build tooling, file system or child processes.`,
    },
    {
      selector: "CallExpression[callee.name='require'][arguments.0.value=/^\\.\\./]",
      message: `${message}: no imports from other folders.`,
    },
  ];
  return [
    {
      files: ["hook/*.ts"],
      rules: {
        "no-restricted-imports": [
          "error",
          { paths, patterns: [...packages, outside, { regex: "^\\.\\./", message: `${message}: no imports from other folders.` }] },
        ],
        "no-restricted-syntax": ["error", ...syntax],
      },
    },
    {
      files: ["hook/actions/**/*.ts"],
      rules: {
        "no-restricted-imports": [
          "error",
          { paths, patterns: [...packages, outside, { regex: "^\\.\\./\\.\\./", message: `${message}: no imports from other folders.` }] },
        ],
        "no-restricted-syntax": ["error", ...syntax.slice(0, 2)],
      },
    },
  ];
}
