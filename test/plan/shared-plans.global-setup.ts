/**
 * vitest globalSetup: a loopback HTTP server in vitest's main process that runs each distinct plan
 * (shared-plans.ts) once, queued so that no more run at a time than there are CPUs, and answers every
 * test file that asks for it with the same run.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import { planKey, runPlanCommand, type PlanRequest, type PlanRun } from "./plan-command";

const runs = new Map<string, Promise<PlanRun>>();
const waiting: (() => void)[] = [];
const limit = Math.max(1, os.availableParallelism());
let running = 0;

async function queued<T>(work: () => Promise<T>): Promise<T> {
  if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function planOnce(request: PlanRequest): Promise<PlanRun> {
  const key = planKey(request);
  let run = runs.get(key);
  if (run === undefined) {
    run = queued(() => runPlanCommand(request.args, request.environment));
    runs.set(key, run);
  }
  return run;
}

function readRequest(message: http.IncomingMessage): Promise<PlanRequest> {
  return new Promise((resolve, reject) => {
    let text = "";
    message.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
    message.on("end", () => {
      try {
        const parsed = JSON.parse(text) as PlanRequest;
        if (!Array.isArray(parsed.args)) throw new Error("a plan request needs args");
        resolve(parsed);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    message.on("error", reject);
  });
}

/** The part of vitest's TestProject the setup uses (vitest/node is an ES module; this file is CommonJS). */
interface ProvidingProject {
  provide(key: "sharedPlansUrl", value: string): void;
}

export default async function setup(project: ProvidingProject): Promise<() => Promise<void>> {
  const server = http.createServer((message, response) => {
    readRequest(message)
      .then(planOnce)
      .then(
        (run) => {
          response.writeHead(200, { "content-type": "application/json" });
          response.end(JSON.stringify(run));
        },
        (error: unknown) => {
          response.writeHead(500, { "content-type": "text/plain" });
          response.end(error instanceof Error ? error.message : String(error));
        },
      );
  });
  // Requests wait in the queue for as long as it takes; the tests' own timeouts bound them.
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  project.provide("sharedPlansUrl", `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return async () => {
    await Promise.allSettled(runs.values());
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}
