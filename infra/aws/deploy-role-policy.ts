/**
 * The permissions of the role a pipeline assumes (OIDC) to run `pulumi preview/up/refresh/destroy`
 * for one stack: the AWS calls the Pulumi AWS provider (terraform-provider-aws v6 underneath) makes
 * to create, read, update and delete this program's AWS resources, each allowed only on that stack's
 * resources. The opt-in statements appear only when the stack enables the opt-in. Pure.
 *
 * Which calls, read in the provider's source (internal/service/iam/user.go, user_policy.go,
 * access_key.go, role.go, role_policy.go; internal/service/sns/sms_preferences.go, topic.go,
 * topic_subscription.go; internal/service/cloudwatch/metric_alarm.go; the tags interceptor):
 * - User: CreateUser (tags included), GetUser, UpdateUser, TagUser/UntagUser, and on delete
 *   ListGroupsForUser then DeleteUser (force_destroy is off, so nothing else is listed).
 * - Inline user policy: PutUserPolicy, GetUserPolicy, DeleteUserPolicy. Access key: CreateAccessKey,
 *   ListAccessKeys (read), UpdateAccessKey, DeleteAccessKey.
 * - Role: CreateRole, GetRole, ListRolePolicies + GetRolePolicy + ListAttachedRolePolicies (every read),
 *   UpdateAssumeRolePolicy, UpdateRoleDescription, TagRole/UntagRole, and on delete
 *   ListInstanceProfilesForRole, DeleteRolePolicy, DeleteRole. Inline role policy: PutRolePolicy.
 * - SMS preferences: SetSMSAttributes (also on delete, to reset), GetSMSAttributes: no resource type.
 * - Topic: CreateTopic (+ TagResource for tags on create), SetTopicAttributes (sent on create even
 *   with no attributes set), GetTopicAttributes, ListTagsForResource, TagResource/UntagResource,
 *   DeleteTopic. Subscription: Subscribe (on the topic), GetSubscriptionAttributes,
 *   SetSubscriptionAttributes, Unsubscribe: the last three have no resource type.
 * - Alarms: PutMetricAlarm (+ TagResource), DescribeAlarms, ListTagsForResource, TagResource/
 *   UntagResource, DeleteAlarms.
 * - The account-default protect configuration (a dynamic resource, infra/aws/protect-configuration-calls.ts,
 *   run by Pulumi's Node.js dynamic provider with the same credentials): PROTECT_CONFIGURATION_ACTIONS.
 *   Tags are written at create only; CreateProtectConfiguration lists no dependent action (TagResource
 *   is not needed) in the Service Authorization Reference. Its resource-level actions are allowed on the
 *   region's protect configurations (their ids are AWS's, unknown before create); the others have no
 *   resource type and are allowed in the stack's region. No tag condition: the reference marks ABAC for
 *   End User Messaging SMS as partial.
 * `sts:GetCallerIdentity`, which the provider calls at start, needs no permission.
 *
 * The preflight (`npm run doctor`, run before `pulumi up`) reads the account's SMS state: the SNS and
 * End User Messaging SMS read actions in DOCTOR_READ_ACTIONS (access level Read or List in the
 * Service Authorization Reference; none has a resource type except the protect configuration, so
 * they are allowed in the stack's region only), and iam:ListAccessKeys, already allowed on the sender user.
 */
import { iamPath, optInAutonamePatterns, senderUserName } from "./aws-resource-names";
import type { IamPolicyDocument, IamPolicyStatement } from "./iam-policy-document";
import type { StackConfig } from "../config/stack-config-types";

export interface DeployRoleScope {
  /** The 12-digit AWS account the stack deploys to. */
  accountId: string;
  /** The stack's settings that decide which resources exist and where. */
  config: Pick<StackConfig, "stack" | "region" | "smsPreferences" | "alarms"> & Partial<Pick<StackConfig, "protectConfiguration">>;
}

const ACCOUNT_ID = /^\d{12}$/;

/** What `npm run doctor` reads in the stack's region (tools/doctor/aws-*-checks.ts); all read-only. */
export const DOCTOR_READ_ACTIONS = [
  "sns:GetSMSSandboxAccountStatus",
  "sns:ListSMSSandboxPhoneNumbers",
  "sns:GetSMSAttributes",
  "sns:CheckIfPhoneNumberIsOptedOut",
  "sms-voice:DescribeSpendLimits",
  "sms-voice:DescribePhoneNumbers",
  "sms-voice:DescribeSenderIds",
  "sms-voice:DescribeProtectConfigurations",
  "sms-voice:GetProtectConfigurationCountryRuleSet",
] as const;

/**
 * What the stack's protect configuration calls (AWS End User Messaging SMS and Voice V2 in the Service
 * Authorization Reference: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsendusermessagingsmsandvoicev2.html).
 * `onConfiguration`: resource type protect-configuration (required); `withoutResourceType`: none
 * (DescribeProtectConfigurations: optional, so allowed on "*").
 */
export const PROTECT_CONFIGURATION_ACTIONS = {
  onConfiguration: [
    "sms-voice:GetProtectConfigurationCountryRuleSet",
    "sms-voice:UpdateProtectConfigurationCountryRuleSet",
    "sms-voice:SetAccountDefaultProtectConfiguration",
    "sms-voice:DeleteProtectConfiguration",
  ],
  withoutResourceType: [
    "sms-voice:DescribeAccountAttributes",
    "sms-voice:DescribeProtectConfigurations",
    "sms-voice:CreateProtectConfiguration",
    "sms-voice:DeleteAccountDefaultProtectConfiguration",
  ],
} as const;

/** The ARN partition of a region: China and AWS GovCloud have their own. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

export function deployRolePolicyDocument({ accountId, config }: DeployRoleScope): IamPolicyDocument {
  if (!ACCOUNT_ID.test(accountId)) throw new Error(`accountId: ${JSON.stringify(accountId.slice(0, 20))} is not a 12-digit AWS account ID`);
  const { stack, region } = config;
  const inRegion = { StringEquals: { "aws:RequestedRegion": region } };
  const partition = partitionOf(region);
  const iam = `arn:${partition}:iam::${accountId}`;
  const statements: IamPolicyStatement[] = [
    {
      Sid: "SenderUserItsPolicyAndKeys",
      Effect: "Allow",
      Action: [
        "iam:CreateUser",
        "iam:GetUser",
        "iam:UpdateUser",
        "iam:TagUser",
        "iam:UntagUser",
        "iam:ListGroupsForUser",
        "iam:DeleteUser",
        "iam:PutUserPolicy",
        "iam:GetUserPolicy",
        "iam:DeleteUserPolicy",
        "iam:CreateAccessKey",
        "iam:ListAccessKeys",
        "iam:UpdateAccessKey",
        "iam:DeleteAccessKey",
      ],
      Resource: `${iam}:user${iamPath(stack)}${senderUserName(stack)}`,
    },
    {
      Sid: "DoctorReadsSmsAccountState",
      Effect: "Allow",
      Action: [...DOCTOR_READ_ACTIONS],
      Resource: "*",
      Condition: inRegion,
    },
  ];
  if (config.smsPreferences !== undefined) {
    const role = optInAutonamePatterns(stack, "deliveryStatusRole").map((name) => `${iam}:role${iamPath(stack)}${name}`);
    statements.push(
      {
        Sid: "DeliveryStatusLoggingRole",
        Effect: "Allow",
        Action: [
          "iam:CreateRole",
          "iam:GetRole",
          "iam:UpdateAssumeRolePolicy",
          "iam:UpdateRoleDescription",
          "iam:TagRole",
          "iam:UntagRole",
          "iam:ListRolePolicies",
          "iam:GetRolePolicy",
          "iam:PutRolePolicy",
          "iam:DeleteRolePolicy",
          "iam:ListAttachedRolePolicies",
          "iam:ListInstanceProfilesForRole",
          "iam:DeleteRole",
        ],
        Resource: role,
      },
      {
        // SNS takes the role's ARN in its SMS settings. AWS documents no PassRole check for
        // SetSMSAttributes; allowed anyway, to SNS only, so a stricter check would not break a deploy.
        Sid: "PassDeliveryStatusRoleToSnsOnly",
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: role,
        Condition: { StringEquals: { "iam:PassedToService": "sns.amazonaws.com" } },
      },
      {
        Sid: "AccountSmsPreferencesInTheStackRegion",
        Effect: "Allow",
        Action: ["sns:SetSMSAttributes", "sns:GetSMSAttributes"],
        Resource: "*",
        Condition: inRegion,
      },
    );
  }
  if (config.alarms !== undefined) {
    const alarms = (role: "failedSmsAlarm" | "spendAlarm") =>
      optInAutonamePatterns(stack, role).map((name) => `arn:${partition}:cloudwatch:${region}:${accountId}:alarm:${name}`);
    statements.push(
      {
        Sid: "AlarmTopic",
        Effect: "Allow",
        Action: [
          "sns:CreateTopic",
          "sns:GetTopicAttributes",
          "sns:SetTopicAttributes",
          "sns:ListTagsForResource",
          "sns:TagResource",
          "sns:UntagResource",
          "sns:Subscribe",
          "sns:DeleteTopic",
        ],
        Resource: optInAutonamePatterns(stack, "alarmTopic").map((name) => `arn:${partition}:sns:${region}:${accountId}:${name}`),
      },
      {
        Sid: "AlarmTopicEmailSubscription",
        Effect: "Allow",
        Action: ["sns:GetSubscriptionAttributes", "sns:SetSubscriptionAttributes", "sns:Unsubscribe"],
        Resource: "*",
        Condition: inRegion,
      },
      {
        Sid: "SmsAlarms",
        Effect: "Allow",
        Action: [
          "cloudwatch:PutMetricAlarm",
          "cloudwatch:DescribeAlarms",
          "cloudwatch:ListTagsForResource",
          "cloudwatch:TagResource",
          "cloudwatch:UntagResource",
          "cloudwatch:DeleteAlarms",
        ],
        Resource: [...alarms("failedSmsAlarm"), ...alarms("spendAlarm")],
      },
    );
  }
  if (config.protectConfiguration !== undefined) {
    statements.push(
      {
        Sid: "ProtectConfigurationsInTheStackRegion",
        Effect: "Allow",
        Action: [...PROTECT_CONFIGURATION_ACTIONS.onConfiguration],
        Resource: `arn:${partition}:sms-voice:${region}:${accountId}:protect-configuration/*`,
      },
      {
        Sid: "AccountDefaultProtectConfigurationInTheStackRegion",
        Effect: "Allow",
        Action: [...PROTECT_CONFIGURATION_ACTIONS.withoutResourceType],
        Resource: "*",
        Condition: inRegion,
      },
    );
  }
  return { Version: "2012-10-17", Statement: statements };
}
