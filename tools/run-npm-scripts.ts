/**
 * `npm test`'s runner: `node … tools/run-npm-scripts.ts SCRIPT… LIVE` runs the npm scripts at the same
 * time instead of one after another (on two CPUs the type-check, ESLint and the format check fill the
 * time the tests spend waiting on sockets, timers and child processes). LIVE (the last name) writes
 * to the terminal as it runs; each other script's output is held and printed whole, in the order
 * given, once LIVE has ended, followed by one line per script. Exit 0 when every script passed,
 * otherwise the first failing script's exit code (1 when it was killed by a signal).
 */
import { spawn } from "node:child_process";
import { runAsCommand, UsageError, type ToolIo, type ToolMain } from "./command";

export interface ScriptResult {
  script: string;
  /** Exit code; undefined when a signal ended it. */
  code: number | undefined;
  signal?: string;
  seconds: number;
  /** stdout and stderr as they came, for a held script; "" for the live one. */
  output: string;
}

/** Runs `npm run --silent <script>`, holding its output, or passing it through when `live`. */
export function runNpmScript(script: string, live: boolean, env: NodeJS.ProcessEnv, cwd = process.cwd()): Promise<ScriptResult> {
  const startedAt = performance.now();
  const child = spawn("npm", ["run", "--silent", script], { cwd, env, stdio: live ? "inherit" : ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  return new Promise((resolve) => {
    const done = (code: number | undefined, signal?: string, extra = ""): void =>
      resolve({
        script,
        code,
        ...(signal === undefined ? {} : { signal }),
        seconds: (performance.now() - startedAt) / 1000,
        output: output + extra,
      });
    child.on("error", (error) => done(1, undefined, `npm run ${script} could not be started: ${error.message}\n`));
    child.on("close", (code, signal) => done(code ?? undefined, signal ?? undefined));
  });
}

/** The exit code for all of them: 0, or the first failure's code (1 for a signal). */
export function combinedExitCode(results: readonly ScriptResult[]): number {
  const failed = results.find((result) => result.code !== 0);
  return failed === undefined ? 0 : (failed.code ?? 1);
}

export function summaryLine(result: ScriptResult): string {
  const outcome =
    result.code === 0 ? "passed" : result.signal !== undefined ? `killed by ${result.signal}` : `FAILED (exit ${result.code ?? "?"})`;
  return `npm run ${result.script}: ${outcome} in ${result.seconds.toFixed(1)} s`;
}

export const runNpmScriptsMain: ToolMain = async (argv, io: ToolIo) => {
  const scripts = [...argv];
  const live = scripts.pop();
  if (live === undefined || scripts.some((script) => script.startsWith("-")) || live.startsWith("-")) {
    throw new UsageError("usage: run-npm-scripts.ts SCRIPT... LIVE_SCRIPT (npm script names; the last one writes as it runs)");
  }
  const held = scripts.map((script) => runNpmScript(script, false, io.env));
  const liveResult = await runNpmScript(live, true, io.env);
  const heldResults = await Promise.all(held);
  for (const result of heldResults) {
    const text = result.output.trimEnd();
    io.out(`\n── ${summaryLine(result)}${text === "" ? "" : `\n${text}`}`);
  }
  const results = [...heldResults, liveResult];
  io.out(`\n${results.map(summaryLine).join("\n")}`);
  return combinedExitCode(results);
};

if (require.main === module) runAsCommand(runNpmScriptsMain);
