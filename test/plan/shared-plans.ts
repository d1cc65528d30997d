/**
 * Plans shared between test files: each distinct `npm run plan` (same arguments, same environment) runs
 * once per `vitest run`, by the server that shared-plans.global-setup.ts starts in vitest's main
 * process, at most as many at a time as there are CPUs. A test file asks for every plan it reads up
 * front (prefetchPlans) so that they queue at once, then awaits each in the test that reads it.
 * Without the server (a file run with another config), plans run here, still once per file.
 */
import * as http from "node:http";
import { expect, inject } from "vitest";
import { planKey, runPlanCommand, type PlanRequest, type PlanRun } from "./plan-command";

export type { PlanRequest, PlanRun };

declare module "vitest" {
  export interface ProvidedContext {
    /** http://127.0.0.1:PORT of the shared plan server (shared-plans.global-setup.ts). */
    sharedPlansUrl: string;
  }
}

const local = new Map<string, Promise<PlanRun>>();

function askServer(url: string, request: PlanRequest): Promise<PlanRun> {
  const body = JSON.stringify(request);
  return new Promise((resolve, reject) => {
    const call = http.request(url, { method: "POST", headers: { "content-type": "application/json" } }, (response) => {
      let text = "";
      response.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      response.on("end", () => {
        if (response.statusCode === 200) resolve(JSON.parse(text) as PlanRun);
        else reject(new Error(`the shared plan server could not run ${request.args.join(" ")}: ${text}`));
      });
      response.on("error", reject);
    });
    call.on("error", (error) => reject(new Error(`the shared plan server (${url}) did not answer: ${error.message}`)));
    call.end(body);
  });
}

/** The run of `npm run --silent plan -- ...args` with `environment` added, shared with every test that asks for the same. */
export function sharedPlan(args: string[], environment?: Record<string, string>): Promise<PlanRun> {
  const request: PlanRequest = environment === undefined ? { args } : { args, environment };
  const key = planKey(request);
  let run = local.get(key);
  if (run === undefined) {
    const url = inject("sharedPlansUrl");
    run = url === undefined ? runPlanCommand(args, environment) : askServer(url, request);
    local.set(key, run);
  }
  return run;
}

/** Starts the plans a file reads, so they queue together; each test still awaits its own and sees its own failure. */
export function prefetchPlans(requests: readonly PlanRequest[]): void {
  for (const request of requests) sharedPlan(request.args, request.environment).catch(() => undefined);
}

/** Asserts the exit code; on a mismatch the message shows the command and what it wrote to stderr. */
export function expectExit(run: PlanRun, code: number): void {
  const stderr = run.stderr.trim() === "" ? "(stderr empty)" : `stderr:\n${run.stderr.trim().slice(-4000)}`;
  expect(run.code, `${run.command} exited ${run.code}, expected ${code}; ${stderr}`).toBe(code);
}
