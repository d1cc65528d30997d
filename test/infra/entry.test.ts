/**
 * infra/index.ts, the entry Pulumi.yaml names, loaded as the runner loads it: the runner calls the
 * function the module exports inside the root stack, and what it returns becomes the stack outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { beforeEach, expect, test, vi } from "vitest";
import { PROJECT_NAME } from "../../infra/config/config-keys";
import { GET_REGION, getRegionAnswer } from "./run-program";
import { stackConfiguration } from "./stack-files";

let registered: string[] = [];

/** What auth0.getTenant answers (the flag absent: never set, as on a new tenant). */
let tenant: Record<string, unknown> = {};

async function configure(overrides: Record<string, unknown> = {}, tenantAnswer: Record<string, unknown> = {}): Promise<void> {
  registered = [];
  tenant = tenantAnswer;
  const configuration = stackConfiguration("dev", overrides);
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args.type);
        return {
          id: `${args.name}-id`,
          state: { ...args.inputs, arn: `arn:aws:iam::123456789012:user/${args.name}`, secret: "s3cr3t-access-key-for-tests-000000000000" },
        };
      },
      call: (args) => {
        if (args.token === "auth0:index/getTenant:getTenant") return tenant;
        // The default AWS provider's region: the stack's aws:region.
        if (args.token === GET_REGION) return getRegionAnswer(configuration["aws:region"] ?? "");
        throw new Error(`unexpected call ${args.token}`);
      },
    },
    PROJECT_NAME,
    "dev",
    false,
  );
  pulumi.runtime.setAllConfig(configuration);
}

/** The entry's export: the program function the runner calls (CommonJS `module.exports`). */
async function importEntry(): Promise<() => Promise<Record<string, unknown>>> {
  const module = (await import("../../infra/index.js")) as unknown as { default: () => Promise<Record<string, unknown>> };
  return module.default;
}

/**
 * Runs the entry with a configuration it must refuse: it reports the problems as the run's error and
 * ends with the runner's "error already reported" exit code (32), registering nothing. The message.
 */
async function refusal(): Promise<string> {
  const reported = vi.spyOn(pulumi.log, "error").mockResolvedValue(undefined);
  try {
    const outputs = await (await importEntry())();
    expect(outputs).toEqual({});
    expect(process.exitCode).toBe(32);
    expect(reported).toHaveBeenCalledTimes(1);
    return String(reported.mock.calls[0]?.[0]);
  } finally {
    process.exitCode = 0;
    reported.mockRestore();
  }
}

/** Runs the entry as the runner does: inside the root stack, until every output is settled. */
async function runEntry(): Promise<Record<string, unknown>> {
  let entry: Record<string, unknown> = {};
  try {
    await pulumi.runtime.runInPulumiStack(async () => {
      const program = await importEntry();
      entry = await program();
      return entry;
    });
  } finally {
    // As the runner does at the end of a program: let every pending registration finish.
    await pulumi.runtime.disconnect();
  }
  return entry;
}

beforeEach(() => {
  vi.resetModules();
});

test("exports the documented stack outputs, the secret key as a secret", async () => {
  await configure();
  const entry = await runEntry();
  expect(Object.keys(entry).sort()).toEqual(
    [
      "accessKeyGeneration",
      "accessKeyId",
      "actionId",
      "actionName",
      "allowedCountries",
      "phoneExperience",
      "region",
      "senderSecretAccessKey",
      "senderUserArn",
    ].sort(),
  );
  expect(await pulumi.isSecret(entry.senderSecretAccessKey as pulumi.Output<string>)).toBe(true);
  expect(await pulumi.isSecret(entry.accessKeyId as pulumi.Output<string>)).toBe(false);
  expect(entry).toMatchObject({ phoneExperience: "unified", region: "us-west-2", accessKeyGeneration: 1, allowedCountries: [] });
  expect(registered).toContain("auth0:index/action:Action");
});

test("follows the tenant's phone_consolidated_experience flag: off gives classic", async () => {
  await configure({}, { phoneConsolidatedExperience: false });
  const entry = await runEntry();
  expect(entry.phoneExperience).toBe("classic");
});

test("refuses an invalid stack configuration with every problem, before registering anything", async () => {
  await configure({ phoneExperience: "voice", accessKeyGeneration: -1 });
  await expect(refusal()).resolves.toMatch(
    /phoneExperience: unknown value "voice"[\s\S]*accessKeyGeneration: must be a positive integer|accessKeyGeneration: must be a positive integer[\s\S]*phoneExperience: unknown value "voice"/,
  );
  expect(registered.filter((type) => type !== "pulumi:pulumi:Stack")).toEqual([]);
});

test("refuses classic on a tenant whose flag is on, naming the flag, before registering anything", async () => {
  await configure({ phoneExperience: "classic" }, { phoneConsolidatedExperience: true });
  await expect(refusal()).resolves.toMatch(/phoneExperience: classic contradicts the tenant: its flag phone_consolidated_experience is on/);
  expect(registered.filter((type) => type !== "pulumi:pulumi:Stack")).toEqual([]);
});

test("refuses invalid keys before any network call: no credentials, and nothing to answer the tenant read", async () => {
  registered = [];
  const invokes: string[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args.type);
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => {
        invokes.push(args.token);
        throw new Error(`no network here (${args.token})`);
      },
    },
    PROJECT_NAME,
    "dev",
    false,
  );
  pulumi.runtime.setAllConfig(stackConfiguration("dev", { mfaPolicy: "sometimes", factorEmail: "yes", alarmsEnabled: true }));
  for (const name of ["AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET", "AUTH0_API_TOKEN", "AWS_PROFILE", "AWS_ACCESS_KEY_ID"]) {
    vi.stubEnv(name, undefined);
  }
  try {
    const message = await refusal();
    // The whole list, one problem per line, each naming its key.
    expect(message.split("\n").slice(1).sort()).toEqual([
      "alarmEmail: is required when alarmsEnabled is true (the alarms' recipient)",
      'factorEmail: must be true or false (got "yes")',
      'mfaPolicy: unknown value "sometimes"; use one of all-applications, confidence-score, never',
    ]);
    expect(invokes).toEqual([]);
    expect(registered.filter((type) => type !== "pulumi:pulumi:Stack")).toEqual([]);
  } finally {
    vi.unstubAllEnvs();
  }
});
