/** What the AWS checks know about the stack: its validated config, whether it was deployed, the test number. */
import type { StackConfig } from "../../infra/config/stack-config-types";
import type { AwsClients } from "./aws-clients";
import type { DeployedStack } from "./doctor-check";

/** `unknown`: the stack's outputs could not be read (no Pulumi CLI, no backend login); `why` says so. */
export type DeploymentState = { kind: "deployed"; outputs: DeployedStack } | { kind: "not-deployed" } | { kind: "unknown"; why: string };

export interface AwsDoctorInput {
  config: StackConfig;
  deployment: DeploymentState;
  /** The --to test number (E.164), if given. */
  to?: string;
}

export interface AwsCheckContext extends AwsDoctorInput {
  clients: AwsClients;
}
