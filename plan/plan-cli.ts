/**
 * `npm run plan -- [--stack dev] [--json | --mermaid] [--cwd DIR] [--stack-file FILE] [--verbose]
 *   [--tenant-phone-consolidated-experience on|off|unset]`
 *
 * Runs the Pulumi program offline, as `pulumi preview` would run it, and prints what the stack
 * would create. Exit 0 when the program completes, 1 when it fails (its error on stderr) or the plan
 * itself fails, 2 when the command line or the project/stack files are wrong.
 */
import * as path from "node:path";
import { parseFlags, runAsCommand, stackFlag, UsageError, type ToolMain } from "../tools/command";
import { createPlan, PlanInputError } from "./create-plan";
import type { PlanTenantFlag } from "./mock-outputs";
import { renderPlanMermaid } from "./render-mermaid";
import { renderPlanJson, renderPlanText } from "./render-plan";

export interface PlanCliArguments {
  stack: string;
  json: boolean;
  /** Print the resource graph as a Mermaid flowchart instead of the preview. */
  mermaid: boolean;
  projectDirectory: string;
  stackFile?: string;
  verbose: boolean;
  timeoutSeconds: number;
  /** undefined: the plan's default (createPlan: a new tenant, or off for a stack pinning classic). */
  tenantPhoneConsolidatedExperience?: PlanTenantFlag;
}

export const USAGE = `usage: npm run plan -- [options]

Runs the Pulumi program offline, the way \`pulumi preview\` runs it, and prints what the stack would create.

  --stack, -s NAME     stack to plan (reads Pulumi.NAME.yaml); default dev
  --json               print the plan as JSON
  --mermaid            print the resource graph as a Mermaid flowchart (components, dependsOn, inputs)
  --cwd, -C DIR        project folder (the one holding Pulumi.yaml); default the current folder
  --stack-file FILE    read the stack's configuration from FILE instead of Pulumi.NAME.yaml
  --verbose, -v        keep stack traces in error messages
  --timeout SECONDS    stop the program after this long; default 120
  --tenant-phone-consolidated-experience on|off|unset
                       the Auth0 tenant's Unified Phone Experience flag (unset: never set, which
                       auth0.getTenant reads as off); default unset (a new tenant), or off for a
                       stack that pins phoneExperience classic
  --help, -h           show this text
`;

const PLAN_FLAGS = {
  stack: { value: true, alias: "s" },
  json: { value: false },
  mermaid: { value: false },
  cwd: { value: true, alias: "C" },
  "stack-file": { value: true },
  verbose: { value: false, alias: "v" },
  timeout: { value: true },
  "tenant-phone-consolidated-experience": { value: true },
  help: { value: false, alias: "h" },
} as const;

const TENANT_FLAGS: readonly PlanTenantFlag[] = ["on", "off", "unset"];

export function parsePlanArguments(argv: readonly string[], cwd: string): PlanCliArguments | "help" {
  const flags = parseFlags(argv, PLAN_FLAGS);
  if (flags.help === true) return "help";
  const stack = stackFlag(flags, "dev");
  if (stack.includes("/")) {
    throw new UsageError(
      `Flag --stack: the offline plan reads Pulumi.<stack>.yaml; give the stack's short name, not ${JSON.stringify(stack)}`,
    );
  }
  const parsed: PlanCliArguments = {
    stack,
    json: flags.json === true,
    mermaid: flags.mermaid === true,
    projectDirectory: cwd,
    verbose: flags.verbose === true,
    timeoutSeconds: 120,
  };
  if (parsed.json && parsed.mermaid) throw new UsageError("Flags --json and --mermaid print different things: give one of them");
  if (typeof flags.cwd === "string") parsed.projectDirectory = path.resolve(cwd, flags.cwd);
  if (typeof flags["stack-file"] === "string") parsed.stackFile = path.resolve(cwd, flags["stack-file"]);
  if (typeof flags.timeout === "string") {
    const seconds = Number(flags.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError("Flag --timeout must be a positive number of seconds");
    parsed.timeoutSeconds = seconds;
  }
  const tenantFlag = flags["tenant-phone-consolidated-experience"];
  if (typeof tenantFlag === "string") {
    const known = TENANT_FLAGS.find((flag) => flag === tenantFlag);
    if (known === undefined)
      throw new UsageError(
        `Flag --tenant-phone-consolidated-experience: ${JSON.stringify(tenantFlag.slice(0, 20))} is not on, off or unset`,
      );
    parsed.tenantPhoneConsolidatedExperience = known;
  }
  return parsed;
}

/** The plan as a command: exit 0 planned, 1 the program (or the plan) failed, 2 the command line or project files are wrong. */
export const planMain: ToolMain = async (argv, io) => {
  let args: PlanCliArguments | "help";
  try {
    args = parsePlanArguments(argv, process.cwd());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`error: ${error.message}\n\n${USAGE.trimEnd()}`);
    return 2;
  }
  if (args === "help") {
    io.out(USAGE.trimEnd());
    return 0;
  }
  let outcome;
  try {
    outcome = await createPlan({
      projectDirectory: args.projectDirectory,
      stack: args.stack,
      ...(args.stackFile === undefined ? {} : { stackFile: args.stackFile }),
      verbose: args.verbose,
      timeoutMs: args.timeoutSeconds * 1000,
      ...(args.tenantPhoneConsolidatedExperience === undefined
        ? {}
        : { tenantPhoneConsolidatedExperience: args.tenantPhoneConsolidatedExperience }),
      environment: io.env,
    });
  } catch (error) {
    // Wrong project or stack files: the user's input, like a wrong flag. Anything else is the plan's
    // own failure (exit 1, through runAsCommand), never reported as the user's mistake.
    if (!(error instanceof PlanInputError)) throw error;
    io.err(`error: ${error.message}`);
    return 2;
  }
  if (!outcome.ok) {
    for (const message of outcome.errors) io.err(`error: ${message}`);
    io.err(`\nThe program failed under the offline plan for stack ${args.stack}; nothing was planned.`);
    return 1;
  }
  const render = args.json ? renderPlanJson : args.mermaid ? renderPlanMermaid : renderPlanText;
  io.out(render(outcome.plan).replace(/\n$/, ""));
  return 0;
};

if (require.main === module) runAsCommand(planMain);
