/**
 * SNS SMS preferences exist once per AWS account and region (SetSMSAttributes has no resource: it
 * sets the account's attributes in the region; https://docs.aws.amazon.com/sns/latest/api/API_SetSMSAttributes.html).
 * Two SmsMfa instances of one program managing them in the same account and region would overwrite
 * each other on every update, so the second one to claim them is refused with an error naming both
 * (program-claims.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { claimOnce, programClaims } from "./program-claims";

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
  const claims = programClaims();
  return pulumi.output(account).apply((accountId) => {
    const holder = claimOnce(claims, `sms-preferences/${accountId}/${region}`, instanceName);
    if (holder !== undefined)
      throw new pulumi.ResourceError(duplicateSmsPreferencesMessage(instanceName, holder, accountId, region), scope);
    return accountId;
  });
}
