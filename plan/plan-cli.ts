/**
 * `npm run plan -- [--stack dev] [--json] [--cwd DIR] [--stack-file FILE] [--verbose]
 *   [--tenant-phone-consolidated-experience on|off|unset]`
 *
 * Runs the Pulumi program offline, as `pulumi preview` would run it, and prints what the stack
 * would create. Exit 0 when the program completes, 1 when it fails (its error on stderr), 2 when
 * the command line or the project/stack files are wrong.
 */
import * as path from "node:path";
import { createPlan } from "./create-plan";
import type { PlanTenantFlag } from "./mock-outputs";
import { renderPlanJson, renderPlanText } from "./render-plan";

export interface PlanCliArguments {
  stack: string;
  json: boolean;
  projectDirectory: string;
  stackFile?: string;
  verbose: boolean;
  timeoutSeconds: number;
  tenantPhoneConsolidatedExperience: PlanTenantFlag;
}

export const USAGE = `usage: npm run plan -- [options]

Runs the Pulumi program offline, the way \`pulumi preview\` runs it, and prints what the stack would create.

  --stack, -s NAME     stack to plan (reads Pulumi.NAME.yaml); default dev
  --json               print the plan as JSON
  --cwd, -C DIR        project folder (the one holding Pulumi.yaml); default the current folder
  --stack-file FILE    read the stack's configuration from FILE instead of Pulumi.NAME.yaml
  --verbose, -v        keep stack traces in error messages
  --timeout SECONDS    stop the program after this long; default 120
  --tenant-phone-consolidated-experience on|off|unset
                       the Auth0 tenant's Unified Phone Experience flag, as auth0.getTenant would
                       read it; default unset (a new tenant)
  --help, -h           show this text
`;

const STACK_NAME = /^[A-Za-z0-9_.-]+$/;

export function parsePlanArguments(argv: string[], cwd: string): PlanCliArguments | "help" {
  const parsed: PlanCliArguments = {
    stack: "dev",
    json: false,
    projectDirectory: cwd,
    verbose: false,
    timeoutSeconds: 120,
    tenantPhoneConsolidatedExperience: "unset",
  };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    const [flag, inlineValue] = argument.startsWith("--") && argument.includes("=")
      ? [argument.slice(0, argument.indexOf("=")), argument.slice(argument.indexOf("=") + 1)]
      : [argument, undefined];
    const value = (): string => {
      const next = inlineValue ?? argv[++index];
      if (next === undefined || next === "") throw new Error(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case "--stack":
      case "-s":
        parsed.stack = value();
        if (!STACK_NAME.test(parsed.stack)) throw new Error(`--stack: '${parsed.stack}' is not a stack name (letters, digits, _ . -)`);
        break;
      case "--json":
        parsed.json = true;
        break;
      case "--cwd":
      case "-C":
        parsed.projectDirectory = path.resolve(cwd, value());
        break;
      case "--stack-file":
        parsed.stackFile = path.resolve(cwd, value());
        break;
      case "--verbose":
      case "-v":
        parsed.verbose = true;
        break;
      case "--timeout": {
        const seconds = Number(value());
        if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`--timeout must be a positive number of seconds`);
        parsed.timeoutSeconds = seconds;
        break;
      }
      case "--tenant-phone-consolidated-experience": {
        const flag = value();
        if (flag !== "on" && flag !== "off" && flag !== "unset") throw new Error(`--tenant-phone-consolidated-experience: '${flag}' is not on, off or unset`);
        parsed.tenantPhoneConsolidatedExperience = flag;
        break;
      }
      case "--help":
      case "-h":
        return "help";
      default:
        throw new Error(`unknown argument '${argument}'`);
    }
  }
  return parsed;
}

async function main(): Promise<number> {
  let args: PlanCliArguments | "help";
  try {
    args = parsePlanArguments(process.argv.slice(2), process.cwd());
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args === "help") {
    process.stdout.write(USAGE);
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
      tenantPhoneConsolidatedExperience: args.tenantPhoneConsolidatedExperience,
      environment: process.env,
    });
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    return 2;
  }
  if (!outcome.ok) {
    for (const message of outcome.errors) process.stderr.write(`error: ${message}\n`);
    process.stderr.write(`\nThe program failed under the offline plan for stack ${args.stack}; nothing was planned.\n`);
    return 1;
  }
  process.stdout.write(args.json ? renderPlanJson(outcome.plan) : renderPlanText(outcome.plan));
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
