/**
 * Starts the program the way the Pulumi CLI's Node.js language host does
 * (pulumi-language-nodejs execRuntime): `node [nodeargs] <@pulumi/pulumi/cmd/run> --monitor … --engine …
 * --organization … --project … --root-directory … --stack … --pwd <program dir> --dry-run
 * --parallel … <entry point>`, with PULUMI_CONFIG, PULUMI_CONFIG_SECRET_KEYS,
 * PULUMI_NODEJS_TYPESCRIPT and PULUMI_NODEJS_TSCONFIG_PATH in the environment. cmd/run then loads
 * ts-node with the project's own `typescript` and tsconfig, exactly as under `pulumi preview`.
 */
import { spawn } from "node:child_process";
import type { ProgramConfig } from "../infra/config/stack-file";
import type { NodejsRuntimeOptions, ProgramLocation } from "../infra/config/project-file";

/** The organization name the CLI uses with a self-managed (local or S3) backend. */
export const DEFAULT_ORGANIZATION = "organization";

export interface RunProgramRequest {
  monitorAddress: string;
  engineAddress: string;
  project: string;
  stack: string;
  rootDirectory: string;
  location: ProgramLocation;
  runtimeOptions: NodejsRuntimeOptions;
  config: ProgramConfig["environment"];
  /** Environment the program inherits (the CLI passes its own). */
  baseEnvironment: NodeJS.ProcessEnv;
  /** Kill the program after this long. */
  timeoutMs: number;
}

export interface ProgramResult {
  exitCode: number;
  /** What the program wrote to stdout/stderr (console.log etc.). */
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** cmd/run as the language host finds it: resolved from the program's directory. */
export function locateRunScript(programDirectory: string): string {
  try {
    return require.resolve("@pulumi/pulumi/cmd/run", { paths: [programDirectory] });
  } catch {
    throw new Error(`It looks like the Pulumi SDK has not been installed in ${programDirectory}. Have you run npm ci?`);
  }
}

/** Splits `nodeargs` like a shell would, for the simple quoting Pulumi.yaml values use. */
export function splitNodeArgs(nodeargs: string | undefined): string[] {
  if (nodeargs === undefined) return [];
  const args: string[] = [];
  for (const match of nodeargs.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) args.push(match[1] ?? match[2] ?? match[3] ?? "");
  return args;
}

/** The command line, separated from spawning so it can be checked. */
export function programCommandLine(request: RunProgramRequest, runScript: string): string[] {
  return [
    ...splitNodeArgs(request.runtimeOptions.nodeargs),
    runScript,
    `--monitor=${request.monitorAddress}`,
    `--engine=${request.engineAddress}`,
    `--organization=${DEFAULT_ORGANIZATION}`,
    `--project=${request.project}`,
    `--root-directory=${request.rootDirectory}`,
    `--stack=${request.stack}`,
    `--pwd=${request.location.programDirectory}`,
    "--dry-run",
    "--parallel=16",
    request.location.entryPoint,
  ];
}

export function programEnvironment(request: RunProgramRequest): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = { ...request.baseEnvironment, ...request.config };
  if (request.runtimeOptions.typescript) environment["PULUMI_NODEJS_TYPESCRIPT"] = "true";
  if (request.runtimeOptions.tsconfig !== undefined) environment["PULUMI_NODEJS_TSCONFIG_PATH"] = request.runtimeOptions.tsconfig;
  return environment;
}

export function runProgram(request: RunProgramRequest): Promise<ProgramResult> {
  const runScript = locateRunScript(request.location.programDirectory);
  const child = spawn(process.execPath, programCommandLine(request, runScript), {
    cwd: request.rootDirectory,
    env: programEnvironment(request),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, request.timeoutMs);
  return new Promise((resolve, reject) => {
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? (signal === null ? 1 : 128), stdout, stderr, timedOut });
    });
  });
}
