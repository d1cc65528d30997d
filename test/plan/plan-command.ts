/**
 * Test helper: runs `npm run --silent plan -- <args>` from the repository root as a user would,
 * and collects its exit code and output. Also makes throwaway project folders outside the repo.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../tools/command";

export const REPOSITORY_ROOT = REPO_ROOT;
export const TINY_PROJECT = path.join(__dirname, "fixtures", "tiny-project");

/**
 * How long a test may wait for its plans. A plan may queue behind every other plan of the run
 * (shared-plans.ts) on a machine whose two cores every test file shares; each plan is bounded by
 * PLAN_COMMAND_TIMEOUT_MS, so this only stops a run that would otherwise never end.
 */
export const PLAN_TEST_TIMEOUT_MS = 900_000;

/** One `npm run plan` is killed after this long (its program's own --timeout is 120 s), and says so. */
export const PLAN_COMMAND_TIMEOUT_MS = 300_000;

export interface PlanRun {
  /** The command line, for failure messages. */
  command: string;
  code: number;
  stdout: string;
  stderr: string;
}

/** What identifies a plan: its arguments and the environment variables the test adds. */
export interface PlanRequest {
  args: string[];
  environment?: Record<string, string>;
}

/** One string per distinct plan. */
export function planKey(request: PlanRequest): string {
  return JSON.stringify([request.args, Object.entries(request.environment ?? {}).sort()]);
}

export function runPlanCommand(args: string[], environment: NodeJS.ProcessEnv = {}): Promise<PlanRun> {
  const npmArgs = ["run", "--silent", "plan", "--", ...args];
  const command = ["npm", ...npmArgs].join(" ");
  const child = spawn("npm", npmArgs, {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, ...environment },
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
  }, PLAN_COMMAND_TIMEOUT_MS);
  return new Promise((resolve, reject) => {
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`${command} could not be started: ${error.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const ending = timedOut ? `\n(killed after ${PLAN_COMMAND_TIMEOUT_MS / 1000} s)` : signal === null ? "" : `\n(killed by ${signal})`;
      resolve({ command, code: code ?? 1, stdout, stderr: stderr + ending });
    });
  });
}

/** A temporary folder, removed by the returned cleanup function. */
export function makeTemporaryDirectory(prefix: string): { directory: string; remove: () => void } {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return { directory, remove: () => fs.rmSync(directory, { recursive: true, force: true }) };
}

/** A project folder outside the repository that still resolves the repository's node_modules. */
export function makeTemporaryProject(files: Record<string, string>): { directory: string; remove: () => void } {
  const project = makeTemporaryDirectory("plan-project");
  fs.symlinkSync(path.join(REPOSITORY_ROOT, "node_modules"), path.join(project.directory, "node_modules"), "dir");
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(project.directory, name), text);
  return project;
}
