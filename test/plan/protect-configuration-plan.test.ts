// `npm run plan` with and without the account-default protect configuration
// (test/plan/fixtures/protect-configuration: protectConfigurationEnabled, allowedCountries [US, CA],
// MONITOR), and the dynamic provider exactly as that run serialized it (its `__provider` input),
// loaded by @pulumi/pulumi's own dynamic-provider plugin (cmd/dynamic-provider, the process the engine
// starts for `pulumi-nodejs` resources) and driven over its gRPC interface against the stand-in End
// User Messaging API: proof that the provider survives Pulumi's closure serialization under the
// runner `pulumi up` uses, not only under vitest.
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROTECT_CONFIGURATION_TYPE } from "../../infra/aws/account-protect-configuration";
import { healthyAccount, startStandInAccount, type StandInAccount } from "../support/stand-in-aws-account";
import { PLAN_TEST_TIMEOUT_MS, REPOSITORY_ROOT } from "./plan-command";
import { expectExit, sharedPlan, type PlanRun } from "./shared-plans";

const STACK_FILE = path.join(__dirname, "fixtures", "protect-configuration", "Pulumi.protect.yaml");

interface JsonResource {
  urn: string;
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  options: { protect?: boolean; deleteBeforeReplace?: boolean };
}
interface JsonPlan {
  resources: JsonResource[];
  outputs: Record<string, unknown>;
}

let enabled: PlanRun;
let committed: PlanRun;

beforeAll(async () => {
  // The committed dev stack's JSON plan is shared with committed-stacks.test.ts and conformance-plan.test.ts.
  [enabled, committed] = await Promise.all([
    sharedPlan(["--stack", "protect", "--stack-file", STACK_FILE, "--json"]),
    sharedPlan(["--stack", "dev", "--json"]),
  ]);
}, PLAN_TEST_TIMEOUT_MS);

function configurationOf(run: PlanRun): JsonResource | undefined {
  return (JSON.parse(run.stdout) as JsonPlan).resources.find((resource) => resource.type === PROTECT_CONFIGURATION_TYPE);
}

describe("npm run plan with protectConfigurationEnabled and allowedCountries [US, CA]", () => {
  it("shows the protect configuration: US and CA under MONITOR, every other country BLOCK, made the account default", () => {
    expect(enabled.stderr).toBe("");
    expectExit(enabled, 0);
    const configuration = configurationOf(enabled);
    expect(configuration?.name).toBe("protect-sms-protect-configuration");
    const rules = configuration?.inputs.smsCountryRules as Record<string, string>;
    expect(Object.keys(rules).length).toBeGreaterThan(200);
    expect(Object.entries(rules).filter(([, status]) => status !== "BLOCK")).toEqual([
      ["CA", "MONITOR"],
      ["US", "MONITOR"],
    ]);
    expect(configuration?.inputs).toMatchObject({
      region: "us-west-2",
      accountId: "123456789012",
      allowedCountries: ["CA", "US"],
      allowedCountryStatus: "MONITOR",
      accountDefault: true,
      tags: { Project: "auth0-sns-mfa", Stack: "protect", Name: "auth0-sns-mfa-protect" },
    });
    expect(configuration?.options).toMatchObject({ protect: false });
    expect(configuration?.options.deleteBeforeReplace).toBeUndefined();
    expect((JSON.parse(enabled.stdout) as JsonPlan).outputs.protectConfigurationId).toMatch(/^protect-[0-9a-f]{32}$/);
  });
});

describe("npm run plan without the key (the committed dev stack)", () => {
  it("shows nothing of it", () => {
    expectExit(committed, 0);
    expect(configurationOf(committed)).toBeUndefined();
    expect(committed.stdout).not.toMatch(/protect-?configuration/i);
  });
});

/** Calls one unary method of the provider client. */
function call<Request, Response>(
  method: (request: Request, callback: (error: grpc.ServiceError | null, response: Response) => void) => unknown,
  request: Request,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    method(request, (error, response) => (error === null ? resolve(response) : reject(error)));
  });
}

const struct = (value: Record<string, unknown>): Struct => Struct.fromJavaScript(value as Parameters<typeof Struct.fromJavaScript>[0]);

describe("the provider as the run serialized it, in @pulumi/pulumi's dynamic-provider plugin", () => {
  let account: StandInAccount;
  let plugin: ChildProcess | undefined;
  let client: ResourceProviderClient;

  beforeAll(async () => {
    account = await startStandInAccount(healthyAccount());
    // As the engine starts it (pulumi-resource-pulumi-nodejs): from the project root, the engine's address as argument.
    const child = spawn(process.execPath, [require.resolve("@pulumi/pulumi/cmd/dynamic-provider"), "127.0.0.1:1"], {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, ...account.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    plugin = child;
    const port = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        out += chunk;
        if (out.includes("\n")) resolve(out.trim().split("\n")[0] ?? "");
      });
      child.on("exit", (code) => reject(new Error(`the dynamic-provider plugin exited with ${String(code)}`)));
    });
    client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  }, 60_000);
  afterAll(async () => {
    client.close();
    if (plugin?.pid !== undefined && plugin.exitCode === null) plugin.kill();
    await account.close();
  });

  it("creates the configuration with every rule and the account default, updates a country, and deletes both", async () => {
    const configuration = configurationOf(enabled);
    if (configuration === undefined) throw new Error("the enabled plan has no protect configuration");
    const inputs = configuration.inputs;
    expect(typeof inputs.__provider).toBe("string");

    const create = new provproto.CreateRequest().setUrn(configuration.urn).setProperties(struct(inputs));
    const created = await call<provproto.CreateRequest, provproto.CreateResponse>(client.create.bind(client), create);
    const id = created.getId();
    const outputs = created.getProperties()?.toJavaScript() ?? {};
    expect(id).toMatch(/^protect-/);
    expect(outputs).toMatchObject({ protectConfigurationId: id, accountDefault: true, allowedCountries: ["CA", "US"] });
    // The stand-in lists the same countries as the phone metadata: every rule the plan shows is written.
    expect(account.state.protectConfigurations[id]?.rules).toEqual(inputs.smsCountryRules);
    expect(account.state.accountDefaultProtectConfigurationId).toBe(id);

    const news = { ...inputs, allowedCountries: ["CA", "GB", "US"] };
    const diff = await call<provproto.DiffRequest, provproto.DiffResponse>(
      client.diff.bind(client),
      new provproto.DiffRequest().setId(id).setUrn(configuration.urn).setOlds(struct(outputs)).setNews(struct(news)),
    );
    expect(diff.getChanges()).toBe(provproto.DiffResponse.DiffChanges.DIFF_SOME);
    expect(diff.getReplacesList()).toEqual([]);
    const before = account.smsVoiceRequests().length;
    await call(
      client.update.bind(client),
      new provproto.UpdateRequest().setId(id).setUrn(configuration.urn).setOlds(struct(outputs)).setNews(struct(news)),
    );
    expect(account.smsVoiceRequests().slice(before)).toEqual([
      { action: "GetProtectConfigurationCountryRuleSet", input: { ProtectConfigurationId: id, NumberCapability: "SMS" } },
      {
        action: "UpdateProtectConfigurationCountryRuleSet",
        input: { ProtectConfigurationId: id, NumberCapability: "SMS", CountryRuleSetUpdates: { GB: { ProtectStatus: "MONITOR" } } },
      },
      { action: "GetProtectConfigurationCountryRuleSet", input: { ProtectConfigurationId: id, NumberCapability: "SMS" } },
      { action: "DescribeAccountAttributes", input: {} },
    ]);

    await call(
      client.delete.bind(client),
      new provproto.DeleteRequest().setId(id).setUrn(configuration.urn).setProperties(struct(outputs)),
    );
    expect(account.state.protectConfigurations).toEqual({});
    expect(account.state.accountDefaultProtectConfigurationId).toBeUndefined();
    expect(account.receivedActions().filter((action) => action.startsWith("sms-voice:"))).toEqual([
      "sms-voice:DescribeAccountAttributes",
      "sms-voice:CreateProtectConfiguration",
      "sms-voice:GetProtectConfigurationCountryRuleSet",
      "sms-voice:UpdateProtectConfigurationCountryRuleSet",
      "sms-voice:GetProtectConfigurationCountryRuleSet",
      "sms-voice:DescribeAccountAttributes",
      "sms-voice:SetAccountDefaultProtectConfiguration",
      "sms-voice:GetProtectConfigurationCountryRuleSet",
      "sms-voice:UpdateProtectConfigurationCountryRuleSet",
      "sms-voice:GetProtectConfigurationCountryRuleSet",
      "sms-voice:DescribeAccountAttributes",
      "sms-voice:DescribeProtectConfigurations",
      "sms-voice:DescribeAccountAttributes",
      "sms-voice:DeleteAccountDefaultProtectConfiguration",
      "sms-voice:DeleteProtectConfiguration",
    ]);
    // Each operation first proved, with the same credentials, that it acts in the instance's account.
    expect(account.receivedActions().filter((action) => action.startsWith("sts:"))).toEqual([
      "sts:GetCallerIdentity",
      "sts:GetCallerIdentity",
      "sts:GetCallerIdentity",
    ]);
  });
  it("refuses, in the serialized provider, a create whose credentials are in another account than the instance's provider", async () => {
    const configuration = configurationOf(enabled);
    if (configuration === undefined) throw new Error("the enabled plan has no protect configuration");
    const count = (service: string) => account.receivedActions().filter((action) => action.startsWith(service)).length;
    const before = { sts: count("sts:"), smsVoice: count("sms-voice:") };
    const inputs = { ...configuration.inputs, accountId: "444444444444" };
    const refusal = await call<provproto.CreateRequest, provproto.CreateResponse>(
      client.create.bind(client),
      new provproto.CreateRequest().setUrn(configuration.urn).setProperties(struct(inputs)),
    ).then(
      () => "",
      (error: unknown) => String(error),
    );
    expect(refusal).toContain(
      "the credentials the protect configuration is managed with (the default AWS credential chain of the process running pulumi) are in account 123456789012",
    );
    expect(refusal).toContain("is in account 444444444444");
    expect({ sts: count("sts:") - before.sts, smsVoice: count("sms-voice:") - before.smsVoice }).toEqual({ sts: 1, smsVoice: 0 });
  });
});
