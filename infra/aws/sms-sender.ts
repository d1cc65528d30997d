/**
 * The AWS side: a dedicated IAM user that may only publish SMS to phone numbers in the stack's
 * region, and its access key, registered only once the AWS provider is confirmed in that region
 * (aws-provider-region.ts). The key's logical name carries its generation, so raising
 * `accessKeyGeneration` makes Pulumi create the new key, update everything that uses it (the Action),
 * and only then delete the old key: a rotation without a gap. Optionally, the account's SMS
 * preferences, alarms and default protect configuration (sms-account-opt-ins.ts).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { afterAccessKeySettles } from "./access-key-propagation";
import { awsProviderInRegion } from "./aws-provider-region";
import { iamPath, senderUserName } from "./aws-resource-names";
import { FORMER_NAMES, FORMER_TYPES, formerAliases } from "../former-layout";
import { SENDER_USER_PURPOSE, stackTags } from "./iam-tag-rules";
import { SmsAccountOptIns, type SmsAlarmInputs } from "./sms-account-opt-ins";
import { smsSenderPolicyDocument } from "./sms-sender-iam-policy";
import type { ProtectConfigurationSettings, SmsPreferencesSettings } from "../config/stack-config-types";

export interface SmsSenderArgs {
  /** The SmsMfa instance's name: the prefix of every child's logical name. */
  instanceName: string;
  /** Base of the physical names (IAM user and path) and of the Stack tag. */
  deploymentName: string;
  /** Alias every child to its URN before the SmsMfa component (former-layout.ts). */
  formerStackLayout: boolean;
  region: string;
  accessKeyGeneration: number;
  /** Protect the IAM user and its policy from deletion (never the key: rotation replaces it). */
  protect: boolean;
  smsPreferences: SmsPreferencesSettings | undefined;
  alarms: SmsAlarmInputs | undefined;
  senderId: pulumi.Input<string> | undefined;
  /** The account-default protect configuration (undefined: not managed); its rules follow allowedCountries. */
  protectConfiguration?: ProtectConfigurationSettings;
  /** The sender's allowed countries (empty: all). */
  allowedCountries?: readonly string[];
}

/** Logical name of the access key of a generation: a new generation is a new resource. */
export function accessKeyResourceName(generation: number, instanceName?: string): string {
  return `${instanceName === undefined ? "" : `${instanceName}-`}sms-sender-key-gen${generation}`;
}

export const SMS_SENDER_TYPE = "auth0-sns-mfa:aws:SmsSender";

export class SmsSender extends pulumi.ComponentResource {
  readonly userArn: pulumi.Output<string>;
  readonly userName: pulumi.Output<string>;
  readonly accessKeyId: pulumi.Output<string>;
  /** Marked secret: it stays encrypted in state, in the Action's inputs and in stack outputs. */
  readonly secretAccessKey: pulumi.Output<string>;
  /** The account-default protect configuration's id, when the instance manages it. */
  readonly protectConfigurationId: pulumi.Output<string> | undefined;
  /** The SNS alarms' topic, with alarms (undefined otherwise). */
  readonly alarmTopicArn: pulumi.Output<string> | undefined;
  /** ARNs of the SNS alarms (empty without alarms). */
  readonly alarmArns: pulumi.Output<string>[];

  constructor(name: string, args: SmsSenderArgs, opts?: pulumi.ComponentResourceOptions) {
    super(SMS_SENDER_TYPE, name, {}, opts);
    const longLived = { parent: this, protect: args.protect };
    const instance = args.instanceName;
    const former = formerAliases(args.formerStackLayout);
    const chain = (type: string): string[] => [FORMER_TYPES.awsSide, type];
    // Every child waits until the AWS provider is confirmed in args.region (nothing is registered otherwise).
    const inRegion = awsProviderInRegion(this, args.region, instance);

    const user = new aws.iam.User(
      `${instance}-sms-sender`,
      {
        name: senderUserName(args.deploymentName),
        path: iamPath(args.deploymentName),
        tags: stackTags(args.deploymentName, SENDER_USER_PURPOSE),
        // The user is this stack's alone: deleting it also deletes access keys, MFA devices, a login
        // profile, signing certificates and service-specific credentials made by hand, which would
        // otherwise make DeleteUser fail with DeleteConflict.
        forceDestroy: true,
      },
      { ...longLived, dependsOn: inRegion, aliases: former(chain("aws:iam/user:User"), "sms-sender") },
    );
    const policy = new aws.iam.UserPolicy(
      `${instance}-sms-sender-publish-sms-only`,
      { user: user.name, name: "publish-sms-to-phone-numbers-only", policy: JSON.stringify(smsSenderPolicyDocument(args.region)) },
      { ...longLived, aliases: former(chain("aws:iam/userPolicy:UserPolicy"), "sms-sender-publish-sms-only") },
    );
    // The key waits for the policy, so the Action never holds a key that cannot publish yet.
    const key = new aws.iam.AccessKey(
      accessKeyResourceName(args.accessKeyGeneration, instance),
      { user: user.name },
      {
        parent: this,
        dependsOn: [policy],
        aliases: former(chain("aws:iam/accessKey:AccessKey"), accessKeyResourceName(args.accessKeyGeneration)),
      },
    );

    let optIns: SmsAccountOptIns | undefined;
    if (args.smsPreferences !== undefined || args.alarms !== undefined || args.protectConfiguration !== undefined) {
      optIns = new SmsAccountOptIns(
        `${instance}-sms-account`,
        {
          instanceName: instance,
          deploymentName: args.deploymentName,
          formerStackLayout: args.formerStackLayout,
          region: args.region,
          preferences: args.smsPreferences,
          alarms: args.alarms,
          senderId: args.senderId,
          inRegion,
          protectConfiguration: args.protectConfiguration,
          allowedCountries: args.allowedCountries ?? [],
          protect: args.protect,
        },
        { parent: this, aliases: former(chain(FORMER_TYPES.optIns), FORMER_NAMES.optIns) },
      );
    }

    this.protectConfigurationId = optIns?.protectConfigurationId;
    this.alarmTopicArn = optIns?.alarmTopicArn;
    this.alarmArns = optIns?.alarmArns ?? [];
    this.userArn = user.arn;
    this.userName = user.name;
    // A key created in this update is handed on only once IAM has had time to propagate it, so the
    // Action never switches to a key SNS still refuses (see access-key-propagation.ts).
    // A preview changes nothing, so it shows the key as it is.
    const settled = (value: pulumi.Output<string>): pulumi.Output<string> =>
      pulumi.runtime.isDryRun() ? value : pulumi.all([value, key.createDate]).apply(([v, created]) => afterAccessKeySettles(v, created));
    this.accessKeyId = settled(key.id);
    this.secretAccessKey = pulumi.secret(settled(key.secret));
    this.registerOutputs({ userArn: this.userArn, accessKeyId: this.accessKeyId, secretAccessKey: this.secretAccessKey });
  }
}
