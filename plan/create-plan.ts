/**
 * The whole offline plan: read Pulumi.yaml and the stack file, start the monitor and engine, run the
 * program through @pulumi/pulumi's cmd/run with --dry-run, and collect what it registered.
 */
import * as path from "node:path";
import { configWithStandIn, environmentWithStandIn, startAuth0TenantStandIn } from "./auth0-tenant-stand-in";
import { PLACEHOLDER_TENANT_FRIENDLY_NAME, type PlanTenantFlag } from "./mock-outputs";
import type { Plan, PlanDiagnostic, PlannedProgram } from "./plan-model";
import { findPlaintextSecrets } from "./plaintext-secrets";
import { PlanRecorder } from "./plan-recorder";
import { startPlanServer } from "./plan-server";
import { cleanProgramError, isRunnerNoise, stripAnsi } from "./program-errors";
import { locateProgram, readProjectFile } from "../infra/config/project-file";
import { locateRunScript, programEnvironment, runProgram, type RunProgramRequest } from "./run-program";
import { buildProgramConfig, readStackFile, stackFilePath } from "../infra/config/stack-file";
import { typeScriptMode } from "./typescript-mode";

/** The region the plan assumes when the stack sets no aws:region (the provider would refuse). */
export const DEFAULT_PLAN_REGION = "us-east-1";

export interface CreatePlanOptions {
  /** The folder holding Pulumi.yaml. */
  projectDirectory: string;
  stack: string;
  /** Use this file instead of <project>/Pulumi.<stack>.yaml. */
  stackFile?: string;
  verbose: boolean;
  timeoutMs: number;
  environment: NodeJS.ProcessEnv;
  /**
   * The tenant's phone_consolidated_experience flag; default: unset (a new tenant), or off for a stack
   * that pins classic (the only tenant a classic pin deploys on).
   */
  tenantPhoneConsolidatedExperience?: PlanTenantFlag;
}

/** The flag the plan assumes when none is given: a new tenant's, unless the stack pins classic. */
export function defaultTenantFlag(phoneExperience: string | undefined): PlanTenantFlag {
  return phoneExperience === "classic" ? "off" : "unset";
}

/** What the plan tells about the tenant it assumed, so a reader knows which answers the program saw. */
export function tenantAssumption(flag: PlanTenantFlag, given: boolean): PlanDiagnostic {
  const option = "--tenant-phone-consolidated-experience on|off|unset";
  if (flag === "unset") {
    return {
      severity: "info",
      message:
        `the plan assumes a new tenant: phone_consolidated_experience never set (${option}). auth0.getTenant reads it as off, as the ` +
        "Auth0 provider does; the program then reads the setting itself, here from the plan's loopback stand-in of the Auth0 Management API",
    };
  }
  if (!given) {
    return {
      severity: "info",
      message: `the plan assumes a tenant whose phone_consolidated_experience flag is off: the stack pins classic, which only such a tenant accepts (${option}; unset plans a new tenant)`,
    };
  }
  return { severity: "info", message: `the plan assumes a tenant whose phone_consolidated_experience flag is ${flag} (${option})` };
}

export type PlanOutcome = { ok: true; plan: Plan } | { ok: false; errors: string[]; plan?: Plan };

/**
 * The project or stack files are wrong (or missing), or the SDK is not installed: nothing was started.
 * Any other error out of createPlan is the plan's own failure, not the user's input.
 */
export class PlanInputError extends Error {
  override readonly name = "PlanInputError";
}

/** Runs `read`, turning what it throws into a PlanInputError with the same message. */
function readInput<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new PlanInputError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

function outputLines(text: string): string[] {
  return stripAnsi(text)
    .split("\n")
    .filter((line) => !isRunnerNoise(line));
}

export async function createPlan(options: CreatePlanOptions): Promise<PlanOutcome> {
  const { project, location, stackFile, config } = readInput(() => {
    const project = readProjectFile(options.projectDirectory);
    const location = locateProgram(project);
    locateRunScript(location.programDirectory);
    const stackFile = readStackFile(options.stackFile ?? stackFilePath(project, options.stack));
    return { project, location, stackFile, config: buildProgramConfig(project, options.stack, stackFile) };
  });
  const recorder = new PlanRecorder(project.name, options.stack);
  for (const warning of stackFile.warnings) recorder.recordDiagnostic({ severity: "warning", message: warning });
  const region = config.values.get("aws:region");
  if (region === undefined) {
    recorder.recordDiagnostic({
      severity: "warning",
      message: `the stack sets no aws:region; the plan assumes ${DEFAULT_PLAN_REGION}, the AWS provider would stop here`,
    });
  }
  const chosenExperience = config.values.get(`${project.name}:phoneExperience`);
  const tenantFlag =
    options.tenantPhoneConsolidatedExperience ?? defaultTenantFlag(chosenExperience?.secure === true ? undefined : chosenExperience?.text);
  recorder.recordDiagnostic(tenantAssumption(tenantFlag, options.tenantPhoneConsolidatedExperience !== undefined));
  // getTenant is answered by the monitor as the provider would; the program's own read of the raw
  // setting goes to a loopback stand-in of the Auth0 endpoints it uses.
  const standIn = await startAuth0TenantStandIn(tenantFlag, PLACEHOLDER_TENANT_FRIENDLY_NAME);
  let server;
  try {
    server = await startPlanServer(recorder, {
      region: region?.text ?? DEFAULT_PLAN_REGION,
      tenant: { phoneConsolidatedExperience: tenantFlag, friendlyName: PLACEHOLDER_TENANT_FRIENDLY_NAME },
    });
  } catch (error) {
    await standIn.close();
    throw error;
  }
  const request: RunProgramRequest = {
    monitorAddress: server.address,
    engineAddress: server.address,
    project: project.name,
    stack: options.stack,
    rootDirectory: project.rootDirectory,
    location,
    runtimeOptions: project.runtimeOptions,
    config: configWithStandIn(config.environment, standIn),
    baseEnvironment: environmentWithStandIn(options.environment, standIn),
    timeoutMs: options.timeoutMs,
  };
  let program: PlannedProgram;
  let result;
  try {
    const typescript = typeScriptMode(location.programDirectory, project.runtimeOptions.typescript, programEnvironment(request));
    program = {
      directory: path.relative(project.rootDirectory, location.programDirectory) || ".",
      entryPoint: location.entryPoint,
      typescript: {
        ...typescript,
        ...(typescript.tsconfig === undefined ? {} : { tsconfig: path.relative(project.rootDirectory, typescript.tsconfig) }),
      },
    };
    result = await runProgram(request);
  } finally {
    await server.close();
    await standIn.close();
  }
  const relativeStackFile = path.relative(project.rootDirectory, stackFile.filePath);
  const stackFileName = relativeStackFile.startsWith("..") ? stackFile.filePath : relativeStackFile;
  const uncheckedSecrets = [...config.values]
    .filter(([, value]) => value.secure)
    .map(([key]) => key)
    .sort();
  const programErrors = recorder.errors().map((diagnostic) => cleanProgramError(diagnostic.message, options.verbose));
  if (result.exitCode === 0 && !result.timedOut && programErrors.length === 0) {
    for (const line of outputLines(result.stdout)) recorder.recordDiagnostic({ severity: "info", message: line });
    for (const line of outputLines(result.stderr)) recorder.recordDiagnostic({ severity: "warning", message: line });
    const plan = recorder.plan(stackFileName, program, uncheckedSecrets);
    plan.diagnostics.push(...findPlaintextSecrets(plan));
    return { ok: true, plan };
  }
  const errors = [...programErrors];
  if (result.timedOut) errors.push(`the program did not finish within ${Math.round(options.timeoutMs / 1000)} s and was stopped`);
  if (errors.length === 0) {
    // Nothing reached the engine's log: the program died before it could report (syntax, a crash).
    const stderr = outputLines(result.stderr).join("\n");
    errors.push(stderr === "" ? `the program exited with code ${result.exitCode}` : cleanProgramError(stderr, options.verbose));
  }
  return { ok: false, errors, plan: recorder.plan(stackFileName, program, uncheckedSecrets) };
}
