/**
 * The CloudWatch Logs resource policy EventBridge needs to write a rule's events to a log group: one
 * per account and region, named LOGS_RESOURCE_POLICY_NAME, covering the monitoring log group of
 * every stack (`<instance>-sms-mfa-log-events-<7 characters>`), so stacks share it. Its document is
 * the same in every stack of an account and region, and the AWS provider creates it with
 * PutResourcePolicy, which replaces a policy of that name (terraform-provider-aws
 * internal/service/logs/resource_policy.go, resourceResourcePolicyPut is Create and Update), so a
 * second stack's create finds no conflict; it is kept on delete (retainOnDelete). Principals and
 * actions: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-cloudwatchlogs-permissions.
 */
import { MONITORING_RESOURCE_NAMES } from "./aws-resource-names";

/** The ARN partition of a region (the log-stream regions include China and GovCloud). */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** The ARN pattern of every stack's monitoring log group (and its streams) in the account and region. */
export function monitoringLogGroupsArn(region: string, account: string): string {
  return `arn:${partitionOf(region)}:logs:${region}:${account}:log-group:*-${MONITORING_RESOURCE_NAMES.logGroup}-*:*`;
}

/** The policy document, shaped as the documented one (no condition): EventBridge may create streams in and write to the monitoring log groups only. */
export function logsResourcePolicyDocument(region: string, account: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EventBridgeWritesSmsMfaLogEvents",
        Effect: "Allow",
        Principal: { Service: ["events.amazonaws.com", "delivery.logs.amazonaws.com"] },
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: monitoringLogGroupsArn(region, account),
      },
    ],
  });
}
