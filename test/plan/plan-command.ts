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

/** Generous: plans queue behind each other (shared-plans.ts), and CI machines have two cores shared by every test file. */
export const PLAN_TEST_TIMEOUT_MS = 120_000;

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
  return new Promise((resolve, reject) => {
    child.on("error", (error) => reject(new Error(`${command} could not be started: ${error.message}`)));
    child.on("close", (code, signal) =>
      resolve({ command, code: code ?? 1, stdout, stderr: signal === null ? stderr : `${stderr}\n(killed by ${signal})` }),
    );
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
