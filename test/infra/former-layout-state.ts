/**
 * The state a stack deployed before the SmsMfa component holds, rebuilt from a run of the current
 * program: the AWS side `auth0-sns-mfa:aws:SmsSender` named `aws` and the Auth0 side
 * `auth0-sns-mfa:auth0:SmsMfa` named `auth0` straight under the stack, the opt-ins
 * `auth0-sns-mfa:aws:SmsAccountOptIns` under the AWS side, every child with its logical name
 * without the instance prefix (as `npm run plan` printed them for the committed stacks).
 */
import { PROJECT_NAME } from "../../infra/config/config-keys";
import type { RecordedResource } from "./run-program";

/** The component a resource sits in now, and its former type chain (outermost first). */
const FORMER_CHAINS: [string, string][] = [
  ["auth0-sns-mfa:aws:SmsAccountOptIns$", "auth0-sns-mfa:aws:SmsSender$auth0-sns-mfa:aws:SmsAccountOptIns"],
  ["auth0-sns-mfa:aws:SmsSender$", "auth0-sns-mfa:aws:SmsSender"],
  ["auth0-sns-mfa:auth0:TenantSmsMfa$", "auth0-sns-mfa:auth0:SmsMfa"],
];

/** The components' former URNs: their type chain and name. */
const FORMER_COMPONENTS: Record<string, [string, string]> = {
  "auth0-sns-mfa:aws:SmsSender": ["auth0-sns-mfa:aws:SmsSender", "aws"],
  "auth0-sns-mfa:aws:SmsAccountOptIns": ["auth0-sns-mfa:aws:SmsSender$auth0-sns-mfa:aws:SmsAccountOptIns", "sms-account"],
  "auth0-sns-mfa:auth0:TenantSmsMfa": ["auth0-sns-mfa:auth0:SmsMfa", "auth0"],
};

/** A resource's URN in the former layout (the instance is the stack's, named after it). */
export function formerUrnOf(resource: Pick<RecordedResource, "urn" | "type" | "name">, stack: string): string {
  const component = FORMER_COMPONENTS[resource.type];
  if (component !== undefined) return `urn:pulumi:${stack}::${PROJECT_NAME}::${component[0]}::${component[1]}`;
  const chain = FORMER_CHAINS.find(([now]) => resource.urn.includes(now))?.[1];
  if (chain === undefined) throw new Error(`no former place for ${resource.urn}`);
  const name = resource.name.startsWith(`${stack}-`) ? resource.name.slice(stack.length + 1) : resource.name;
  return `urn:pulumi:${stack}::${PROJECT_NAME}::${chain}$${resource.type}::${name}`;
}

/** The custom resources of a run as the former layout registered them, dependencies included. */
export function formerState(resources: readonly RecordedResource[], stack: string): RecordedResource[] {
  const custom = resources.filter((resource) => resource.custom);
  const renamed = new Map(custom.map((resource) => [resource.urn, formerUrnOf(resource, stack)]));
  return custom.map((resource) => {
    const urn = renamed.get(resource.urn) as string;
    return {
      ...resource,
      urn,
      name: urn.slice(urn.lastIndexOf("::") + 2),
      dependencies: resource.dependencies.map((dependency) => renamed.get(dependency) ?? dependency),
    };
  });
}
