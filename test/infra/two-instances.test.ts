/**
 * Two SmsMfa instances in one program (an EU and a US tenant), each given its own AWS and Auth0
 * providers through the standard `providers` option, run under Pulumi's mocks: no URN twice, no
 * physical name shared, every child registered and every provider function called on its own
 * instance's providers, and the account-wide SMS preferences refused when both instances would
 * manage them in the same account and region.
 */
import * as aws from "@pulumi/aws";
import * as auth0 from "@pulumi/auth0";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, test } from "vitest";
import type { ActionTrigger, BuiltAction } from "../../infra/auth0/action-bundle";
import { SmsMfa, type SmsMfaArgs } from "../../infra/sms-mfa";
import { AwsProviderRegions, engineUrnOf, GET_REGION, settled, type RecordedResource } from "./run-program";

const build = (trigger: ActionTrigger): Promise<BuiltAction> =>
  Promise.resolve({
    code: `exports.handler = "${trigger}";`,
    dependencies: [{ name: "@aws-sdk/client-sns", version: "3.1169.0" }],
  } as BuiltAction);

interface Registration {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  /** The provider reference the engine received (`<provider URN>::<id>`), "" for the default provider. */
  provider: string;
}

interface TwoInstanceRun {
  resources: RecordedResource[];
  registrations: Registration[];
  calls: { token: string; provider: string | undefined }[];
  providers: Record<"euAws" | "euAuth0" | "usAws" | "usAuth0", string>;
  /** What the program threw (a refusal in a constructor). */
  error: unknown;
  /** Registrations that failed (a refusal that waits for a provider function): unhandled rejections, as a real run reports them. */
  rejections: unknown[];
}

const BASE: SmsMfaArgs = { region: "eu-west-1", phoneExperience: "classic", buildAction: build };

/**
 * Runs a program that builds the two instances; `accounts` answers getCallerIdentity per AWS provider.
 * Each instance's AWS provider is in the instance's region unless `providerRegions` says otherwise.
 */
async function runTwoInstances(
  eu: Partial<SmsMfaArgs>,
  us: Partial<SmsMfaArgs>,
  accounts: { eu: string; us: string },
  providerRegions: { eu?: string; us?: string } = {},
  tenants: { eu: string; us: string } = { eu: "eu-tenant.eu.auth0.com", us: "us-tenant.us.auth0.com" },
): Promise<TwoInstanceRun> {
  const registrations: Registration[] = [];
  const calls: TwoInstanceRun["calls"] = [];
  const providerRefs = new Map<string, string>();
  const regions = new AwsProviderRegions(undefined);
  const euArgs: SmsMfaArgs = { ...BASE, ...eu };
  const usArgs: SmsMfaArgs = { ...BASE, region: "us-east-1", ...us };
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const inputs = args.inputs as Record<string, unknown>;
        regions.register(args.type, args.name, inputs);
        if (args.type === "aws:iam/accessKey:AccessKey")
          return { id: `AKIA-${args.name}`, state: { ...inputs, secret: `secret-${args.name}` } };
        if (args.type === "aws:iam/user:User")
          return { id: String(inputs.name), state: { ...inputs, arn: `arn:aws:iam::x:user${String(inputs.path)}${String(inputs.name)}` } };
        if (args.type === "auth0:index/logStream:LogStream")
          return {
            id: `${args.name}-id`,
            state: {
              ...inputs,
              sink: { ...(inputs.sink as object), awsPartnerEventSource: `aws.partner/auth0.com/${args.name}/auth0.logs` },
            },
          };
        return { id: `${args.name}-id`, state: inputs };
      },
      call(args) {
        calls.push({ token: args.token, provider: args.provider });
        if (args.token === "aws:index/getCallerIdentity:getCallerIdentity") {
          const account = args.provider?.includes("::eu-aws::") ? accounts.eu : accounts.us;
          return { accountId: account, arn: `arn:aws:iam::${account}:user/deployer`, userId: "AIDA", id: account };
        }
        if (args.token === GET_REGION) return regions.answer(args.provider, args.inputs as Record<string, unknown>);
        if (args.token === "auth0:index/getTenant:getTenant")
          return { id: "tenant", domain: args.provider?.includes("::eu-auth0::") ? tenants.eu : tenants.us };
        throw new Error(`unexpected provider call ${args.token}`);
      },
    },
    "two-tenants",
    "production",
    false,
  );
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(request: { getType(): string; getName(): string; getProvider(): string }, callback: unknown): unknown;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    registrations.push({ type: request.getType(), name: request.getName(), inputs: {}, provider: request.getProvider() });
    return register(request, callback);
  };

  const seen: RecordedResource[] = [];
  let error: unknown;
  const providers = {} as TwoInstanceRun["providers"];
  // A refusal that waits for a provider function fails a registration; a real run reports that as the
  // program's error and stops. Here it is caught as the unhandled rejection it is (instead of vitest's
  // handler) and ends the run, since what waits on the refused resource never settles.
  const vitestHandlers = process.listeners("unhandledRejection");
  process.removeAllListeners("unhandledRejection");
  const rejections: unknown[] = [];
  const rejected = new Promise<void>((resolve) =>
    process.on("unhandledRejection", (reason) => {
      rejections.push(reason);
      resolve();
    }),
  );
  try {
    const program = pulumi.runtime.runInPulumiStack(async () => {
      pulumi.runtime.registerStackTransformation((args) => {
        seen.push({
          type: args.type,
          name: args.name,
          props: args.props,
          opts: args.opts,
          resource: args.resource,
          custom: false,
          inputs: {},
          urn: "",
          dependencies: [],
        });
        return undefined;
      });
      const euAws = new aws.Provider("eu-aws", { region: providerRegions.eu ?? euArgs.region });
      const euAuth0 = new auth0.Provider("eu-auth0", { domain: "eu-tenant.eu.auth0.com" });
      const usAws = new aws.Provider("us-aws", { region: providerRegions.us ?? usArgs.region });
      const usAuth0 = new auth0.Provider("us-auth0", { domain: "us-tenant.us.auth0.com" });
      const euSmsMfa = new SmsMfa("eu", euArgs, { providers: { aws: euAws, auth0: euAuth0 } });
      const usSmsMfa = new SmsMfa("us", usArgs, { providers: [usAws, usAuth0] });
      for (const [key, provider] of Object.entries({ euAws, euAuth0, usAws, usAuth0 })) {
        providerRefs.set(key, `${await settled(provider.urn)}::${await settled(provider.id)}`);
      }
      // Outputs that wait for every child, so the run ends once everything is registered.
      return { eu: euSmsMfa.actionId, us: usSmsMfa.actionId };
    });
    await Promise.race([program, rejected]);
  } catch (caught) {
    error = caught;
  } finally {
    // Other failures of the same run arrive within a few turns of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 100));
    process.removeAllListeners("unhandledRejection");
    for (const handler of vitestHandlers) process.on("unhandledRejection", handler);
  }
  for (const [key, ref] of providerRefs) providers[key as keyof TwoInstanceRun["providers"]] = ref;
  return { resources: seen, registrations, calls, providers, error, rejections };
}

const OPT_INS: Partial<SmsMfaArgs> = {
  smsPreferences: { monthlySpendLimitUsd: 10, deliveryStatusSuccessSamplingRate: 0 },
  alarms: { email: "oncall@example.com", monthToDateSpendUsd: 8, failedSmsThreshold: 3 },
};

describe("two instances with their own providers (one AWS account, two regions, both opt-ins on)", () => {
  let once: Promise<TwoInstanceRun> | undefined;
  const program = (): Promise<TwoInstanceRun> => (once ??= runTwoInstances(OPT_INS, OPT_INS, { eu: "111111111111", us: "111111111111" }));

  test("register no URN twice, and name every child after its instance", async () => {
    const run = await program();
    expect(run.error).toBeUndefined();
    const urns = run.resources.map((resource) => engineUrnOf(run.resources, resource, "production"));
    expect(new Set(urns).size).toBe(urns.length);
    const children = run.resources.filter((resource) => resource.type !== "pulumi:pulumi:Stack");
    const providers = children.filter((resource) => resource.type.startsWith("pulumi:providers:"));
    const ofInstance = (instance: string) =>
      children.filter(
        (resource) => !providers.includes(resource) && (resource.name === instance || resource.name.startsWith(`${instance}-`)),
      );
    // Each instance: its own component, 2 sides, opt-ins, user, policy, key, 2 alarms, topic, subscription, role, role policy, preferences, Action, binding, MFA settings.
    expect(ofInstance("eu").length).toBe(17);
    expect(ofInstance("us").length).toBe(17);
    // The rest: the two pairs of providers.
    expect(
      children
        .filter((resource) => !ofInstance("eu").includes(resource) && !ofInstance("us").includes(resource))
        .map((resource) => resource.type)
        .sort(),
    ).toEqual(["pulumi:providers:auth0", "pulumi:providers:auth0", "pulumi:providers:aws", "pulumi:providers:aws"]);
  });

  test("give every physical name once: IAM user and path, Action, autonamed alarms, topic and role", async () => {
    const run = await program();
    const inputsOf = (type: string) => run.resources.filter((resource) => resource.type === type).map((resource) => resource.props);
    const users = inputsOf("aws:iam/user:User");
    expect(users.map((user) => [user.name, user.path])).toEqual([
      ["auth0-sms-sender-eu", "/auth0-sns-mfa/eu/"],
      ["auth0-sms-sender-us", "/auth0-sns-mfa/us/"],
    ]);
    expect(inputsOf("auth0:index/action:Action").map((action) => action.name)).toEqual([
      "sns-sms-sender-eu-send-phone-message",
      "sns-sms-sender-us-send-phone-message",
    ]);
    // No explicit name: AWS names them `<logical name>-<7 characters>`, and the logical names differ.
    for (const type of ["aws:sns/topic:Topic", "aws:cloudwatch/metricAlarm:MetricAlarm", "aws:iam/role:Role"]) {
      const named = run.resources.filter((resource) => resource.type === type);
      expect(named.every((resource) => resource.props.name === undefined)).toBe(true);
      expect(new Set(named.map((resource) => resource.name)).size).toBe(named.length);
    }
  });

  test("register every child and call every provider function on its own instance's providers", async () => {
    const run = await program();
    const custom = run.registrations.filter(
      (registration) => registration.type.startsWith("aws:") || registration.type.startsWith("auth0:"),
    );
    const own = custom.filter((registration) => !registration.type.startsWith("pulumi:providers:"));
    expect(own.length).toBeGreaterThan(20);
    for (const registration of own) {
      const instance = registration.name.split("-")[0] as "eu" | "us";
      const expected = registration.type.startsWith("aws:") ? run.providers[`${instance}Aws`] : run.providers[`${instance}Auth0`];
      expect(registration.provider, `${registration.type} ${registration.name}`).toBe(expected);
    }
    const identityCalls = run.calls.filter((call) => call.token === "aws:index/getCallerIdentity:getCallerIdentity");
    expect(identityCalls.map((call) => call.provider).sort()).toEqual([run.providers.euAws, run.providers.usAws].sort());
  });
});

describe("the account-wide SMS preferences", () => {
  test("are refused when both instances would manage them in the same account and region", async () => {
    // The refusal fails the SmsPreferences registration; a real run reports it as the program's error.
    const run = await runTwoInstances(OPT_INS, { ...OPT_INS, region: "eu-west-1" }, { eu: "222222222222", us: "222222222222" });
    expect([...run.rejections, run.error].map(String).join("\n")).toMatch(
      /smsPreferences: SmsMfa "us" and SmsMfa "eu" both manage the SMS preferences of AWS account 222222222222 in eu-west-1/,
    );
  });

  test("are accepted in the same region of two accounts, and for one instance of an account with alarms in both", async () => {
    expect(
      (await runTwoInstances(OPT_INS, { ...OPT_INS, region: "eu-west-1" }, { eu: "222222222222", us: "333333333333" })).error,
    ).toBeUndefined();
    const alarmsOnly = { alarms: OPT_INS.alarms };
    expect(
      (await runTwoInstances(OPT_INS, { ...alarmsOnly, region: "eu-west-1" }, { eu: "222222222222", us: "222222222222" })).error,
    ).toBeUndefined();
  });
});

describe("the monitoring opt-in (a log stream is tenant-wide)", () => {
  const logStreamsOf = (run: TwoInstanceRun) =>
    run.registrations.filter((registration) => registration.type === "auth0:index/logStream:LogStream");
  const logPoliciesOf = (run: TwoInstanceRun) =>
    run.registrations.filter((registration) => registration.type === "aws:cloudwatch/logResourcePolicy:LogResourcePolicy");

  test("a second instance on the same tenant is refused, naming both, and registers no second stream", async () => {
    const tenant = "acme.eu.auth0.com";
    const run = await runTwoInstances(
      { monitoring: true },
      { monitoring: true, region: "eu-west-1" },
      { eu: "111111111111", us: "111111111111" },
      {},
      { eu: tenant, us: tenant },
    );
    expect([...run.rejections, run.error].map(String).join("\n")).toContain(
      'monitoringEnabled: SmsMfa "us" and SmsMfa "eu" both stream the MFA SMS logs of tenant acme.eu.auth0.com',
    );
    expect(logStreamsOf(run).map((registration) => registration.name)).toEqual(["eu-auth0-log-stream"]);
  });

  test("two tenants in one account and region: two streams, one shared logs resource policy", async () => {
    const run = await runTwoInstances(
      { monitoring: true },
      { monitoring: true, region: "eu-west-1" },
      { eu: "111111111111", us: "111111111111" },
    );
    expect(run.error).toBeUndefined();
    expect(run.rejections).toEqual([]);
    expect(logStreamsOf(run)).toHaveLength(2);
    expect(logPoliciesOf(run).map((registration) => registration.name)).toEqual(["eu-eventbridge-to-logs-policy"]);
  });
});

describe("an instance that would collide or publish in the wrong region is refused before its IAM user registers", () => {
  /** What an instance registered: its component and children (not the providers the program gave it). */
  const registeredBy = (run: TwoInstanceRun, instance: string) =>
    run.registrations.filter(
      (registration) =>
        !registration.type.startsWith("pulumi:providers:") &&
        (registration.name === instance || registration.name.startsWith(`${instance}-`)),
    );
  const iamUsersOf = (run: TwoInstanceRun, instance: string) =>
    registeredBy(run, instance).filter((registration) => registration.type === "aws:iam/user:User");

  test("two instances with one deploymentName: the second is refused, naming both and the names they would share", async () => {
    const run = await runTwoInstances({ deploymentName: "acme" }, { deploymentName: "acme" }, { eu: "111111111111", us: "111111111111" });
    expect(String(run.error)).toMatch(
      /deploymentName: SmsMfa "us" and SmsMfa "eu" both use deploymentName "acme", so both would create the IAM user auth0-sms-sender-acme and the Actions sns-sms-sender-acme-\*/,
    );
    expect(registeredBy(run, "us")).toEqual([]);
    expect(iamUsersOf(run, "us")).toEqual([]);
  });

  test("distinct deploymentNames (and the default, the instance's name) are accepted", async () => {
    const run = await runTwoInstances({ deploymentName: "acme-eu" }, {}, { eu: "111111111111", us: "111111111111" });
    expect(run.error).toBeUndefined();
    expect(run.rejections).toEqual([]);
    expect(iamUsersOf(run, "eu")).toHaveLength(1);
    expect(iamUsersOf(run, "us")).toHaveLength(1);
  });

  test("an instance whose AWS provider is in another region than its region argument: refused, naming both regions", async () => {
    const run = await runTwoInstances(OPT_INS, OPT_INS, { eu: "111111111111", us: "111111111111" }, { us: "us-west-2" });
    const refusals = [...run.rejections, run.error].filter((reason) => reason !== undefined).map(String);
    expect(refusals.join("\n")).toMatch(/region: SmsMfa "us" has region us-east-1 but its AWS provider is in us-west-2/);
    // aws.getRegion ran on the instance's own provider.
    expect(run.calls.filter((call) => call.token === GET_REGION).map((call) => call.provider)).toContain(run.providers.usAws);
    // Nothing of the refused instance reached the engine: not its AWS side, nor, waiting on its key, its Action and the rest.
    const custom = (registration: Registration) => registration.type.startsWith("aws:") || registration.type.startsWith("auth0:");
    expect(iamUsersOf(run, "us")).toEqual([]);
    expect(registeredBy(run, "us").filter(custom)).toEqual([]);
    expect(registeredBy(run, "eu").filter(custom).length).toBeGreaterThan(5);
    // The other instance, in its provider's region, is not refused.
    expect(refusals.join("\n")).not.toContain('SmsMfa "eu"');
  });
});
