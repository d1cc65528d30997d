/**
 * The sender's secret access key stays secret on every path: the key's output, the Action's secrets
 * (as the program passes them and as the engine receives them), and the stack output.
 */
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, test } from "vitest";
import type { SmsSender } from "../../infra/aws/sms-sender";
import { ACTION, deployedSecrets, runProgram, sentAsSecret, settled, type ProgramRun } from "./run-program";
import type { StackName } from "./stack-files";

/** Paths under `value` where `needle` appears outside any value the engine received as secret. */
function plainOccurrences(value: unknown, needle: string, path = "$"): string[] {
  if (sentAsSecret(value)) return [];
  if (typeof value === "string") return value.includes(needle) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => plainOccurrences(item, needle, `${path}[${index}]`));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => plainOccurrences(item, needle, `${path}.${key}`));
  }
  return [];
}

describe.each<[StackName, string]>([
  ["dev", "classic"],
  ["prod", "unified"],
])("stack %s (%s)", (stack, experience) => {
  let run: ProgramRun;
  let secretKey: string;

  beforeAll(async () => {
    run = await runProgram({ stack, overrides: { phoneExperience: experience } });
    secretKey = await settled(run.outputs.senderSecretAccessKey);
  });

  test("the managed key's secret is a secret output of the AWS component", async () => {
    const sender = run.one("auth0-sns-mfa:aws:SmsSender").resource as SmsSender;
    expect(await pulumi.isSecret(sender.secretAccessKey)).toBe(true);
    expect(await settled(sender.secretAccessKey)).toBe(secretKey);
  });

  test("the Action's secrets are secret as the program passes them and as the engine receives them", async () => {
    const action = run.one(ACTION);
    expect(await pulumi.isSecret(pulumi.output(action.props.secrets))).toBe(true);
    expect(sentAsSecret(action.inputs.secrets)).toBe(true);
    expect(deployedSecrets(run).AWS_SECRET_ACCESS_KEY).toBe(secretKey);
  });

  test("the stack output senderSecretAccessKey is a secret holding the same key", async () => {
    expect(await pulumi.isSecret(run.outputs.senderSecretAccessKey)).toBe(true);
    expect(secretKey.length).toBeGreaterThan(20);
  });

  test("no other output and no resource input carries the key in plain text", async () => {
    const { senderSecretAccessKey: _secret, ...plainOutputs } = run.outputs;
    const resolved = await settled(pulumi.output(plainOutputs));
    expect(JSON.stringify(resolved)).not.toContain(secretKey);
    for (const [name, output] of Object.entries(plainOutputs)) {
      if (pulumi.Output.isInstance(output)) expect(await pulumi.isSecret(output), name).toBe(false);
    }
    const leaks = run.resources.flatMap((resource) =>
      plainOccurrences(resource.inputs, secretKey).map((path) => `${resource.type} ${resource.name} ${path}`),
    );
    expect(leaks).toEqual([]);
  });
});
