/**
 * The sender's only permission: `sns:Publish` straight to phone numbers in one region. Instead of
 * the guide's AmazonSNSFullAccess (every SNS action on every topic), the Action's key can send an
 * SMS and nothing else: `NotResource` excludes every SNS ARN in every partition (topics, platform
 * applications and endpoints), which leaves only direct publishes to a phone number, and
 * `aws:RequestedRegion` pins the region whose SMS settings and spend limit apply.
 *
 * Requests signed with temporary credentials are refused. `sts:GetSessionToken` needs no
 * permission, so anyone holding the key can mint session credentials that keep the user's
 * permissions for up to 36 hours, even after the key is deleted by a rotation. The key
 * `aws:TokenIssueTime` is present only in requests signed with temporary credentials, so the `Null`
 * test below matches them and nothing signed with the long-term key:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-tokenissuetime
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null
 */
import type { IamPolicyDocument } from "./iam-policy-document";

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
