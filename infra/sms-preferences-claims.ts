/**
 * SNS SMS preferences exist once per AWS account and region (SetSMSAttributes has no resource: it
 * sets the account's attributes in the region; https://docs.aws.amazon.com/sns/latest/api/API_SetSMSAttributes.html).
 * Two SmsMfa instances of one program managing them in the same account and region would overwrite
 * each other on every update, so the second one to claim them is refused with an error naming both.
 * Claims are kept per program run (per root stack resource).
 */
import * as pulumi from "@pulumi/pulumi";

const claimsByRun = new WeakMap<object, Map<string, string>>();

/** The first instance that claimed the account and region, or undefined (and the claim recorded). */
export function claimOnce(claims: Map<string, string>, account: string, region: string, instanceName: string): string | undefined {
  const key = `${account}/${region}`;
  const holder = claims.get(key);
  if (holder !== undefined && holder !== instanceName) return holder;
  claims.set(key, instanceName);
  return undefined;
}

/** The message of a refused claim. */
export function duplicateSmsPreferencesMessage(instanceName: string, holder: string, account: string, region: string): string {
  return (
    `smsPreferences: SmsMfa "${instanceName}" and SmsMfa "${holder}" both manage the SMS preferences of AWS account ${account} in ${region}; ` +
    "they are one setting per account and region: enable smsPreferences in one instance only"
  );
}

/**
 * Resolves once `instanceName` holds the account's SMS preferences in `region`; fails (and so fails
 * the SmsPreferences resource that waits on it) when another instance of the program holds them.
 */
export function claimAccountSmsPreferences(
  scope: pulumi.Resource,
  account: pulumi.Input<string>,
  region: string,
  instanceName: string,
): pulumi.Output<string> {
  const run: object = pulumi.runtime.getStackResource() ?? claimsByRun;
  const claims = claimsByRun.get(run) ?? new Map<string, string>();
  claimsByRun.set(run, claims);
  return pulumi.output(account).apply((accountId) => {
    const holder = claimOnce(claims, accountId, region, instanceName);
    if (holder !== undefined)
      throw new pulumi.ResourceError(duplicateSmsPreferencesMessage(instanceName, holder, accountId, region), scope);
    return accountId;
  });
}
