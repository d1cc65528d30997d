// `npm run plan` against a small fixture program: the runner itself, end to end, as a user runs it.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTemporaryDirectory, makeTemporaryProject, PLAN_TEST_TIMEOUT_MS, runPlanCommand, TINY_PROJECT } from "./plan-command";
import { expectExit, prefetchPlans, sharedPlan, type PlanRequest } from "./shared-plans";

const CIPHERTEXT = "RECOGNISABLE-CIPHERTEXT-3f9a"; // the `secure:` value in the fixture's Pulumi.dev.yaml
const INLINE_SECRET = "INLINE-SECRET-7c1e"; // pulumi.secret("...") in the fixture program
const SECRET_PLACEHOLDER = "plan-placeholder-secret-";

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function fixtureStackFile(name: string, edit: (text: string) => string): string {
  const temporary = makeTemporaryDirectory(`plan-stack-${name}`);
  cleanups.push(temporary.remove);
  const file = path.join(temporary.directory, "Pulumi.dev.yaml");
  fs.writeFileSync(file, edit(fs.readFileSync(path.join(TINY_PROJECT, "Pulumi.dev.yaml"), "utf8")));
  return file;
}

/** A program with a type error, in a project without a tsconfig: the CLI's default, ts-node type-checks. */
const typeErrorProject = makeTemporaryProject({
  "Pulumi.yaml": "name: type-error-fixture\nruntime: nodejs\n",
  "Pulumi.dev.yaml": "config:\n  aws:region: eu-west-1\n",
  "index.ts": 'import * as pulumi from "@pulumi/pulumi";\nconst count: number = "three";\nexport const out = pulumi.output(count);\n',
});
cleanups.push(typeErrorProject.remove);

const PLANS = {
  text: { args: ["--cwd", TINY_PROJECT] },
  json: { args: ["--cwd", TINY_PROJECT, "--json"] },
  brokenValue: {
    args: [
      "--cwd",
      TINY_PROJECT,
      "--stack-file",
      fixtureStackFile("broken", (text) => text.replace("greeting: hello", "greeting: Hello World")),
    ],
  },
  wrongType: {
    args: ["--cwd", TINY_PROJECT, "--stack-file", fixtureStackFile("wrong-type", (text) => `${text}  tiny-plan-fixture:copies: many\n`)],
  },
  missingKey: { args: ["--cwd", TINY_PROJECT, "--stack-file", fixtureStackFile("missing", (text) => text.replace(/^.*greeting.*$/m, ""))] },
  typeChecked: { args: ["--cwd", typeErrorProject.directory] },
  transpiled: { args: ["--cwd", typeErrorProject.directory], environment: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } },
} satisfies Record<string, PlanRequest>;

beforeAll(() => prefetchPlans(Object.values(PLANS)));

function treeLine(stdout: string, name: string): string {
  const line = stdout.split("\n").find((candidate) => candidate.startsWith(" + ") && candidate.includes(` ${name} `));
  if (line === undefined) throw new Error(`no tree line for ${name} in:\n${stdout}`);
  return line;
}

describe("npm run plan on a fixture program", () => {
  it(
    "prints the resource tree with options, inputs and outputs, secrets as [secret]",
    async () => {
      const run = await sharedPlan(PLANS.text.args);
      expect(run.stderr).toBe("");
      expectExit(run, 0);
      const { stdout } = run;
      expect(stdout).toContain("Previewing stack dev of project tiny-plan-fixture");
      expect(stdout).toContain(
        "Program: ./ loaded by @pulumi/pulumi cmd/run; ts-node transpiled only (compilerOptions.noCheck in tsconfig.pulumi.json)",
      );
      // The tree: component parent, child, options that matter.
      expect(treeLine(stdout, "senders")).toContain("fixture:index:SenderGroup");
      expect(treeLine(stdout, "senders-user")).toMatch(/└─ aws:iam\/user:User\s+senders-user\s+create\s+protect/);
      expect(treeLine(stdout, "sender-policy")).toContain("dependsOn: sender-key");
      expect(stdout).toContain("+ 5 to create");
      // Inputs: tag from config, policy JSON readable.
      expect(stdout).toContain('greeting: "hello"');
      expect(stdout).toContain('NotResource: "arn:aws:sns:*:*:*"');
      // Outputs: a plausible ARN, the stack file's list over the project default, the default integer.
      expect(stdout).toMatch(/userArn: "arn:aws:iam::123456789012:user\/fixture\/senders-user-[0-9a-f]{7}"/);
      expect(stdout).toMatch(/colours: \[\s+"green"\s+"blue"\s+\]/);
      expect(stdout).toContain("copies: 1");
      // Secrets: config secret, inline secret and a provider's secret output all stay secret.
      expect(stdout).toContain("token: [secret]");
      expect(stdout).toContain("inlineSecret: [secret]");
      expect(stdout).toContain("accessKeySecret: [secret]");
      for (const secret of [CIPHERTEXT, INLINE_SECRET, SECRET_PLACEHOLDER]) {
        expect(stdout + run.stderr).not.toContain(secret);
      }
    },
    PLAN_TEST_TIMEOUT_MS,
  );

  it(
    "--json prints the same plan as valid JSON, secrets as markers",
    async () => {
      const run = await sharedPlan(PLANS.json.args);
      expectExit(run, 0);
      const plan = JSON.parse(run.stdout) as {
        summary: { create: number };
        resources: { type: string; name: string; parent?: string; options: { protect?: boolean; dependsOn: string[] } }[];
        outputs: Record<string, unknown>;
      };
      expect(plan.summary.create).toBe(5);
      const user = plan.resources.find((resource) => resource.type === "aws:iam/user:User");
      expect(user?.options.protect).toBe(true);
      expect(user?.parent).toMatch(/fixture:index:SenderGroup::senders$/);
      const policy = plan.resources.find((resource) => resource.name === "sender-policy");
      expect(policy?.options.dependsOn).toEqual([expect.stringMatching(/aws:iam\/accessKey:AccessKey::sender-key$/)]);
      expect(plan.outputs["token"]).toEqual({ $plan: "secret" });
      expect(plan.outputs["settings"]).toEqual({ copies: 1, colours: ["green", "blue"] });
      for (const secret of [CIPHERTEXT, INLINE_SECRET, SECRET_PLACEHOLDER]) expect(run.stdout).not.toContain(secret);
    },
    PLAN_TEST_TIMEOUT_MS,
  );

  it(
    "fails with the program's own validation message when a stack value is broken",
    async () => {
      const run = await sharedPlan(PLANS.brokenValue.args);
      expectExit(run, 1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain(`error: config key 'greeting' must be lower-case letters, got "Hello World"`);
      expect(run.stderr).not.toMatch(/^\s+at /m); // no stack frames without --verbose
      expect(run.stderr).not.toContain(CIPHERTEXT);
    },
    PLAN_TEST_TIMEOUT_MS,
  );

  it(
    "refuses stack values of the wrong declared type, or missing required keys, before running anything",
    async () => {
      const wrongType = await sharedPlan(PLANS.wrongType.args);
      expectExit(wrongType, 2);
      expect(wrongType.stderr).toContain("Stack 'dev' with configuration key 'copies' must be of type 'integer'");
      const missing = await sharedPlan(PLANS.missingKey.args);
      expectExit(missing, 2);
      expect(missing.stderr).toContain("Stack 'dev' is missing configuration value 'greeting'");
    },
    PLAN_TEST_TIMEOUT_MS,
  );

  it(
    "type-checks the program as the Pulumi CLI does by default, and honours PULUMI_NODEJS_TRANSPILE_ONLY",
    async () => {
      const checked = await sharedPlan(PLANS.typeChecked.args);
      expectExit(checked, 1);
      expect(checked.stderr).toContain("TS2322");
      expect(checked.stderr).toContain("Type 'string' is not assignable to type 'number'");
      const transpiled = await sharedPlan(PLANS.transpiled.args, PLANS.transpiled.environment);
      expect(transpiled.stderr).toBe("");
      expectExit(transpiled, 0);
      expect(transpiled.stdout).toContain("ts-node transpiled only (PULUMI_NODEJS_TRANSPILE_ONLY=true; no tsconfig");
      expect(transpiled.stdout).toContain('out: "three"');
    },
    PLAN_TEST_TIMEOUT_MS,
  );

  it(
    "rejects an unknown argument with the usage text",
    async () => {
      const run = await runPlanCommand(["--stak", "prod"]);
      expectExit(run, 2);
      expect(run.stderr).toContain("Unknown flag --stak");
      expect(run.stderr).toContain("usage: npm run plan");
    },
    PLAN_TEST_TIMEOUT_MS,
  );
});
