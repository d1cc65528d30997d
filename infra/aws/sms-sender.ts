/**
 * The AWS side: a dedicated IAM user that may only publish SMS to phone numbers in the stack's
 * region, and its access key, registered only once the AWS provider is confirmed in that region.
 * The key's logical name carries its generation, so raising
 * `accessKeyGeneration` makes Pulumi create the new key, update everything that uses it (the Action),
 * and only then delete the old key: a rotation without a gap. Optionally, the account's SMS
 * preferences, alarms and default protect configuration (sms-account-opt-ins.ts).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { afterAccessKeySettles } from "./access-key-propagation";
import { iamPath, senderUserName } from "./aws-resource-names";
import { SENDER_USER_PURPOSE, stackTags } from "./iam-tag-rules";
import { SmsAccountOptIns, type SmsAccountOptInsArgs, type SnsAlarms } from "./sms-account-opt-ins";
import type { IamPolicyDocument } from "./iam-policy-document";

/** The opt-ins' arguments (sms-account-opt-ins.ts) but `inRegion`, which the sender works out, and its key's generation. */
export interface SmsSenderArgs extends Omit<SmsAccountOptInsArgs, "inRegion"> {
  /** The access key's generation: a new one rotates the key. */
  accessKeyGeneration: number;
}

/**
 * An instance's `region` must be its AWS provider's: the sender's policy and the Action publish in
 * `region`, while the opt-ins (spend limit, delivery-status logs, alarms) are made where the provider
 * points (@pulumi/aws 7.48.0 sns/smsPreferences.d.ts, region). `aws.getRegion` on the instance's provider
 * (an invoke, in previews too) answers the provider's configured region without calling AWS
 * (terraform-provider-aws v6.46.0 internal/service/meta/region_data_source.go, Read; `name` is deprecated).
 * Answers no resources once the AWS provider `scope` runs on is confirmed in `region`; fails when it is
 * elsewhere, and so fails every resource that waits on it (`dependsOn`) before it is registered.
 */
export function awsProviderInRegion(scope: pulumi.Resource, region: string, instanceName: string): pulumi.Output<pulumi.Resource[]> {
  return aws.getRegionOutput({}, { parent: scope }).apply((answer) => {
    if (answer.region === region) return [];
    const where = (answer.region as string | undefined) ?? "";
    const provider = where === "" ? "no region aws.getRegion could read" : where;
    throw new pulumi.ResourceError(
      `region: SmsMfa "${instanceName}" has region ${region} but its AWS provider is in ${provider}; the sender's IAM policy and the ` +
        `Action would publish in ${region} while the SMS preferences and alarms are made in the provider's region: give the instance ` +
        `an AWS provider in ${region} (providers option, or aws:region for the default provider), or set region to the provider's`,
      scope,
    );
  });
}

/**
 * The sender's only permission, instead of the guide's AmazonSNSFullAccess: `sns:Publish` straight to
 * phone numbers (`NotResource` excludes every SNS ARN: topics, applications, endpoints) in one region
 * (`aws:RequestedRegion`). Requests signed with temporary credentials are refused: anyone holding the key
 * could mint session credentials (`sts:GetSessionToken` needs no permission) that outlive a rotation, and
 * `aws:TokenIssueTime` is present only in such requests:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-tokenissuetime
 */
export function smsSenderPolicyDocument(region: string): IamPolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "PublishSmsToPhoneNumbersOnly",
        Effect: "Allow",
        Action: "sns:Publish",
        NotResource: "arn:*:sns:*:*:*",
        Condition: { StringEquals: { "aws:RequestedRegion": region } },
      },
      {
        Sid: "RefuseTemporaryCredentials",
        Effect: "Deny",
        Action: "*",
        Resource: "*",
        Condition: { Null: { "aws:TokenIssueTime": "false" } },
      },
    ],
  };
}

export class SmsSender extends pulumi.ComponentResource {
  readonly userArn: pulumi.Output<string>;
  readonly userName: pulumi.Output<string>;
  readonly accessKeyId: pulumi.Output<string>;
  /** Marked secret: it stays encrypted in state, in the Action's inputs and in stack outputs. */
  readonly secretAccessKey: pulumi.Output<string>;
  /** The account-default protect configuration's id, when the instance manages it. */
  readonly protectConfigurationId: pulumi.Output<string> | undefined;
  /** The SNS alarms' topic and ARNs, with alarms. */
  readonly alarms: SnsAlarms | undefined;

  constructor(name: string, args: SmsSenderArgs, opts?: pulumi.ComponentResourceOptions) {
    super("auth0-sns-mfa:aws:SmsSender", name, {}, opts);
    const longLived = { parent: this, protect: args.protect };
    const instance = args.instanceName;
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
      { ...longLived, dependsOn: inRegion },
    );
    const policy = new aws.iam.UserPolicy(
      `${instance}-sms-sender-publish-sms-only`,
      { user: user.name, name: "publish-sms-to-phone-numbers-only", policy: JSON.stringify(smsSenderPolicyDocument(args.region)) },
      longLived,
    );
    // The key waits for the policy, so the Action never holds a key that cannot publish yet.
    const key = new aws.iam.AccessKey(
      // A new generation is a new resource.
      `${instance}-sms-sender-key-gen${args.accessKeyGeneration}`,
      { user: user.name },
      { parent: this, dependsOn: [policy] },
    );

    const optIns =
      args.smsPreferences !== undefined || args.alarms !== undefined || args.protectConfiguration !== undefined
        ? new SmsAccountOptIns(`${instance}-sms-account`, { ...args, inRegion }, { parent: this })
        : undefined;
    this.protectConfigurationId = optIns?.protectConfigurationId;
    this.alarms = optIns?.alarms;
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
