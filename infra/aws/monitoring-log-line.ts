/**
 * What the monitoring rule's CloudWatch Logs target writes for each log event, and what is read back
 * from it: the target's input transformer keeps only the time, the log type, the Action error class,
 * the client id and Auth0's log id, so no phone number (Auth0 writes it in `details` and, for some
 * types, in the free-text `description`) is stored in AWS. An input transformer for a Logs target
 * must produce `{"timestamp": ..., "message": ...}` with `message` a string. The metric filters count
 * the lines by outcome; each matches one quoted term, `type=<log type>;`, so `gd_send_sms` never counts
 * `gd_send_sms_failure`.
 */
import { SMS_MFA_LOG_TYPES, type SmsMfaOutcome } from "./monitoring-event-pattern";

/** The target's input transformer (EventBridge InputTransformer: InputPathsMap and InputTemplate). */
export const LOG_LINE_TRANSFORMER = {
  inputPaths: {
    time: "$.time",
    type: "$.detail.data.type",
    errorClass: "$.detail.data.details.error_class",
    client: "$.detail.data.client_id",
    logId: "$.detail.data.log_id",
  },
  inputTemplate: '{"timestamp": "<time>", "message": "auth0-log type=<type>; error_class=<errorClass>; client=<client>; log_id=<logId>;"}',
} as const;

/** The namespace of a deployment's metrics (metric filters cannot take a fixed dimension). */
export function monitoringNamespace(deploymentName: string): string {
  return `Auth0SnsMfa/${deploymentName}`;
}

/** The metric each counted outcome feeds. */
export const OUTCOME_METRICS = {
  sent: "MfaSmsRequested",
  failed: "MfaSmsFailedInAuth0",
  rateLimited: "MfaSmsRateLimited",
} as const satisfies Partial<Record<SmsMfaOutcome, string>>;

export interface LogLineFilter {
  /** The log type the filter counts: a suffix of the resource's logical name. */
  logType: string;
  /** CloudWatch Logs filter pattern (a quoted term). */
  pattern: string;
  metricName: string;
}

/** One metric filter per counted log type; the filters of one outcome feed the same metric. */
export function logLineFilters(): LogLineFilter[] {
  return (Object.keys(OUTCOME_METRICS) as (keyof typeof OUTCOME_METRICS)[]).flatMap((outcome) =>
    SMS_MFA_LOG_TYPES[outcome].map((logType) => ({ logType, pattern: `"type=${logType};"`, metricName: OUTCOME_METRICS[outcome] })),
  );
}

/** The Logs Insights query of the latest failures: time, type, error class, client, log id; never a phone number. */
export function latestFailuresQuery(logGroupName: string): string {
  return [
    `SOURCE '${logGroupName}'`,
    'parse @message "type=*; error_class=*; client=*; log_id=*;" as type, errorClass, client, logId',
    `filter type != "${SMS_MFA_LOG_TYPES.sent[0]}"`,
    "sort @timestamp desc",
    "display @timestamp, type, errorClass, client, logId",
    "limit 50",
  ].join(" | ");
}
