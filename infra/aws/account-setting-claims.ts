/**
 * Account-wide SMS settings exist once per AWS account and region: the SNS SMS preferences
 * (SetSMSAttributes has no resource: it sets the account's attributes in the region;
 * https://docs.aws.amazon.com/sns/latest/api/API_SetSMSAttributes.html) and the account-default
 * protect configuration of AWS End User Messaging SMS ("There can only be one account default protect
 * configuration at any time"; https://docs.aws.amazon.com/sms-voice/latest/userguide/protect-configuration.html).
 * Two SmsMfa instances of one program managing the same one in the same account and region would
 * overwrite each other on every update, so the second one to claim it is refused with an error naming
 * both (program-claims.ts keeps the claims).
 */
import * as pulumi from "@pulumi/pulumi";
import { claimOnce, programClaims } from "../program-claims";

/** The account-wide settings an instance can claim, by the SmsMfa argument that manages each. */
export type AccountSetting = "smsPreferences" | "protectConfiguration";

/** The message of a refused claim on the SMS preferences. */
export function duplicateSmsPreferencesMessage(instanceName: string, holder: string, account: string, region: string): string {
  return (
    `smsPreferences: SmsMfa "${instanceName}" and SmsMfa "${holder}" both manage the SMS preferences of AWS account ${account} in ${region}; ` +
    "they are one setting per account and region: enable smsPreferences in one instance only"
  );
}

/** The message of a refused claim on the account-default protect configuration. */
export function duplicateProtectConfigurationMessage(instanceName: string, holder: string, account: string, region: string): string {
  return (
    `protectConfiguration: SmsMfa "${instanceName}" and SmsMfa "${holder}" both manage the account-default protect configuration of AWS account ${account} in ${region}; ` +
    "an account has one default per region: enable protectConfiguration in one instance only"
  );
}

const DUPLICATE_MESSAGES: Record<AccountSetting, typeof duplicateSmsPreferencesMessage> = {
  smsPreferences: duplicateSmsPreferencesMessage,
  protectConfiguration: duplicateProtectConfigurationMessage,
};

/**
 * Resolves once `instanceName` holds `setting` of the account in `region`; fails (and so fails the
 * resource that waits on it) when another instance of the program holds it.
 */
export function claimAccountSetting(
  setting: AccountSetting,
  scope: pulumi.Resource,
  account: pulumi.Input<string>,
  region: string,
  instanceName: string,
): pulumi.Output<string> {
  const claims = programClaims();
  return pulumi.output(account).apply((accountId) => {
    const holder = claimOnce(claims, `${setting}/${accountId}/${region}`, instanceName);
    if (holder !== undefined) throw new pulumi.ResourceError(DUPLICATE_MESSAGES[setting](instanceName, holder, accountId, region), scope);
    return accountId;
  });
}
