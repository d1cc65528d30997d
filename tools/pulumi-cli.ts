/**
 * Runs the Pulumi CLI for the operator tools: `pulumi` from PATH, or the executable named by
 * PULUMI_BIN (tests point it at a fake). Arguments are passed as an argv array, never through a shell;
 * the project folder (where Pulumi.yaml is) is the working directory.
 */
import { execFile } from "node:child_process";
import { REPO_ROOT } from "./command";

export const PULUMI_INSTALL_HINT =
  "install the Pulumi CLI (https://www.pulumi.com/docs/iac/download-install/, e.g. `curl -fsSL https://get.pulumi.com | sh`) or set PULUMI_BIN to its path";

export interface PulumiResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class PulumiCliMissingError extends Error {
  override readonly name = "PulumiCliMissingError";
}

/** The executable to run: PULUMI_BIN when set, else `pulumi` (looked up on PATH). */
export function pulumiBinary(env: NodeJS.ProcessEnv): string {
  const configured = env.PULUMI_BIN?.trim();
  return configured === undefined || configured === "" ? "pulumi" : configured;
}

/**
 * Runs `pulumi <args>` and resolves with its exit code and output whatever the code; rejects only
 * when the CLI cannot be started (PulumiCliMissingError says what to install).
 */
export function runPulumi(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string = REPO_ROOT): Promise<PulumiResult> {
  const binary = pulumiBinary(env);
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      [...args],
      { cwd, env: { ...env, PULUMI_SKIP_UPDATE_CHECK: "true" }, maxBuffer: 16 * 1024 * 1024, timeout: 120_000, windowsHide: true },
      (error, stdout, stderr) => {
        const code = (error as NodeJS.ErrnoException | null)?.code;
        if (code === "ENOENT" || code === "EACCES") {
          reject(new PulumiCliMissingError(`The Pulumi CLI (${binary}) could not be started: ${PULUMI_INSTALL_HINT}`));
          return;
        }
        const exitCode = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code: exitCode, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** True when the CLI starts and answers `pulumi version`. */
export async function pulumiAvailable(env: NodeJS.ProcessEnv): Promise<boolean> {
  try {
    return (await runPulumi(["version"], env)).code === 0;
  } catch (error) {
    if (error instanceof PulumiCliMissingError) return false;
    throw error;
  }
}

/** The CLI's own error text for a failed command: its stderr, trimmed (never its stdout, which may hold secrets). */
export function pulumiFailure(command: string, result: PulumiResult): Error {
  const detail = result.stderr.trim().split("\n").slice(-5).join("\n").slice(0, 600);
  return new Error(`\`${command}\` failed (exit ${result.code})${detail === "" ? "" : `:\n${detail}`}`);
}
