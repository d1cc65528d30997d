/**
 * infra/index.ts, the entry Pulumi.yaml names, loaded as the runner loads it: inside the root stack,
 * its exports become the stack outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { beforeEach, expect, test, vi } from "vitest";
import { PROJECT_NAME } from "../../infra/config-keys";
import { stackConfiguration } from "./stack-files";

let registered: string[] = [];

async function configure(overrides: Record<string, unknown> = {}): Promise<void> {
  registered = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args.type);
        return { id: `${args.name}-id`, state: { ...args.inputs, arn: `arn:aws:iam::123456789012:user/${args.name}`, secret: "s3cr3t-access-key-for-tests-000000000000" } };
      },
      call: (args) => {
        throw new Error(`unexpected call ${args.token}`);
      },
    },
    PROJECT_NAME,
    "dev",
    false,
  );
  pulumi.runtime.setAllConfig(stackConfiguration("dev", overrides));
}

async function importEntry(): Promise<Record<string, unknown>> {
  return { ...(await import("../../infra/index.js")) };
}

beforeEach(() => {
  vi.resetModules();
});

test("exports the documented stack outputs, the secret key as a secret", async () => {
  await configure();
  let entry: Record<string, unknown> = {};
  await pulumi.runtime.runInPulumiStack(async () => {
    entry = await importEntry();
    return entry;
  });
  expect(Object.keys(entry).sort()).toEqual(
    ["accessKeyGeneration", "accessKeyId", "actionId", "actionName", "allowedCountries", "phoneExperience", "region", "senderSecretAccessKey", "senderUserArn"].sort(),
  );
  expect(await pulumi.isSecret(entry.senderSecretAccessKey as pulumi.Output<string>)).toBe(true);
  expect(await pulumi.isSecret(entry.accessKeyId as pulumi.Output<string>)).toBe(false);
  expect(entry).toMatchObject({ phoneExperience: "classic", region: "us-west-2", accessKeyGeneration: 1, allowedCountries: [] });
  expect(registered).toContain("auth0:index/action:Action");
});

test("refuses an invalid stack configuration with every problem, before registering anything", async () => {
  await configure({ phoneExperience: "voice", accessKeyGeneration: -1 });
  await expect(importEntry()).rejects.toThrow(
    /phoneExperience: unknown value "voice"[\s\S]*accessKeyGeneration: must be a positive integer|accessKeyGeneration: must be a positive integer[\s\S]*phoneExperience: unknown value "voice"/,
  );
  expect(registered).toEqual([]);
});
