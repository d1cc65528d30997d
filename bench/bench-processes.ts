// The bench's child processes: the SNS endpoint (forked, driven over IPC) and the measuring drivers
// (plain `node <compiled driver>.js`, one at a time, result read from stdout).
import { fork, spawn } from "node:child_process";
import path from "node:path";
import { BENCH_ENV } from "./bench-protocol";
import type { EndpointCommand, EndpointReady, EndpointStats } from "./endpoint-process";

const DRIVER_TIMEOUT_MS = 30_000;

export interface EndpointProcess {
  url: string;
  caPem: string;
  stats(): Promise<EndpointStats>;
  close(): Promise<void>;
}

/** Forks the compiled endpoint-process (behind a latency proxy of `rttMs` when > 0) and resolves once it listens. */
export function startEndpointProcess(file: string, rttMs = 0): Promise<EndpointProcess> {
  const env = { ...process.env, [BENCH_ENV.rttMs]: String(rttMs) };
  const child = fork(file, [], { execArgv: [], env, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const command = (c: EndpointCommand) => child.send(c);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the bench's endpoint process exited (code ${String(code)}) before it was ready`)));
    child.once("message", (ready: EndpointReady) => {
      child.removeAllListeners("exit");
      resolve({
        url: ready.url,
        caPem: ready.caPem,
        stats: () =>
          new Promise((answer) => {
            child.once("message", (stats: EndpointStats) => answer(stats));
            command({ type: "stats" });
          }),
        close: () =>
          new Promise((done) => {
            child.once("exit", () => done());
            command({ type: "close" });
          }),
      });
    });
  });
}

/** Runs a compiled driver under bare node (`nodeBinary`); resolves with its stdout, rejects with its stderr's tail. */
export function runDriver(file: string, env: NodeJS.ProcessEnv, nodeBinary: string = process.execPath): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(nodeBinary, [file], { env, stdio: ["ignore", "pipe", "pipe"], timeout: DRIVER_TIMEOUT_MS });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${path.basename(file)} exited with code ${String(code)}:\n${stderr.trim().split("\n").slice(-8).join("\n")}`));
    });
  });
}
