/**
 * The tenant's Auth0 log stream into the stack's AWS account and region, through EventBridge
 * (`type: eventbridge`). Per terraform-provider-auth0 v1.53.0 internal/auth0/logstream/: `type`,
 * `sink.aws_account_id` and `sink.aws_region` are ForceNew and the EventBridge sink is sent at create
 * only (expand.go, expandLogStream: "LogStreamTypeAmazonEventBridge cannot be updated"), so a new
 * account or region replaces the stream (and its partner event source); `sink.aws_partner_event_source`
 * is computed (flatten.go) and names the partner event source the AWS side's bus must be named after;
 * `filters` is Optional+Computed (an omitted block keeps what the tenant has: here none, so every log
 * reaches the bus and the AWS rule selects); `pii_config` masks the fields it names (`phone`).
 * A log stream is tenant-wide: two SmsMfa instances of one program on the same tenant are refused.
 */
import * as auth0 from "@pulumi/auth0";
import * as pulumi from "@pulumi/pulumi";
import { monitoringLogicalName } from "../aws/aws-resource-names";
import { claimOnce, programClaims } from "../program-claims";

/** The message of a refused second stream on one tenant. */
export function duplicateLogStreamMessage(instanceName: string, holder: string, tenant: string): string {
  return (
    `monitoringEnabled: SmsMfa "${instanceName}" and SmsMfa "${holder}" both stream the MFA SMS logs of tenant ${tenant}; ` +
    "a log stream is tenant-wide: enable monitoring in one instance only"
  );
}

export interface TenantLogStreamArgs {
  instanceName: string;
  deploymentName: string;
  /** The AWS account the stream delivers to (the stack's). */
  awsAccountId: pulumi.Input<string>;
  /** The AWS region the stream delivers to (the stack's; one of EVENTBRIDGE_LOG_STREAM_REGIONS). */
  region: string;
  protect: boolean;
}

/** The log stream, registered once the tenant is claimed by this instance. */
export function tenantLogStream(scope: pulumi.Resource, args: TenantLogStreamArgs): auth0.LogStream {
  const claims = programClaims();
  const tenant = auth0.getTenantOutput({ parent: scope });
  const claimed = pulumi.all([tenant.domain, tenant.id]).apply(([domain, id]) => {
    const name = domain === "" ? id : domain;
    const holder = claimOnce(claims, `logStream/${name}`, args.instanceName);
    if (holder !== undefined) throw new pulumi.ResourceError(duplicateLogStreamMessage(args.instanceName, holder, name), scope);
    return args.region;
  });
  return new auth0.LogStream(
    monitoringLogicalName(args.instanceName, "logStream"),
    {
      name: `auth0-sns-mfa-${args.deploymentName}`,
      type: "eventbridge",
      sink: { awsAccountId: args.awsAccountId, awsRegion: claimed },
      piiConfig: { logFields: ["phone"], method: "mask" },
    },
    { parent: scope, protect: args.protect },
  );
}

/** The partner event source the stream created in AWS (`aws.partner/auth0.com/<tenant>-<uuid>/auth0.logs`). */
export function partnerEventSourceOf(stream: auth0.LogStream): pulumi.Output<string> {
  return stream.sink.apply((sink) => {
    const source = sink.awsPartnerEventSource;
    if (source === undefined || source === "")
      throw new pulumi.ResourceError("Auth0 reported no partner event source for the log stream", stream);
    return source;
  });
}
