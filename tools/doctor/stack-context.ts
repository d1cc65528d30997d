/**
 * What the doctor knows about a stack before calling AWS or Auth0: its committed configuration (as
 * the program validates it), its Auth0 Management API credentials from the stack config, and, through
 * the Pulumi CLI, whether it was deployed and its outputs. Without the CLI the stack is treated as not
 * deployed, and a `stack.outputs` warning says so.
 */
import { REPO_ROOT } from "../command";
import { senderActionSecrets } from "../../infra/auth0/sender-action-secrets";
import type { StackConfig } from "../../infra/config/stack-config-types";
import type { ConfigValue } from "../../infra/config/stack-file";
import { readCommittedStackConfig } from "../committed-stack-config";
import { pulumiAvailable, pulumiFailure, runPulumi } from "../pulumi-cli";
import type { DeploymentState } from "./aws-doctor-input";
import type { DeployedStack, DoctorCheck } from "./doctor-check";

export interface Auth0StackCredentials {
  /** Empty when the stack does not set it (the Auth0 checks then read AUTH0_* variables). */
  domain: string;
  clientId: string;
  clientSecret: string;
  /** The Management API token's audience (`auth0:audience`); empty: AUTH0_AUDIENCE, else the default. */
  audience: string;
}

export interface DoctorStackContext {
  /** The stack as given (`dev`, or `org/project/dev`). */
  stack: string;
  config: StackConfig;
  auth0: Auth0StackCredentials;
  deployment: DeploymentState;
  /** The Action secret names `pulumi up` sets for this configuration. */
  expectedSecretNames: string[];
  /** The `stack.outputs` finding: deployed, not deployed, or could not tell. */
  outputsCheck: DoctorCheck;
}

type JsonRecord = Record<string, unknown>;

function outputText(outputs: JsonRecord, name: string): string | undefined {
  const value = outputs[name];
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** The outputs the doctor uses, from `pulumi stack output --json` (secret outputs show as "[secret]"). */
export function deployedStackFromOutputs(outputs: JsonRecord): DeployedStack {
  const arn = outputText(outputs, "senderUserArn");
  return {
    senderUserName: arn?.split("/").at(-1),
    accessKeyId: outputText(outputs, "accessKeyId"),
    actionId: outputText(outputs, "actionId"),
    actionName: outputText(outputs, "actionName"),
    protectConfigurationId: outputText(outputs, "protectConfigurationId"),
    logEventSourceName: outputText(outputs, "logEventSourceName"),
    dashboardUrl: outputText(outputs, "dashboardUrl"),
  };
}

/** `pulumi stack output --json` → the deployment state and its finding; pure. */
export function deploymentFromOutputs(
  stack: string,
  result: { code: number; stdout: string; stderr: string },
): { deployment: DeploymentState; check: DoctorCheck } {
  const id = "stack.outputs";
  if (result.code !== 0) {
    if (/no stack named|stack .* not found/i.test(result.stderr)) {
      return {
        deployment: { kind: "not-deployed" },
        check: {
          id,
          status: "warn",
          reason: `Stack ${stack} does not exist in the Pulumi backend: it is treated as not deployed.`,
          next: `Create it with \`pulumi stack init ${stack}\` (or log in to the right backend), then \`pulumi up\`.`,
        },
      };
    }
    const why = pulumiFailure(`pulumi stack output --json --stack ${stack}`, result).message.split("\n").join(" ");
    return {
      deployment: { kind: "unknown", why: "its outputs could not be read" },
      check: {
        id,
        status: "warn",
        reason: `${why}: the stack is treated as not deployed.`,
        next: "Log in to the stack's Pulumi backend (`pulumi login`), then run the doctor again.",
      },
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(result.stdout.trim() === "" ? "{}" : result.stdout);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return {
      deployment: { kind: "unknown", why: "its outputs were not JSON" },
      check: {
        id,
        status: "warn",
        reason: `\`pulumi stack output --json --stack ${stack}\` did not print a JSON object: the stack is treated as not deployed.`,
        next: "Run it by hand to see why.",
      },
    };
  }
  const outputs = parsed as JsonRecord;
  if (Object.keys(outputs).length === 0) {
    return {
      deployment: { kind: "not-deployed" },
      check: {
        id,
        status: "pass",
        reason: `Stack ${stack} has no outputs: not deployed yet, so the deployment checks are skipped.`,
        next: "",
      },
    };
  }
  return {
    deployment: { kind: "deployed", outputs: deployedStackFromOutputs(outputs) },
    check: { id, status: "pass", reason: `Stack ${stack} is deployed: its outputs were read.`, next: "" },
  };
}

/** A plain (not `secure:`) stack value, trimmed; "" when unset or secure. */
function plainValue(values: ReadonlyMap<string, ConfigValue>, key: string): string {
  const value = values.get(key);
  return value === undefined || value.secure ? "" : value.text.trim();
}

export async function loadStackContext(
  stack: string,
  env: NodeJS.ProcessEnv,
  rootDirectory: string = REPO_ROOT,
): Promise<DoctorStackContext> {
  const fileStack = stack.split("/").at(-1) ?? stack;
  const { config, values } = readCommittedStackConfig(rootDirectory, fileStack);
  const auth0: Auth0StackCredentials = {
    domain: plainValue(values, "auth0:domain"),
    clientId: plainValue(values, "auth0:clientId"),
    clientSecret: plainValue(values, "auth0:clientSecret"),
    audience: plainValue(values, "auth0:audience"),
  };
  const expectedSecretNames = senderActionSecrets({
    region: config.region,
    accessKeyId: "",
    secretAccessKey: "",
    sender: config.sender,
  }).map((secret) => secret.name);

  if (!(await pulumiAvailable(env))) {
    return {
      stack,
      config,
      auth0,
      deployment: { kind: "unknown", why: "the Pulumi CLI is not installed" },
      expectedSecretNames,
      outputsCheck: {
        id: "stack.outputs",
        status: "warn",
        reason: "The Pulumi CLI was not found: the stack is treated as not deployed, so its outputs and deployment checks are skipped.",
        next: "Install the Pulumi CLI (or set PULUMI_BIN) and log in to the stack's backend, then run the doctor again.",
      },
    };
  }
  const outputs = await runPulumi(["stack", "output", "--json", "--stack", stack], env, rootDirectory);
  const { deployment, check } = deploymentFromOutputs(stack, outputs);
  if (values.get("auth0:clientSecret")?.secure === true) {
    const secret = await runPulumi(["config", "get", "auth0:clientSecret", "--stack", stack], env, rootDirectory);
    if (secret.code === 0) auth0.clientSecret = secret.stdout.trim();
  }
  return { stack, config, auth0, deployment, expectedSecretNames, outputsCheck: check };
}
