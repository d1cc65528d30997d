/**
 * The sender's only permission: `sns:Publish` straight to phone numbers in one region. Instead of
 * the guide's AmazonSNSFullAccess (every SNS action on every topic), the Action's key can send an
 * SMS and nothing else: `NotResource` excludes every SNS ARN in every partition (topics, platform
 * applications and endpoints), which leaves only direct publishes to a phone number, and
 * `aws:RequestedRegion` pins the region whose SMS settings and spend limit apply.
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
    ],
  };
}
