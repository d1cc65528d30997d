/**
 * The whole offline plan: read Pulumi.yaml and the stack file, start the monitor and engine, run the
 * program through @pulumi/pulumi's cmd/run with --dry-run, and collect what it registered.
 */
import * as path from "node:path";
import { PLACEHOLDER_TENANT_FRIENDLY_NAME, type PlanTenantFlag } from "./mock-outputs";
import type { Plan, PlanDiagnostic, PlannedProgram } from "./plan-model";
import { findPlaintextSecrets } from "./plaintext-secrets";
import { PlanRecorder } from "./plan-recorder";
import { startPlanServer } from "./plan-server";
import { cleanProgramError, isRunnerNoise, stripAnsi } from "./program-errors";
import { locateProgram, readProjectFile } from "./project-file";
import { programEnvironment, runProgram, type RunProgramRequest } from "./run-program";
import { buildProgramConfig, readStackFile, stackFilePath } from "./stack-config";
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
  /** The tenant's phone_consolidated_experience flag getTenant describes; default unset (a new tenant). */
  tenantPhoneConsolidatedExperience?: PlanTenantFlag;
}

/** What the plan tells about the tenant it assumed, so a reader knows which answer the program saw. */
export function tenantAssumption(flag: PlanTenantFlag): PlanDiagnostic {
  if (flag !== "unset") {
    return { severity: "info", message: `the plan assumes a tenant whose phone_consolidated_experience flag is ${flag} (--tenant-phone-consolidated-experience)` };
  }
  return {
    severity: "warning",
    message:
      "the plan assumes a new tenant: phone_consolidated_experience never set (--tenant-phone-consolidated-experience on|off|unset). " +
      "The Auth0 provider reports an unset flag as off, while Guardian treats it as on: on such a tenant, classic fails at auth0:Guardian; " +
      "set the flag explicitly before the first `pulumi up` (docs/phone-experience.md)",
  };
}

export type PlanOutcome = { ok: true; plan: Plan } | { ok: false; errors: string[]; plan?: Plan };

function outputLines(text: string): string[] {
  return stripAnsi(text)
    .split("\n")
    .filter((line) => !isRunnerNoise(line));
}

export async function createPlan(options: CreatePlanOptions): Promise<PlanOutcome> {
  const project = readProjectFile(options.projectDirectory);
  const location = locateProgram(project);
  const stackFile = readStackFile(options.stackFile ?? stackFilePath(project, options.stack));
  const config = buildProgramConfig(project, options.stack, stackFile);
  const recorder = new PlanRecorder(project.name, options.stack);
  for (const warning of stackFile.warnings) recorder.recordDiagnostic({ severity: "warning", message: warning });
  const region = config.values.get("aws:region");
  if (region === undefined) {
    recorder.recordDiagnostic({
      severity: "warning",
      message: `the stack sets no aws:region; the plan assumes ${DEFAULT_PLAN_REGION}, the AWS provider would stop here`,
    });
  }
  const tenantFlag = options.tenantPhoneConsolidatedExperience ?? "unset";
  recorder.recordDiagnostic(tenantAssumption(tenantFlag));
  const server = await startPlanServer(recorder, {
    region: region?.text ?? DEFAULT_PLAN_REGION,
    tenant: { phoneConsolidatedExperience: tenantFlag, friendlyName: PLACEHOLDER_TENANT_FRIENDLY_NAME },
  });
  const request: RunProgramRequest = {
    monitorAddress: server.address,
    engineAddress: server.address,
    project: project.name,
    stack: options.stack,
    rootDirectory: project.rootDirectory,
    location,
    runtimeOptions: project.runtimeOptions,
    config: config.environment,
    baseEnvironment: options.environment,
    timeoutMs: options.timeoutMs,
  };
  const typescript = await typeScriptMode(
    location.programDirectory,
    project.runtimeOptions.typescript,
    programEnvironment(request),
  );
  const program: PlannedProgram = {
    directory: path.relative(project.rootDirectory, location.programDirectory) || ".",
    entryPoint: location.entryPoint,
    typescript: {
      ...typescript,
      ...(typescript.tsconfig === undefined ? {} : { tsconfig: path.relative(project.rootDirectory, typescript.tsconfig) }),
    },
  };
  let result;
  try {
    result = await runProgram(request);
  } finally {
    await server.close();
  }
  const relativeStackFile = path.relative(project.rootDirectory, stackFile.filePath);
  const stackFileName = relativeStackFile.startsWith("..") ? stackFile.filePath : relativeStackFile;
  const uncheckedSecrets = [...config.values].filter(([, value]) => value.secure).map(([key]) => key).sort();
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
