/**
 * Things one Pulumi program may hold only once across its SmsMfa instances: the first instance to claim
 * a key holds it, a second is refused naming both. Claims are kept per program run (per root stack
 * resource). A `deploymentName` gives the physical names (two IAM users of one name: CreateUser refuses
 * the second, EntityAlreadyExists); the SNS SMS preferences (SetSMSAttributes has no resource) and the
 * account-default protect configuration ("There can only be one account default protect configuration
 * at any time") exist once per account and region, so two instances would overwrite each other.
 */
import * as pulumi from "@pulumi/pulumi";
import { senderUserName } from "./aws/aws-resource-names";

const claimsByRun = new WeakMap<object, Map<string, string>>();

/** The claims of the running program (outside a stack: one set for the process). */
export function programClaims(): Map<string, string> {
  const run: object = pulumi.runtime.getStackResource() ?? claimsByRun;
  const claims = claimsByRun.get(run) ?? new Map<string, string>();
  claimsByRun.set(run, claims);
  return claims;
}

/** The instance that already holds `key`, or undefined (and `key` is now held by `instanceName`). */
export function claimOnce(claims: Map<string, string>, key: string, instanceName: string): string | undefined {
  const holder = claims.get(key);
  if (holder !== undefined && holder !== instanceName) return holder;
  claims.set(key, instanceName);
  return undefined;
}

/** Undefined once `instanceName` holds `deploymentName` in this program; the refusal when another instance holds it. */
export function claimDeploymentName(deploymentName: string, instanceName: string): string | undefined {
  const holder = claimOnce(programClaims(), `deployment-name/${deploymentName}`, instanceName);
  if (holder === undefined) return undefined;
  return (
    `deploymentName: SmsMfa "${instanceName}" and SmsMfa "${holder}" both use deploymentName "${deploymentName}", ` +
    `so both would create the IAM user ${senderUserName(deploymentName)} and the Actions sns-sms-sender-${deploymentName}-*: ` +
    "give each instance its own deploymentName (or leave it unset: it defaults to the instance's name)"
  );
}

/** The account-wide settings an instance can claim, by the SmsMfa argument that manages each: what it is, and why once. */
const ACCOUNT_SETTINGS = {
  smsPreferences: ["the SMS preferences", "they are one setting per account and region"],
  protectConfiguration: ["the account-default protect configuration", "an account has one default per region"],
} as const;

/**
 * Resolves once `instanceName` holds `setting` of the account in `region`; fails (and so fails the
 * resource that waits on it) when another instance of the program holds it.
 */
export function claimAccountSetting(
  setting: keyof typeof ACCOUNT_SETTINGS,
  scope: pulumi.Resource,
  account: pulumi.Input<string>,
  region: string,
  instanceName: string,
): pulumi.Output<string> {
  const claims = programClaims();
  const [what, why] = ACCOUNT_SETTINGS[setting];
  return pulumi.output(account).apply((accountId) => {
    const holder = claimOnce(claims, `${setting}/${accountId}/${region}`, instanceName);
    if (holder !== undefined)
      throw new pulumi.ResourceError(
        `${setting}: SmsMfa "${instanceName}" and SmsMfa "${holder}" both manage ${what} of AWS account ${accountId} in ${region}; ${why}: enable ${setting} in one instance only`,
        scope,
      );
    return accountId;
  });
}
