/**
 * The Action the program deploys is the sender's build, with its npm dependencies pinned to the
 * lockfile, and it really sends: loaded the way Auth0 runs it, given the secrets the program
 * deploys (plus SNS_ENDPOINT), it publishes through a local SNS-compatible endpoint.
 */
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { HANDLER_NAMES, buildAction, type ActionTrigger } from "../../infra/auth0/action-bundle";
import { loadAction } from "../../tools/kit/load-action";
import { customPhoneProviderEvent, sendPhoneMessageEvent, simulatedApi } from "../../tools/kit/simulated-events";
import { startLocalSnsEndpoint, type LocalSnsEndpoint } from "../../tools/kit/local-sns-endpoint";
import { ACCESS_KEY, ACTION, deployedSecrets, idOf, runProgram, type ProgramRun } from "./run-program";
import { REPO_ROOT, type StackName } from "./stack-files";

const lockfile = JSON.parse(readFileSync(path.join(REPO_ROOT, "package-lock.json"), "utf8")) as {
  packages: Record<string, { version: string }>;
};

/** npm packages the code require()s (Node built-ins excluded), found by reading the code itself. */
function requiredPackages(code: string): string[] {
  const names = new Set<string>();
  for (const match of code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
    const specifier = match[1] ?? "";
    if (specifier.startsWith("node:") || specifier.startsWith(".") || builtinModules.includes(specifier.split("/")[0] ?? "")) continue;
    const parts = specifier.split("/");
    names.add(specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? ""));
  }
  return [...names].sort();
}

type Handler = (event: unknown, api: unknown) => Promise<unknown>;

const cases: [StackName, "classic" | "unified", ActionTrigger][] = [
  ["dev", "classic", "send-phone-message"],
  ["prod", "unified", "custom-phone-provider"],
];

describe.each(cases)("stack %s, %s experience", (stack, experience, trigger) => {
  let run: ProgramRun;
  let code: string;
  let endpoint: LocalSnsEndpoint;

  beforeAll(async () => {
    run = await runProgram({ stack, overrides: { phoneExperience: experience } });
    code = String(run.one(ACTION).inputs.code);
    endpoint = await startLocalSnsEndpoint();
  });
  afterAll(async () => {
    await endpoint.close();
  });

  test("deploys exactly the sender's build for the trigger (deterministic: a second up shows no diff)", async () => {
    expect(code).toBe((await buildAction(trigger)).code);
    expect(code).toBe((await buildAction(trigger)).code);
  });

  test("declares every package the code requires, at the exact version of package-lock.json", () => {
    const dependencies = run.one(ACTION).inputs.dependencies as { name: string; version: string }[];
    const required = requiredPackages(code);
    expect(required).toContain("@aws-sdk/client-sns");
    expect(dependencies.map((dependency) => dependency.name).sort()).toEqual(required);
    for (const dependency of dependencies) {
      expect(dependency.version, dependency.name).toBe(lockfile.packages[`node_modules/${dependency.name}`]?.version);
      expect(dependency.version, dependency.name).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  test("sends the code to the phone with the deployed secrets, signed with the managed key for the stack's region", async () => {
    const secrets: Record<string, string> = { ...deployedSecrets(run), SNS_ENDPOINT: endpoint.url };
    const handler = loadAction(code)[HANDLER_NAMES[trigger]] as Handler;
    const recipient = "+14155550123";
    const event =
      trigger === "send-phone-message" ? sendPhoneMessageEvent({ recipient, secrets }) : customPhoneProviderEvent({ recipient, secrets });
    const text = "message_options" in event ? event.message_options.text : event.notification.as_text;
    const before = endpoint.publishes.length;
    await handler(event, simulatedApi());
    const sent = endpoint.publishes.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ phoneNumber: recipient, message: text, attributes: { "AWS.SNS.SMS.SMSType": "Transactional" } });
    const keyId = await idOf(run, ACCESS_KEY);
    expect(sent[0]?.authorization).toContain(`Credential=${keyId}/`);
    expect(sent[0]?.authorization).toContain(`/${secrets.AWS_REGION ?? "?"}/sns/aws4_request`);
  });

  if (stack === "prod") {
    test("refuses a destination outside the production allow-list and sends nothing", async () => {
      const secrets = { ...deployedSecrets(run), SNS_ENDPOINT: endpoint.url };
      const handler = loadAction(code)[HANDLER_NAMES[trigger]] as Handler;
      const before = endpoint.requestCount;
      // The unified Action reports the refusal through api.notification.drop instead of throwing.
      const api = simulatedApi();
      await handler(customPhoneProviderEvent({ recipient: "+447911123456", secrets }), api);
      expect(api.notificationCalls).toEqual([{ method: "drop", reason: expect.stringMatching(/^country-not-allowed: /) as string }]);
      expect(endpoint.requestCount).toBe(before);
    });
  }
});
