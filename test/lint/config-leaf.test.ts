/**
 * infra/config/ is a leaf of the program (docs/architecture.md): the entry reads and validates the
 * configuration, reads the tenant, then builds the component; nothing in config/ reaches back up to
 * the component, the stack or the Auth0 reads, nor loads a provider SDK. Measured with esbuild's
 * resolver, so an import through another module counts too.
 */
import { build } from "esbuild";
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { REPO_ROOT } from "../../tools/command";

const CONFIG = path.join(REPO_ROOT, "infra", "config");
const ABOVE = [
  "infra/index.ts",
  "infra/sms-mfa.ts",
  "infra/sms-mfa-stack.ts",
  "infra/auth0/tenant-settings.ts",
  "infra/auth0/tenant-sms-mfa.ts",
];
const PROVIDERS = ["@pulumi/aws", "@pulumi/auth0", "auth0"];

it.each(readdirSync(CONFIG).filter((file) => file.endsWith(".ts")))("infra/config/%s reaches nothing above it", async (file) => {
  const { metafile } = await build({
    entryPoints: [path.join(CONFIG, file)],
    absWorkingDir: REPO_ROOT,
    bundle: true,
    packages: "external",
    platform: "node",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const reached = Object.keys(metafile.inputs);
  const packages = Object.values(metafile.inputs).flatMap((input) => input.imports.filter((i) => i.external).map((i) => i.path));
  expect(reached.filter((source) => ABOVE.includes(source))).toEqual([]);
  expect(packages.filter((name) => PROVIDERS.includes(name))).toEqual([]);
});
