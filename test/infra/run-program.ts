/**
 * Runs the Pulumi program offline under Pulumi's mocks, for a committed stack file (plus overrides),
 * the way `pulumi up` would: config from Pulumi.yaml + Pulumi.<stack>.yaml, validated, then both
 * components inside a root Stack. Records every resource: its type, name, the inputs the engine
 * received, the raw props and options (a stack transformation sees protect, dependsOn, parent).
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import type { ActionTrigger, BuiltAction } from "../../infra/auth0/action-bundle";
import { PROJECT_NAME } from "../../infra/config/config-keys";
import { defineSmsMfaStack, readStackSmsMfaArgs, type SmsMfaStackOutputs } from "../../infra/sms-mfa-stack";
import { readTenantSettings, type PhoneFlagReader } from "../../infra/auth0/tenant-settings";
import { stackConfiguration, type StackName } from "./stack-files";

export interface RecordedResource {
  type: string;
  name: string;
  custom: boolean;
  /** What the engine received (secrets unwrapped to plain values). */
  inputs: Record<string, unknown>;
  /** The props as the program passed them (Outputs kept: check secrecy here). */
  props: Record<string, unknown>;
  opts: pulumi.ResourceOptions;
  resource: pulumi.Resource;
  urn: string;
  /** URNs this resource depends on, as the engine was told (what orders creates and deletes). */
  dependencies: string[];
}

export interface ProgramRun {
  resources: RecordedResource[];
  outputs: SmsMfaStackOutputs;
  /** Every resource of a type (e.g. "aws:iam/user:User"). */
  ofType(type: string): RecordedResource[];
  /** The one resource of a type; fails if there are none or several. */
  one(type: string): RecordedResource;
}

export interface RunProgramOptions {
  stack: StackName;
  overrides?: Record<string, unknown>;
  /** Replaces the real esbuild build (tests that do not look at the code). */
  build?: (trigger: ActionTrigger) => Promise<BuiltAction>;
  /** Called for every registration the engine receives (the Stack and components included). */
  onRegister?: (type: string, name: string) => void;
  /** The stack name the program sees (default: `stack`), e.g. for a fixture stack file's values given as overrides. */
  stackName?: string;
  /** Answers a provider function call (invoke); undefined leaves the call refused. */
  invoke?: (token: string, args: Record<string, unknown>) => Record<string, unknown> | undefined;
  /**
   * The tenant. Default: one that agrees with the stack's phoneExperience (classic: flag off;
   * unified: on; auto: never set). auth0.getTenant answers it as the Auth0 provider does (a flag
   * never set reads false); the program's raw read of the setting answers the flag as the tenant holds it.
   */
  tenant?: MockTenant;
  /** Replaces the raw read of phone_consolidated_experience (default: answered from `tenant`). */
  readPhoneFlag?: PhoneFlagReader;
}

/** The tenant: `phoneConsolidatedExperience` absent = never set (a new tenant). */
export interface MockTenant {
  phoneConsolidatedExperience?: boolean;
  friendlyName?: string;
}

export const GET_TENANT = "auth0:index/getTenant:getTenant";
/** The AWS account the program runs in: the SMS preferences opt-in claims its account and region. */
export const GET_CALLER_IDENTITY = "aws:index/getCallerIdentity:getCallerIdentity";
/** The region of the AWS provider an instance runs on: it must be the instance's `region`. */
export const GET_REGION = "aws:index/getRegion:getRegion";

/**
 * aws.getRegion's answer as the AWS provider gives it: without arguments, the region configured on
 * the provider the call runs on, as `region` (`name` and `id` deprecated, the same value)
 * (terraform-provider-aws v6.46.0 internal/service/meta/region_data_source.go; @pulumi/aws 7.48.0 getRegion.d.ts).
 */
export function getRegionAnswer(region: string): Record<string, unknown> {
  return { region, name: region, id: region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
}

/**
 * The regions of the AWS providers a program registered, to answer aws.getRegion for the provider a
 * call names (`<provider URN>::<id>`); a call without one runs on the default provider, configured by
 * `aws:region`.
 */
export class AwsProviderRegions {
  private readonly byName = new Map<string, string | undefined>();
  constructor(private readonly defaultRegion: string | undefined) {}

  /** Records a registration if it is an AWS provider. */
  register(type: string, name: string, inputs: Record<string, unknown>): void {
    if (type === "pulumi:providers:aws") this.byName.set(name, typeof inputs.region === "string" ? inputs.region : undefined);
  }

  /** The region a call on `provider` (a provider reference, or none) runs in. */
  regionOf(provider: string | undefined): string | undefined {
    if (provider === undefined || provider === "") return this.defaultRegion;
    const urn = provider.slice(0, provider.lastIndexOf("::"));
    return this.byName.get(urn.slice(urn.lastIndexOf("::") + 2));
  }

  /** aws.getRegion as the provider answers it: the `region` argument when given, else the provider's region. */
  answer(provider: string | undefined, inputs: Record<string, unknown>): Record<string, unknown> {
    const region = typeof inputs.region === "string" ? inputs.region : this.regionOf(provider);
    if (region === undefined) throw new Error(`aws.getRegion on ${provider ?? "the default provider"}: the provider has no region`);
    return getRegionAnswer(region);
  }
}

/** A tenant whose flag matches the configured experience, so the run deploys what the stack asks for. */
function agreeingTenant(config: Record<string, string>): MockTenant {
  const choice = config[`${PROJECT_NAME}:phoneExperience`];
  if (choice === "classic") return { phoneConsolidatedExperience: false, friendlyName: "Example Tenant" };
  if (choice === "unified") return { phoneConsolidatedExperience: true, friendlyName: "Example Tenant" };
  return { friendlyName: "Example Tenant" };
}

/**
 * auth0.getTenant's answer as the Auth0 provider gives it: a flag that was never set reads false
 * (terraform-provider-auth0 v1.53.0 internal/auth0/tenant/flatten.go, `tenant.GetPhoneConsolidatedExperience()`).
 */
export function getTenantAnswer(tenant: MockTenant): Record<string, unknown> {
  return { id: "tenant", ...tenant, phoneConsolidatedExperience: tenant.phoneConsolidatedExperience ?? false };
}

const ACCOUNT = "123456789012";

/** The partner event source the mocked Auth0 provider reports for an EventBridge log stream. */
export const MOCK_PARTNER_EVENT_SOURCE = "aws.partner/auth0.com/example-tenant-2f1d5c36-0c6a-4d5e-9a43-5f0e1d2c3b4a/auth0.logs";

/** Plausible provider outputs, derived from the logical name so runs are reproducible. */
function mockState(type: string, name: string, inputs: Record<string, unknown>): { id: string; state: Record<string, unknown> } {
  const suffix = createHash("sha256").update(`${type}::${name}`).digest("hex").toUpperCase().slice(0, 16);
  switch (type) {
    case "aws:iam/user:User":
      return {
        id: String(inputs.name),
        state: { ...inputs, arn: `arn:aws:iam::${ACCOUNT}:user${String(inputs.path ?? "/")}${String(inputs.name)}` },
      };
    case "aws:iam/accessKey:AccessKey":
      return {
        id: `AKIA${suffix}`,
        state: { ...inputs, secret: `mock/secret+key/${suffix}`.padEnd(40, "x").slice(0, 40), status: "Active" },
      };
    case "aws:iam/role:Role":
      return { id: name, state: { ...inputs, arn: `arn:aws:iam::${ACCOUNT}:role${String(inputs.path ?? "/")}${name}` } };
    case "aws:sns/topic:Topic":
      return { id: name, state: { ...inputs, arn: `arn:aws:sns:us-east-1:${ACCOUNT}:${name}` } };
    case "auth0:index/logStream:LogStream":
      return {
        id: `lst_${suffix.toLowerCase()}`,
        state: { ...inputs, status: "active", sink: { ...(inputs.sink as object), awsPartnerEventSource: MOCK_PARTNER_EVENT_SOURCE } },
      };
    case "aws:cloudwatch/logGroup:LogGroup":
      return {
        id: `${name}-abc1234`,
        state: { ...inputs, name: `${name}-abc1234`, arn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${name}-abc1234` },
      };
    case "aws:cloudwatch/eventRule:EventRule":
      return { id: `${name}-abc1234`, state: { ...inputs, name: `${name}-abc1234` } };
    case "aws:cloudwatch/metricAlarm:MetricAlarm":
      return { id: name, state: { ...inputs, arn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${name}` } };
    case "auth0:index/action:Action":
      return { id: `act_${suffix.toLowerCase()}`, state: { ...inputs, versionId: "ver_1" } };
    default:
      return { id: `${name}-id`, state: inputs };
  }
}

export async function runProgram(options: RunProgramOptions): Promise<ProgramRun> {
  const inputsByUrnKey = new Map<string, { inputs: Record<string, unknown>; custom: boolean }>();
  const configuration = stackConfiguration(options.stack, options.overrides);
  const tenant = options.tenant ?? agreeingTenant(configuration);
  const regions = new AwsProviderRegions(configuration["aws:region"]);
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        options.onRegister?.(args.type, args.name);
        const inputs = args.inputs as Record<string, unknown>;
        regions.register(args.type, args.name, inputs);
        inputsByUrnKey.set(`${args.type}::${args.name}`, { inputs, custom: args.custom ?? true });
        return mockState(args.type, args.name, inputs);
      },
      call(args) {
        const answer = options.invoke?.(args.token, args.inputs as Record<string, unknown>);
        if (answer !== undefined) return answer;
        if (args.token === GET_TENANT) return getTenantAnswer(tenant);
        if (args.token === GET_CALLER_IDENTITY)
          return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/deployer`, userId: "AIDADEPLOYER", id: ACCOUNT };
        if (args.token === GET_REGION) return regions.answer(args.provider, args.inputs as Record<string, unknown>);
        throw new Error(`The program made an unexpected provider call: ${args.token}`);
      },
    },
    PROJECT_NAME,
    options.stackName ?? options.stack,
    false,
  );
  const dependenciesByUrnKey = recordEngineDependencies();
  pulumi.runtime.setAllConfig(configuration);

  const seen: { type: string; name: string; props: Record<string, unknown>; opts: pulumi.ResourceOptions; resource: pulumi.Resource }[] =
    [];
  // As in infra/index.ts: the tenant and the configuration are read and validated before anything is registered.
  const readPhoneFlag =
    options.readPhoneFlag ?? (async () => ({ ok: true as const, phoneConsolidatedExperience: tenant.phoneConsolidatedExperience }));
  const args = await readStackSmsMfaArgs(() => readTenantSettings(readPhoneFlag));
  let outputs: SmsMfaStackOutputs | undefined;
  await pulumi.runtime.runInPulumiStack(async () => {
    pulumi.runtime.registerStackTransformation((args) => {
      seen.push({ type: args.type, name: args.name, props: args.props, opts: args.opts, resource: args.resource });
      return undefined;
    });
    outputs = defineSmsMfaStack(options.build === undefined ? args : { ...args, buildAction: options.build });
    return outputs;
  });
  if (outputs === undefined) throw new Error("the program returned no outputs");

  const urns = await Promise.all(seen.map((entry) => settled(entry.resource.urn)));
  const resources = seen.map((entry, index) => {
    const engine = inputsByUrnKey.get(`${entry.type}::${entry.name}`);
    if (engine === undefined) throw new Error(`${entry.type} ${entry.name} never reached the engine`);
    const dependencies = dependenciesByUrnKey.get(`${entry.type}::${entry.name}`) ?? [];
    return { ...entry, inputs: engine.inputs, custom: engine.custom, urn: urns[index] ?? "", dependencies };
  });
  const ofType = (type: string): RecordedResource[] => resources.filter((resource) => resource.type === type);
  return {
    resources,
    outputs,
    ofType,
    one(type) {
      const found = ofType(type);
      if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
      return found[0] as RecordedResource;
    },
  };
}

interface RegisterResourceRequest {
  getType(): string;
  getName(): string;
  getDependenciesList(): string[];
}
type RegisterResource = (request: RegisterResourceRequest, callback: unknown) => unknown;

/** Wraps the mock monitor's registerResource to keep the dependency URNs of each registration. */
function recordEngineDependencies(): Map<string, string[]> {
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: RegisterResource } | undefined;
  if (monitor === undefined) throw new Error("no mock monitor");
  const dependencies = new Map<string, string[]>();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    dependencies.set(`${request.getType()}::${request.getName()}`, request.getDependenciesList());
    return register(request, callback);
  };
  return dependencies;
}

/** The resolved value of an Output (tests run with preview off, so every value is known). */
export function settled<T>(output: pulumi.Input<T>): Promise<T> {
  return new Promise((resolve) => {
    pulumi.output(output).apply((value) => {
      resolve(value as T);
      return value;
    });
  });
}

/** The provider id of the one resource of a type. */
export function idOf(run: ProgramRun, type: string): Promise<string> {
  return settled((run.one(type).resource as pulumi.CustomResource).id);
}

/** Pulumi's marker for a secret value on the wire (`{ [SECRET_SIG_KEY]: SECRET_SIG, value }`). */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Whether the engine received this input value marked secret. */
export function sentAsSecret(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;
}

/** An engine input with any secret marker removed. */
export function revealed<T>(value: unknown): T {
  return (sentAsSecret(value) ? (value as { value: unknown }).value : value) as T;
}

/** The Action's secrets as the engine received them, by name. */
export function deployedSecrets(run: ProgramRun): Record<string, string> {
  const secrets = revealed<{ name: string; value: unknown }[]>(run.one(ACTION).inputs.secrets);
  return Object.fromEntries(secrets.map((secret) => [secret.name, revealed<string>(secret.value)]));
}

export const ACTION = "auth0:index/action:Action";
export const TRIGGER_ACTIONS = "auth0:index/triggerActions:TriggerActions";
export const GUARDIAN = "auth0:index/guardian:Guardian";
export const PHONE_PROVIDER = "auth0:index/phoneProvider:PhoneProvider";
export const PHONE_TEMPLATE = "auth0:index/brandingPhoneNotificationTemplate:BrandingPhoneNotificationTemplate";
export const IAM_USER = "aws:iam/user:User";
export const IAM_USER_POLICY = "aws:iam/userPolicy:UserPolicy";
export const ACCESS_KEY = "aws:iam/accessKey:AccessKey";

/**
 * A resource's URN as the Pulumi engine forms it: the type chain of its ancestors below the stack,
 * then its own type and name (the mock monitor keeps only the parent's last type).
 */
export function engineUrnOf(resources: readonly RecordedResource[], resource: RecordedResource, stack: string): string {
  const byObject = new Map(resources.map((entry) => [entry.resource, entry]));
  const chain: string[] = [resource.type];
  for (let parent = resource.opts.parent; parent !== undefined;) {
    const entry = byObject.get(parent);
    if (entry === undefined || entry.type === "pulumi:pulumi:Stack") break;
    chain.unshift(entry.type);
    parent = entry.opts.parent;
  }
  return `urn:pulumi:${stack}::${PROJECT_NAME}::${chain.join("$")}::${resource.name}`;
}
