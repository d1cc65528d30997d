/**
 * The URNs the program's resources had before the SmsMfa component: the AWS side
 * (`auth0-sns-mfa:aws:SmsSender` named `aws`) and the Auth0 side (`auth0-sns-mfa:auth0:SmsMfa` named
 * `auth0`) registered straight under the stack, their children with unprefixed logical names. SmsMfa
 * aliases each of its resources to its former URN when `formerStackLayout` is set, so a stack deployed
 * then keeps every live resource (https://www.pulumi.com/docs/iac/concepts/options/aliases/).
 */
import * as pulumi from "@pulumi/pulumi";

export const FORMER_TYPES = {
  awsSide: "auth0-sns-mfa:aws:SmsSender",
  optIns: "auth0-sns-mfa:aws:SmsAccountOptIns",
  auth0Side: "auth0-sns-mfa:auth0:SmsMfa",
} as const;

export const FORMER_NAMES = { awsSide: "aws", optIns: "sms-account", auth0Side: "auth0" } as const;

/** A former URN: the type chain from the stack's child down to the resource, and its logical name. */
export function formerUrn(typeChain: readonly string[], name: string, stack = pulumi.getStack(), project = pulumi.getProject()): string {
  return `urn:pulumi:${stack}::${project}::${typeChain.join("$")}::${name}`;
}

/** Builds the aliases of one side's resources: none unless the instance takes over a former layout. */
export type FormerAliases = (typeChain: readonly string[], ...names: string[]) => string[];

export function formerAliases(enabled: boolean): FormerAliases {
  return (typeChain, ...names) => (enabled ? names.map((name) => formerUrn(typeChain, name)) : []);
}
