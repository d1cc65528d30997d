// `npm run plan` against the real program and every committed stack file: it loads under
// @pulumi/pulumi's cmd/run (not only under vitest) and plans what the stack is for.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTemporaryDirectory, PLAN_TEST_TIMEOUT_MS, REPOSITORY_ROOT } from "./plan-command";
import { expectExit, prefetchPlans, sharedPlan, type PlanRequest } from "./shared-plans";

const COMMITTED_STACKS = fs
  .readdirSync(REPOSITORY_ROOT)
  .map((file) => /^Pulumi\.(.+)\.ya?ml$/.exec(file)?.[1])
  .filter((stack): stack is string => stack !== undefined);

interface JsonPlan {
  summary: { create: number };
  resources: { type: string; name: string; inputs: Record<string, unknown>; options: { protect?: boolean } }[];
  outputs: Record<string, unknown>;
  diagnostics: { severity: string; message: string }[];
}

/** What every stack is for, by the resource types that can play each part. */
const EXPECTED_PARTS: Record<string, string[]> = {
  "the sender Action": ["auth0:index/action:Action"],
  "its binding": ["auth0:index/triggerActions:TriggerActions", "auth0:index/triggerAction:TriggerAction"],
  "the MFA phone factor": ["auth0:index/guardian:Guardian"],
  "the IAM user": ["aws:iam/user:User"],
  "its policy": ["aws:iam/userPolicy:UserPolicy", "aws:iam/policy:Policy"],
  "its access key": ["aws:iam/accessKey:AccessKey"],
};

const OPERATOR_AUTH0_ENVIRONMENT = {
  AUTH0_DOMAIN: "operator-tenant.eu.auth0.com",
  AUTH0_CLIENT_ID: "operatorClientIdRecognisable",
  AUTH0_CLIENT_SECRET: "operator-secret-recognisable",
  AUTH0_API_TOKEN: "operator-token-recognisable",
};
const CIPHERTEXT = "v1:AAABBBCCCRECOGNISABLECIPHERTEXT0042";

const stackFiles = makeTemporaryDirectory("plan-stack");
afterAll(() => stackFiles.remove());

function stackFileCopy(stack: string, name: string, edit: (text: string) => string): string {
  const file = path.join(stackFiles.directory, name, `Pulumi.${stack}.yaml`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, edit(fs.readFileSync(path.join(REPOSITORY_ROOT, `Pulumi.${stack}.yaml`), "utf8")));
  return file;
}

const BROKEN_DEV = stackFileCopy("dev", "broken", (text) => text.replace(/phoneExperience: \w+/, "phoneExperience: sometimes"));
const ENCRYPTED_DEV = stackFileCopy("dev", "encrypted", (text) => `${text}  auth0:clientSecret:\n    secure: ${CIPHERTEXT}\n`);

/** Every plan this file reads; the committed stacks' JSON plans are shared with conformance-plan.test.ts. */
const PLANS = {
  devOn: { args: ["--stack", "dev", "--tenant-phone-consolidated-experience", "on"] },
  prodOn: { args: ["--stack", "prod", "--tenant-phone-consolidated-experience", "on"] },
  dev: { args: ["--stack", "dev"] },
  devOff: { args: ["--stack", "dev", "--tenant-phone-consolidated-experience", "off"] },
  prod: { args: ["--stack", "prod"] },
  prodUnset: { args: ["--stack", "prod", "--tenant-phone-consolidated-experience", "unset"] },
  devOperatorEnvironment: { args: ["--stack", "dev"], environment: OPERATOR_AUTH0_ENVIRONMENT },
  brokenDev: { args: ["--stack", "dev", "--stack-file", BROKEN_DEV] },
  encryptedDev: { args: ["--stack", "dev", "--stack-file", ENCRYPTED_DEV] },
} satisfies Record<string, PlanRequest>;

function jsonPlan(stack: string): PlanRequest {
  return { args: ["--stack", stack, "--json"] };
}

beforeAll(() => prefetchPlans([...COMMITTED_STACKS.map(jsonPlan), ...Object.values(PLANS)]));

describe("npm run plan answers auth0.getTenant from --tenant-phone-consolidated-experience", () => {
  it(
    "dev (auto) plans unified on a tenant whose flag is on, and says why",
    async () => {
      const run = await sharedPlan(PLANS.devOn.args);
      expectExit(run, 0);
      expect(run.stdout).toContain("phone experience: unified (auto: tenant flag phone_consolidated_experience on)");
      expect(run.stdout).toContain("auth0:index/phoneProvider:PhoneProvider");
    },
    PLAN_TEST_TIMEOUT_MS,
  );

  it(
    "prod (classic, pinned) is refused on a tenant whose flag is on, naming the flag",
    async () => {
      const run = await sharedPlan(PLANS.prodOn.args);
      expectExit(run, 1);
      expect(run.stderr).toContain("phoneExperience: classic contradicts the tenant: its flag phone_consolidated_experience is on");
    },
    PLAN_TEST_TIMEOUT_MS,
  );

  it(
    "by default assumes a new tenant (flag never set): getTenant reads false, the program reads the setting from the stand-in, and auto plans unified",
    async () => {
      const run = await sharedPlan(PLANS.dev.args);
      expectExit(run, 0);
      expect(run.stdout).toContain("phone experience: unified (auto: tenant flag phone_consolidated_experience unset");
      expect(run.stdout).toContain("the plan assumes a new tenant: phone_consolidated_experience never set");
      expect(run.stdout).toContain("auth0:index/phoneProvider:PhoneProvider");
      expect(run.stdout).not.toMatch(/could not read the setting itself/);
    },
    PLAN_TEST_TIMEOUT_MS,
  );

  it(
    "with the flag off, auto plans classic (the stand-in confirms getTenant's false)",
    async () => {
      const run = await sharedPlan(PLANS.devOff.args);
      expectExit(run, 0);
      expect(run.stdout).toContain("phone experience: classic (auto: tenant flag phone_consolidated_experience off)");
      expect(run.stdout).not.toContain("auth0:index/phoneProvider:PhoneProvider");
      expect(run.stdout).not.toMatch(/could not read the setting itself/);
    },
    PLAN_TEST_TIMEOUT_MS,
  );

  it(
    "prod (classic, pinned) is planned on a tenant whose flag is off by default, and refused on a new tenant",
    async () => {
      const byDefault = await sharedPlan(PLANS.prod.args);
      expectExit(byDefault, 0);
      expect(byDefault.stdout).toContain(
        "the plan assumes a tenant whose phone_consolidated_experience flag is off: the stack pins classic",
      );
      expect(byDefault.stdout).toContain("phone experience: classic (set explicitly; tenant flag phone_consolidated_experience off)");
      const newTenant = await sharedPlan(PLANS.prodUnset.args);
      expectExit(newTenant, 1);
      expect(newTenant.stderr).toContain(
        "phoneExperience: classic contradicts the tenant: its flag phone_consolidated_experience is unset",
      );
    },
    PLAN_TEST_TIMEOUT_MS,
  );

  it(
    "points the program at its stand-in, not at the operator's tenant, and never prints the stand-in's credentials",
    async () => {
      const run = await sharedPlan(PLANS.devOperatorEnvironment.args, PLANS.devOperatorEnvironment.environment);
      expectExit(run, 0);
      expect(run.stdout).toContain("phone experience: unified (auto: tenant flag phone_consolidated_experience unset");
      const everything = run.stdout + run.stderr;
      for (const text of [
        "operator-tenant",
        "operatorClientIdRecognisable",
        "operator-secret-recognisable",
        "operator-token-recognisable",
        "plan-auth0-stand-in-client",
        "127.0.0.1:",
      ]) {
        expect(everything).not.toContain(text);
      }
    },
    PLAN_TEST_TIMEOUT_MS,
  );
});

describe("npm run plan on the committed stacks", () => {
  it("finds the dev and prod stack files", () => {
    expect(COMMITTED_STACKS).toEqual(expect.arrayContaining(["dev", "prod"]));
  });

  for (const stack of COMMITTED_STACKS) {
    it(
      `plans stack ${stack}: the Action, its binding, the MFA factor, the IAM user, its policy and key, secrets kept secret`,
      async () => {
        const run = await sharedPlan(jsonPlan(stack).args);
        expect(run.stderr).toBe("");
        expectExit(run, 0);
        const plan = JSON.parse(run.stdout) as JsonPlan;
        const types = new Set(plan.resources.map((resource) => resource.type));
        for (const [part, candidates] of Object.entries(EXPECTED_PARTS)) {
          expect(
            candidates.some((type) => types.has(type)),
            `${part} (${candidates.join(" or ")})`,
          ).toBe(true);
        }
        // The AWS secret key reaches the Action only as a secret.
        const action = plan.resources.find((resource) => resource.type === "auth0:index/action:Action");
        expect(JSON.stringify(action?.inputs["secrets"])).toContain('"$plan":"secret"');
        expect(plan.outputs["senderSecretAccessKey"]).toEqual({ $plan: "secret" });
        expect(plan.diagnostics.filter((diagnostic) => /secret reaches/.test(diagnostic.message))).toEqual([]);
        expect(run.stdout).not.toContain("plan-placeholder-secret-");
      },
      PLAN_TEST_TIMEOUT_MS,
    );
  }

  it(
    "fails with the program's validation message when a stack value is broken",
    async () => {
      const run = await sharedPlan(PLANS.brokenDev.args);
      expectExit(run, 1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/phoneExperience.*sometimes/);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    },
    PLAN_TEST_TIMEOUT_MS,
  );

  it(
    "prints the plan as a tree a person reads, without an encrypted config value or a provider's secret",
    async () => {
      const run = await sharedPlan(PLANS.encryptedDev.args);
      expectExit(run, 0);
      expect(run.stdout).toContain("Previewing stack dev of project auth0-sns-mfa");
      // The runner only transpiles, with esbuild (Pulumi.yaml's tsconfig.pulumi.json); npm test type-checks.
      expect(run.stdout).toContain(
        "Program: infra/ loaded by @pulumi/pulumi cmd/run; ts-node transpiled only with ./tools/typescript-transpiler.cjs (compilerOptions.noCheck in tsconfig.pulumi.json)",
      );
      for (const type of [
        "auth0:index/action:Action",
        "auth0:index/guardian:Guardian",
        "aws:iam/user:User",
        "aws:iam/accessKey:AccessKey",
      ]) {
        expect(run.stdout).toMatch(new RegExp(`^ \\+ .*${type.replace(/[/]/g, "\\/")} `, "m"));
      }
      expect(run.stdout).toContain("senderSecretAccessKey: [secret]");
      const everything = run.stdout + run.stderr;
      expect(everything).not.toContain("RECOGNISABLECIPHERTEXT");
      expect(everything).not.toContain("plan-placeholder-secret-");
    },
    PLAN_TEST_TIMEOUT_MS,
  );
});
