/**
 * The project's own rules for its GitHub Actions workflows, on top of GitHub's schema:
 * - every `uses:` of a remote action is pinned to a full 40-hex commit SHA with a `# vX.Y.Z` comment;
 * - `permissions:` is declared at the top and grants nothing but `contents: read`; a job may add
 *   `id-token: write` only when it assumes an AWS role by OIDC, itself or through the local reusable
 *   workflow it calls (`uses: ./.github/workflows/...`), and `pull-requests: write` only when it runs
 *   nothing but shell steps that call no npm and no pulumi (a job that posts a comment); nothing else
 *   is ever granted write;
 * - no long-lived AWS keys (`aws-access-key-id` inputs, `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`);
 * - setup-node installs the Node major named in `.node-version` (`node-version-file`, no version of its
 *   own); `npm install` is never used and `npm ci` comes before any `npm test`/`npm run`;
 * - a job that runs `pulumi up|destroy|refresh` has a concurrency group named after its stack that
 *   does not cancel a run in progress; a job that only runs `pulumi preview` stays out of that group
 *   (GitHub keeps one pending run per group and cancels the older one: a queued preview would cancel
 *   a deployment waiting there);
 * - no secret in workflow- or job-level `env` (every step would read it: npm ci's install scripts,
 *   third-party actions), none in a `run:` script's text, none handed to an action; a step receives a
 *   secret in its own `env` only when it is on SECRET_CONSUMERS' list for that secret.
 * Pure: takes the file's text (and, for jobs that call a local reusable workflow, a function that
 * returns the called file's text), returns the problems found (empty = compliant).
 */
import { load } from "js-yaml";

const AWS_CREDENTIALS_ACTION = "aws-actions/configure-aws-credentials";
const SETUP_NODE_ACTION = "actions/setup-node";
const NODE_VERSION_FILE = ".node-version";
const PINNED_USES = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;
const VERSION_COMMENT = /^v\d+\.\d+\.\d+$/;
/** A `pulumi` command that writes the stack's state, at the start of a script line. */
const PULUMI_STATE_COMMAND = /^\s*pulumi\s+(up|destroy|refresh)\b/m;
const PULUMI_PREVIEW_COMMAND = /^\s*pulumi\s+preview\b/m;
const STACK_GROUP = /^pulumi-stack-(\S+|\$\{\{[^}]*\}\})$/;

type Mapping = Record<string, unknown>;

/** Text of a local reusable workflow named as in `uses: ./.github/workflows/x.yml`, or undefined if absent. */
export type LocalWorkflowReader = (ref: string) => string | undefined;

interface UsesLine {
  line: number;
  ref: string;
  comment: string | undefined;
}

function isMapping(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function mappingOf(value: unknown): Mapping {
  return isMapping(value) ? value : {};
}

function stepsOf(job: Mapping): Mapping[] {
  return Array.isArray(job.steps) ? job.steps.filter(isMapping) : [];
}

function usesOf(step: Mapping): string | undefined {
  return typeof step.uses === "string" ? step.uses : undefined;
}

function runOf(step: Mapping): string {
  return typeof step.run === "string" ? step.run : "";
}

function actionName(uses: string): string {
  return uses.split("@")[0] ?? uses;
}

/** `uses:` lines as written (comments are lost once YAML is parsed, so they are read from the text). */
function usesLines(text: string): UsesLine[] {
  const found: UsesLine[] = [];
  text.split("\n").forEach((raw, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*(["']?)([^\s"'#]+)\1\s*(?:#\s*(\S+))?/.exec(raw);
    if (match?.[2] !== undefined) found.push({ line: index + 1, ref: match[2], comment: match[3] });
  });
  return found;
}

function pinningProblems(fileName: string, text: string, allUses: string[]): string[] {
  const problems: string[] = [];
  const lines = usesLines(text);
  if (lines.length !== allUses.length) {
    problems.push(`${fileName}: ${allUses.length} uses: entries but ${lines.length} written as "uses: owner/repo@sha # vX.Y.Z" lines`);
  }
  for (const { line, ref, comment } of lines) {
    if (ref.startsWith("./")) continue;
    if (ref.startsWith("docker://")) {
      if (!/@sha256:[0-9a-f]{64}$/.test(ref)) problems.push(`${fileName}:${line}: ${ref} is not pinned to an image digest`);
      continue;
    }
    if (!PINNED_USES.test(ref)) {
      problems.push(`${fileName}:${line}: ${ref} is not pinned to a full 40-character commit SHA`);
    } else if (comment === undefined || !VERSION_COMMENT.test(comment)) {
      problems.push(`${fileName}:${line}: ${actionName(ref)} needs a "# vX.Y.Z" comment naming the pinned release`);
    }
  }
  return problems;
}

function jobsOf(workflow: Mapping): Record<string, Mapping> {
  const jobs: Record<string, Mapping> = {};
  for (const [jobId, job] of Object.entries(mappingOf(workflow.jobs))) jobs[jobId] = mappingOf(job);
  return jobs;
}

function stepsAssumeRole(job: Mapping): boolean {
  return stepsOf(job).some((step) => actionName(usesOf(step) ?? "") === AWS_CREDENTIALS_ACTION);
}

/** Whether any job of the local reusable workflow `ref` assumes an AWS role; a string names why it cannot tell. */
function calledWorkflowAssumesRole(ref: string, readLocalWorkflow: LocalWorkflowReader | undefined): boolean | string {
  const text = readLocalWorkflow?.(ref);
  if (text === undefined) return `calls ${ref}, which cannot be read`;
  let called: unknown;
  try {
    called = load(text);
  } catch {
    return `calls ${ref}, which is not YAML`;
  }
  return Object.values(jobsOf(mappingOf(called))).some(stepsAssumeRole);
}

function permissionProblems(
  fileName: string,
  workflow: Mapping,
  jobs: Record<string, Mapping>,
  readLocalWorkflow: LocalWorkflowReader | undefined,
): string[] {
  const problems: string[] = [];
  if (!("permissions" in workflow)) {
    problems.push(`${fileName}: no top-level permissions: (the default token would get the repository's default scopes)`);
  }
  const checkScopes = (where: string, permissions: unknown, allowIdToken: boolean, onlyComments = false): void => {
    if (permissions === undefined) return;
    if (typeof permissions === "string") {
      problems.push(`${fileName}: ${where} permissions: ${permissions} grants every scope; list the scopes instead`);
      return;
    }
    for (const [scope, level] of Object.entries(mappingOf(permissions))) {
      if (level !== "write") continue;
      if (scope === "id-token" && allowIdToken) continue;
      if (scope === "pull-requests" && onlyComments) continue;
      problems.push(
        scope === "id-token"
          ? `${fileName}: ${where} grants id-token: write without assuming an AWS role by OIDC`
          : scope === "pull-requests"
            ? `${fileName}: ${where} grants pull-requests: write to a job that runs an action, npm or pulumi; only a job that just posts a comment may have it`
            : `${fileName}: ${where} grants ${scope}: write, which no workflow of this project needs`,
      );
    }
  };
  checkScopes("the workflow", workflow.permissions, false);
  for (const [jobId, job] of Object.entries(jobs)) {
    const calls = typeof job.uses === "string" && job.uses.startsWith("./") ? job.uses : undefined;
    let assumesRole = stepsAssumeRole(job);
    if (calls !== undefined) {
      const called = calledWorkflowAssumesRole(calls, readLocalWorkflow);
      if (typeof called === "string") problems.push(`${fileName}: job ${jobId} ${called}`);
      assumesRole = called === true;
    }
    checkScopes(`job ${jobId}`, job.permissions, assumesRole, calls === undefined && onlyPostsComments(job));
  }
  return problems;
}

/** A job of shell steps that call neither npm nor pulumi (and no action): the only kind that may write comments. */
function onlyPostsComments(job: Mapping): boolean {
  const steps = stepsOf(job);
  return steps.length > 0 && steps.every((step) => usesOf(step) === undefined && !/(^|[;&|(]\s*)(npm|npx|pulumi)\b/m.test(runOf(step)));
}

function credentialProblems(fileName: string, text: string, jobs: Record<string, Mapping>): string[] {
  const problems: string[] = [];
  if (/AWS_SECRET_ACCESS_KEY|AWS_ACCESS_KEY_ID/.test(text)) {
    problems.push(`${fileName}: mentions AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY; AWS access must come from OIDC role assumption`);
  }
  for (const [jobId, job] of Object.entries(jobs)) {
    for (const step of stepsOf(job)) {
      if (actionName(usesOf(step) ?? "") !== AWS_CREDENTIALS_ACTION) continue;
      const inputs = mappingOf(step.with);
      if ("aws-access-key-id" in inputs || "aws-secret-access-key" in inputs) {
        problems.push(`${fileName}: job ${jobId} passes long-lived AWS keys to ${AWS_CREDENTIALS_ACTION}`);
      }
      if (typeof inputs["role-to-assume"] !== "string") {
        problems.push(`${fileName}: job ${jobId} uses ${AWS_CREDENTIALS_ACTION} without role-to-assume`);
      }
    }
  }
  return problems;
}

function nodeAndNpmProblems(fileName: string, jobs: Record<string, Mapping>): string[] {
  const problems: string[] = [];
  for (const [jobId, job] of Object.entries(jobs)) {
    let installed = false;
    for (const step of stepsOf(job)) {
      if (actionName(usesOf(step) ?? "") === SETUP_NODE_ACTION) {
        const inputs = mappingOf(step.with);
        if (inputs["node-version"] !== undefined || inputs["node-version-file"] !== NODE_VERSION_FILE) {
          const file = inputs["node-version-file"];
          const chosen =
            inputs["node-version"] !== undefined
              ? `Node "${String(inputs["node-version"])}"`
              : file === undefined
                ? "Node without a version file"
                : `Node from "${String(file)}"`;
          problems.push(
            `${fileName}: job ${jobId} sets up ${chosen}; use node-version-file: ${NODE_VERSION_FILE} (the project's one Node version)`,
          );
        }
      }
      const run = runOf(step);
      if (/\bnpm\s+(install|i)\b/.test(run)) problems.push(`${fileName}: job ${jobId} runs npm install; use npm ci`);
      if (/\bnpm\s+ci\b/.test(run)) installed = true;
      if (/\bnpm\s+(test|run)\b/.test(run) && !installed) {
        problems.push(`${fileName}: job ${jobId} runs "${run.trim()}" before npm ci`);
      }
    }
  }
  return problems;
}

function concurrencyProblems(fileName: string, jobs: Record<string, Mapping>): string[] {
  const problems: string[] = [];
  for (const [jobId, job] of Object.entries(jobs)) {
    const runs = stepsOf(job).map(runOf);
    const concurrency = mappingOf(job.concurrency);
    const group = typeof concurrency.group === "string" ? concurrency.group : "";
    if (!runs.some((run) => PULUMI_STATE_COMMAND.test(run))) {
      if (runs.some((run) => PULUMI_PREVIEW_COMMAND.test(run)) && group.startsWith("pulumi-stack-")) {
        problems.push(
          `${fileName}: job ${jobId} only previews but joins ${group}: a queued preview would cancel a deployment pending in that group`,
        );
      }
      continue;
    }
    if (!STACK_GROUP.test(group)) {
      problems.push(`${fileName}: job ${jobId} runs pulumi without a per-stack concurrency group (pulumi-stack-<stack>)`);
    }
    if (concurrency["cancel-in-progress"] !== false) {
      problems.push(`${fileName}: job ${jobId} must set cancel-in-progress: false (a cancelled pulumi up leaves pending operations)`);
    }
  }
  return problems;
}

/**
 * The steps that need each secret, told apart by what they run. The Auth0 provider and the Pulumi CLI
 * (state and the passphrase secrets provider) under pulumi preview/up/destroy/refresh; the doctor, which
 * calls the Management API and reads the stack's outputs; send-test, which reads the deployed key from
 * the stack's outputs and texts the smoke-test number; the step that checks that number is set.
 */
export const SECRET_CONSUMERS: readonly { what: string; runs: RegExp; secrets: readonly string[] }[] = [
  {
    what: "pulumi preview/up/destroy/refresh",
    runs: /^pulumi (preview|up|destroy|refresh) /,
    secrets: ["AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET", "PULUMI_ACCESS_TOKEN", "PULUMI_CONFIG_PASSPHRASE"],
  },
  {
    what: "the preflight (npm run doctor)",
    runs: /^npm run --silent doctor -- /,
    secrets: ["AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET", "PULUMI_ACCESS_TOKEN", "PULUMI_CONFIG_PASSPHRASE"],
  },
  {
    what: "the smoke send (npm run send-test)",
    runs: /^npm run send-test -- /,
    secrets: ["SMOKE_TEST_PHONE", "PULUMI_ACCESS_TOKEN", "PULUMI_CONFIG_PASSPHRASE"],
  },
  { what: "the smoke-test number check", runs: /^if \[ -n "\$SMOKE_TEST_PHONE" \]/, secrets: ["SMOKE_TEST_PHONE"] },
];

const SECRET_REFERENCE = /\bsecrets\.([A-Za-z_][A-Za-z0-9_]*)/g;

/** The secret names an expression-bearing value refers to (`${{ secrets.X }}`). */
function secretsIn(value: unknown): string[] {
  const text = typeof value === "string" ? value : JSON.stringify(value ?? null);
  return [...text.matchAll(SECRET_REFERENCE)].map((match) => match[1] as string);
}

function stepLabel(step: Mapping, index: number): string {
  return typeof step.name === "string" ? `step "${step.name}"` : `step ${index + 1}`;
}

function secretExposureProblems(fileName: string, workflow: Mapping, jobs: Record<string, Mapping>): string[] {
  const problems: string[] = [];
  for (const name of secretsIn(workflow.env)) {
    problems.push(`${fileName}: secret ${name} in the workflow's env reaches every step of every job; give it to the steps that need it`);
  }
  for (const [jobId, job] of Object.entries(jobs)) {
    for (const name of secretsIn(job.env)) {
      problems.push(
        `${fileName}: secret ${name} in job ${jobId}'s env reaches every step (npm ci's install scripts, actions); give it to the steps that need it`,
      );
    }
    stepsOf(job).forEach((step, index) => {
      const where = `${fileName}: job ${jobId} ${stepLabel(step, index)}`;
      const run = runOf(step).trim();
      for (const name of secretsIn(run)) problems.push(`${where} writes secret ${name} into its script; pass it through the step's env`);
      const uses = usesOf(step);
      if (uses !== undefined) {
        for (const name of secretsIn([step.with, step.env])) problems.push(`${where} hands secret ${name} to ${actionName(uses)}`);
        return;
      }
      // One command on one line: a second line could be anything.
      const consumers = run.includes("\n") ? [] : SECRET_CONSUMERS.filter((consumer) => consumer.runs.test(run));
      const allowed = new Set(consumers.flatMap((consumer) => consumer.secrets));
      for (const name of secretsIn(step.env)) {
        if (!allowed.has(name)) problems.push(`${where} receives secret ${name}, which it does not need`);
      }
    });
  }
  return problems;
}

/** Problems with one workflow file against the project's rules; [] when it complies. */
export function workflowRuleProblems(fileName: string, text: string, readLocalWorkflow?: LocalWorkflowReader): string[] {
  let parsed: unknown;
  try {
    parsed = load(text);
  } catch (error) {
    return [`${fileName}: not YAML (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`];
  }
  if (!isMapping(parsed)) return [`${fileName}: not a workflow (expected a mapping at the top)`];
  const jobs = jobsOf(parsed);
  const allUses = Object.values(jobs).flatMap((job) => [
    ...(typeof job.uses === "string" ? [job.uses] : []),
    ...stepsOf(job).flatMap((step) => usesOf(step) ?? []),
  ]);
  return [
    ...pinningProblems(fileName, text, allUses),
    ...permissionProblems(fileName, parsed, jobs, readLocalWorkflow),
    ...credentialProblems(fileName, text, jobs),
    ...nodeAndNpmProblems(fileName, jobs),
    ...concurrencyProblems(fileName, jobs),
    ...secretExposureProblems(fileName, parsed, jobs),
  ];
}
