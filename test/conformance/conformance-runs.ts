/**
 * The runs the conformance suite judges: the program under Pulumi's mocks and `npm run plan --json`,
 * for the committed stacks and the fixture stack files, each turned into the resources the rules read.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { load } from "js-yaml";
import { runProgram, type ProgramRun } from "../infra/run-program";
import { readStackFile, REPO_ROOT, type StackName } from "../infra/stack-files";
import type { ResourceUnderTest, TenantState } from "./provider-rules";
import { unwrapSecrets } from "./rule-values";

export const FIXTURES = path.join(__dirname, "fixtures");

/** A stack to judge: a committed stack file or a fixture stack file, plus overrides. */
export interface StackUnderTest {
  /** The stack name the program sees. */
  stack: string;
  /** The stack file, relative to the repository root. */
  stackFile: string;
  overrides?: Record<string, unknown>;
}

export const COMMITTED_STACKS: StackUnderTest[] = [
  { stack: "dev", stackFile: "Pulumi.dev.yaml" },
  { stack: "prod", stackFile: "Pulumi.prod.yaml" },
];

export const FIXTURE_STACKS: StackUnderTest[] = [
  { stack: "unified", stackFile: path.relative(REPO_ROOT, path.join(FIXTURES, "Pulumi.unified.yaml")) },
  { stack: "every-opt-in", stackFile: path.relative(REPO_ROOT, path.join(FIXTURES, "Pulumi.every-opt-in.yaml")) },
];

/** A tenant created today: the flag was never set, which the provider reads as on. */
export const NEW_TENANT: TenantState = { phoneConsolidatedExperience: undefined };
/** A tenant that still uses the classic MFA phone settings. */
export const CLASSIC_TENANT: TenantState = { phoneConsolidatedExperience: false };

export function describeTenant(tenant: TenantState): string {
  return tenant.phoneConsolidatedExperience === undefined
    ? "a new tenant"
    : `a tenant with phone_consolidated_experience ${tenant.phoneConsolidatedExperience ? "on" : "off"}`;
}

function stackFileConfig(file: string): Record<string, unknown> {
  const parsed = load(readFileSync(path.join(REPO_ROOT, file), "utf8")) as { config?: Record<string, unknown> } | null;
  return parsed?.config ?? {};
}

/** The stack's explicit phone experience, as its file and overrides set it (undefined: the project default). */
export function configuredExperience(stack: StackUnderTest): string | undefined {
  const values = { ...stackFileConfig(stack.stackFile), ...(stack.overrides ?? {}) };
  const value = values["auth0-sns-mfa:phoneExperience"] ?? values["phoneExperience"];
  return typeof value === "string" ? value : undefined;
}

/**
 * Whether the program may refuse this stack on this tenant before registering anything: an explicit
 * experience the tenant's flag contradicts (the provider or the tenant would refuse it later).
 */
export function contradictsTenant(stack: StackUnderTest, tenant: TenantState): boolean {
  const experience = configuredExperience(stack);
  const unifiedTenant = tenant.phoneConsolidatedExperience !== false;
  return (experience === "classic" && unifiedTenant) || (experience === "unified" && !unifiedTenant);
}

export type MockOutcome = { kind: "registered"; resources: ResourceUnderTest[]; run: ProgramRun } | { kind: "refused"; message: string };

/** The program under Pulumi's mocks for a stack file, on `tenant` (getTenant and the raw read of its flag). */
export async function runUnderMocks(stack: StackUnderTest, tenant: TenantState): Promise<MockOutcome> {
  // runProgram reads the committed dev file: a fixture file becomes overrides that replace it key by key.
  const base: StackName = "dev";
  const fileValues = stackFileConfig(stack.stackFile);
  const cleared = Object.fromEntries(
    Object.keys(readStackFile(base))
      .filter((key) => !(key in fileValues))
      .map((key) => [key, undefined]),
  );
  const tenantOutputs =
    tenant.phoneConsolidatedExperience === undefined ? {} : { phoneConsolidatedExperience: tenant.phoneConsolidatedExperience };
  let run: ProgramRun;
  try {
    run = await runProgram({
      stack: base,
      stackName: stack.stack,
      overrides: { ...cleared, ...fileValues, ...(stack.overrides ?? {}) },
      // getTenant answers as the Auth0 provider does (never set reads false); the program's raw read
      // of the setting answers the tenant as it is (test/infra/run-program.ts).
      tenant: tenantOutputs,
    });
  } catch (error) {
    return { kind: "refused", message: error instanceof Error ? error.message : String(error) };
  }
  const region = awsRegionOf(stack);
  const resources = run.resources
    .filter((resource) => resource.custom)
    .map((resource) => ({
      type: resource.type,
      name: resource.name,
      urn: resource.urn,
      inputs: unwrapSecrets(resource.inputs) as Record<string, unknown>,
      replaceOnChanges: resource.opts.replaceOnChanges ?? [],
      dependsOn: resource.dependencies,
      // The program gives no resource an explicit provider: the AWS ones run on the default provider, in aws:region.
      ...(resource.type.startsWith("aws:") && resource.opts.provider === undefined ? { providerRegion: region } : {}),
    }));
  return { kind: "registered", resources, run };
}

/** The stack's aws:region (the default AWS provider's region), as its file and overrides set it. */
export function awsRegionOf(stack: StackUnderTest): string | undefined {
  const value = { ...stackFileConfig(stack.stackFile), ...(stack.overrides ?? {}) }["aws:region"];
  return typeof value === "string" ? value : undefined;
}

/** A resource as `npm run plan -- --json` prints it. */
export interface PlannedResourceJson {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  inputs: Record<string, unknown>;
  options: { dependsOn?: string[]; replaceOnChanges?: string[]; provider?: string };
}

/**
 * The plan's custom resources, in the shape the rules read. An AWS resource runs in the region of its
 * explicit provider (the planned provider's `region`), else in `defaultAwsRegion` (the stack's aws:region).
 */
export function planResources(plan: { resources: PlannedResourceJson[] }, defaultAwsRegion: string | undefined): ResourceUnderTest[] {
  const providerRegion = (resource: PlannedResourceJson): string | undefined => {
    if (resource.options.provider === undefined) return defaultAwsRegion;
    const region = plan.resources.find((other) => other.urn === resource.options.provider)?.inputs["region"];
    return typeof region === "string" ? region : undefined;
  };
  return plan.resources
    .filter((resource) => resource.custom)
    .map((resource) => ({
      type: resource.type,
      name: resource.name,
      urn: resource.urn,
      inputs: resource.inputs,
      replaceOnChanges: resource.options.replaceOnChanges ?? [],
      dependsOn: resource.options.dependsOn ?? [],
      ...(resource.type.startsWith("aws:") ? { providerRegion: providerRegion(resource) } : {}),
    }));
}
