/**
 * The doctor's checks of the monitoring opt-in (monitoringEnabled): the tenant's log stream
 * (`auth0.log-stream`: the stack's own EventBridge stream is active; Auth0 pauses or suspends a stream
 * after repeated delivery failures, https://auth0.com/docs/customize/log-streams), the partner event
 * source it delivers to (`aws.log-event-source`: ACTIVE once the stack's bus is named after it; events
 * sent to a PENDING source are dropped, https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-saas.html),
 * and the dashboard's address (`stack.dashboard`). Read-only: GET /api/v2/log-streams (scope
 * read:log_streams) and events:DescribeEventSource.
 */
import { DescribeEventSourceCommand, EventBridgeClient, ResourceNotFoundException } from "@aws-sdk/client-eventbridge";
import type { Management } from "auth0";
import type { Read } from "./auth0-session";
import { notRun } from "./auth0-tenant-checks";
import { awsClientConfig } from "./aws-clients";
import type { DeploymentState } from "./aws-doctor-input";
import type { DoctorCheck } from "./doctor-check";

/** The monitoring checks, in output order, with what each looks at (the command's --help lists these). */
export const MONITORING_CHECKS = [
  {
    id: "auth0.log-stream",
    about: "monitoringEnabled: the stack's EventBridge log stream is active, and no other EventBridge stream is on the tenant",
  },
  {
    id: "aws.log-event-source",
    about: "monitoringEnabled, deployed: the stream's partner event source is ACTIVE (its events are not dropped)",
  },
  { id: "stack.dashboard", about: "monitoringEnabled, deployed: the address of the stack's dashboard" },
] as const;

/** The name the program gives the stack's log stream (infra/sms-monitoring.ts). */
export function ownLogStreamName(stack: string): string {
  return `auth0-sns-mfa-${stack}`;
}

const RESUME =
  'Fix the delivery first (aws.log-event-source must be ACTIVE), then resume the stream: Auth0 Dashboard > Monitoring > Streams > the stream > Resume, or PATCH /api/v2/log-streams/{id} with {"status": "active"}.';

/** `auth0.log-stream`: the stack's stream and its status, and any other EventBridge stream on the tenant. */
export function logStreamCheck(streams: Read<Management.LogStreamResponseSchema[]>, stack: string, deployed: boolean): DoctorCheck {
  const id = "auth0.log-stream";
  if (!streams.ok) return notRun(id, "the tenant's log streams", streams.problem, streams.status);
  const name = ownLogStreamName(stack);
  const eventBridge = streams.value.filter((stream) => stream.type === "eventbridge");
  const own = eventBridge.find((stream) => stream.name === name);
  const others = eventBridge.filter((stream) => stream !== own).map((stream) => `"${String(stream.name)}" (${String(stream.id)})`);
  const alsoOthers =
    others.length === 0
      ? ""
      : ` The tenant also has EventBridge log stream${others.length === 1 ? "" : "s"} the stack does not own: ${others.join(", ")}.`;
  const removeOthers =
    "Remove the other EventBridge stream if it is an earlier attempt, or keep it on purpose (each stream counts against the plan's limit).";
  if (own === undefined) {
    if (!deployed) {
      return {
        id,
        status: others.length === 0 ? "pass" : "warn",
        reason: `The stack is not deployed yet; pulumi up creates the log stream "${name}".${alsoOthers}`,
        next: others.length === 0 ? "" : removeOthers,
      };
    }
    return {
      id,
      status: "fail",
      reason: `The tenant has no log stream "${name}": the tenant's MFA SMS logs do not reach AWS.${alsoOthers}`,
      next: "Run `pulumi up` to create it.",
    };
  }
  const status = String(own.status ?? "unknown");
  if (status !== "active") {
    return {
      id,
      status: "fail",
      reason: `The log stream "${name}" (${String(own.id)}) is ${status}: Auth0 sends it no logs, so no Auth0-side failure reaches the dashboard or the alarms.${alsoOthers}`,
      next: RESUME,
    };
  }
  return {
    id,
    status: others.length === 0 ? "pass" : "warn",
    reason: `The log stream "${name}" (${String(own.id)}) is active.${alsoOthers}`,
    next: others.length === 0 ? "" : removeOthers,
  };
}

/** `aws.log-event-source`: the partner event source the stack's bus is named after is ACTIVE. */
export async function logEventSourceCheck(deployment: DeploymentState, events: EventBridgeClient): Promise<DoctorCheck> {
  const id = "aws.log-event-source";
  const name = deployment.kind === "deployed" ? deployment.outputs.logEventSourceName : undefined;
  if (name === undefined) {
    return {
      id,
      status: "warn",
      reason: "Not checked: the stack has no logEventSourceName output (not deployed with monitoringEnabled yet).",
      next: "Run `pulumi up`, then the doctor again.",
    };
  }
  try {
    const source = await events.send(new DescribeEventSourceCommand({ Name: name }));
    const state = String(source.State ?? "unknown");
    if (state === "ACTIVE") return { id, status: "pass", reason: `The partner event source ${name} is ACTIVE.`, next: "" };
    const fix =
      state === "PENDING"
        ? "Run `pulumi up`: it creates the event bus named after the source, which activates it (AWS deletes a source left PENDING)."
        : "The source is gone: replace the log stream (`pulumi up --replace` on the stack's auth0:index/logStream:LogStream), which creates a new source and bus.";
    return {
      id,
      status: "fail",
      reason: `The partner event source ${name} is ${state}: EventBridge drops the tenant's log events.`,
      next: fix,
    };
  } catch (error) {
    if (error instanceof ResourceNotFoundException) {
      return {
        id,
        status: "fail",
        reason: `The partner event source ${name} does not exist in this account and region.`,
        next: "Check that the stack's aws:region and AWS account are the log stream's; replace the log stream with `pulumi up --replace` on it if they are.",
      };
    }
    const message = error instanceof Error ? error.message : String(error);
    return {
      id,
      status: "warn",
      reason: `Could not check the partner event source ${name}: ${message.slice(0, 200)}.`,
      next: "Grant events:DescribeEventSource, or run the doctor again.",
    };
  }
}

/** `stack.dashboard`: the dashboard's address, from the stack's outputs. */
export function dashboardCheck(deployment: DeploymentState): DoctorCheck {
  const url = deployment.kind === "deployed" ? deployment.outputs.dashboardUrl : undefined;
  if (url === undefined)
    return {
      id: "stack.dashboard",
      status: "warn",
      reason: "The stack has no dashboardUrl output yet.",
      next: "Run `pulumi up`, then the doctor again.",
    };
  return { id: "stack.dashboard", status: "pass", reason: `Dashboard: ${url}`, next: "" };
}

/** The AWS-side monitoring checks, in the stack's region with the standard credential chain. */
export async function monitoringAwsChecks(region: string, deployment: DeploymentState): Promise<DoctorCheck[]> {
  const events = new EventBridgeClient(awsClientConfig(region));
  try {
    return [await logEventSourceCheck(deployment, events), dashboardCheck(deployment)];
  } finally {
    events.destroy();
  }
}
