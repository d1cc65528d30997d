/**
 * Where send-test gets the Action's secrets: from the deployed stack through the Pulumi CLI
 * (`pulumi stack output --json --show-secrets` + `pulumi config --json`, the same values `pulumi up`
 * gave the Action), or from AWS_* environment variables. `--endpoint` adds SNS_ENDPOINT. The pure
 * functions here turn either source into the secrets and name any missing value.
 */
import type { ActionSecretName } from "../hook/action-secrets";
import { PROJECT_NAME } from "../infra/config/config-keys";
import { pulumiAvailable, pulumiFailure, runPulumi } from "./pulumi-cli";

export type ActionSecretValues = Partial<Record<ActionSecretName, string>>;
export type SecretsSource = "pulumi" | "environment";
export type PhoneExperience = "classic" | "unified";

export interface GatheredSecrets {
  source: SecretsSource;
  /** How the secrets were found, for the operator (no values). */
  description: string;
  secrets: ActionSecretValues;
  /** From the stack output phoneExperience; undefined from the environment. */
  phoneExperience: PhoneExperience | undefined;
}

export interface SourceChoice {
  /** --stack was given. */
  stackGiven: boolean;
  /** --no-pulumi was given. */
  noPulumi: boolean;
  cliPresent: boolean;
}

/** Pulumi when a stack is named, the CLI is there and not refused; the environment otherwise. */
export function chooseSecretsSource(choice: SourceChoice): SecretsSource {
  return choice.stackGiven && !choice.noPulumi && choice.cliPresent ? "pulumi" : "environment";
}

const ENVIRONMENT_NAMES = {
  required: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION"],
  optional: ["ALLOWED_COUNTRIES", "SMS_SENDER_ID", "SMS_ORIGINATION_NUMBER", "SMS_MAX_PRICE_USD"],
} as const;

/** The secrets from AWS_* (and the optional sender) variables; throws naming the first missing one. */
export function secretsFromEnvironment(env: NodeJS.ProcessEnv, why: string): ActionSecretValues {
  const secrets: ActionSecretValues = {};
  for (const name of ENVIRONMENT_NAMES.required) {
    const value = env[name];
    if (value === undefined || value.trim() === "") {
      throw new Error(
        `Environment variable ${name} is not set (${why}). Set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION ` +
          "to the sender's key and region, or give --stack with the Pulumi CLI installed and logged in.",
      );
    }
    secrets[name] = value.trim();
  }
  for (const name of ENVIRONMENT_NAMES.optional) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== "") secrets[name] = value;
  }
  return secrets;
}

type JsonRecord = Record<string, unknown>;

function parseJsonObject(text: string, what: string): JsonRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${what} did not print JSON`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error(`${what} did not print a JSON object`);
  return parsed as JsonRecord;
}

function outputString(outputs: JsonRecord, name: string, stack: string): string {
  const value = outputs[name];
  if (typeof value !== "string" || value.trim() === "") {
    throw new Error(
      `Stack output ${name} of stack ${stack} is ${value === undefined ? "missing" : "not a non-empty string"}: ` +
        `run \`pulumi up --stack ${stack}\` first (send-test tests a deployed stack)`,
    );
  }
  return value;
}

/** A non-secret config value of the project (`pulumi config --json` shape: { "ns:key": { value } }). */
function configValue(config: JsonRecord, key: string): string | undefined {
  const entry = config[key.includes(":") ? key : `${PROJECT_NAME}:${key}`];
  const value = typeof entry === "object" && entry !== null ? (entry as JsonRecord).value : undefined;
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/**
 * The Action's secrets as `pulumi up` set them, from the stack's outputs and configuration
 * (infra/auth0/sender-action-secrets.ts holds the same mapping).
 */
export function secretsFromStack(outputsJson: string, configJson: string, stack: string): Omit<GatheredSecrets, "source" | "description"> {
  const outputs = parseJsonObject(outputsJson, `pulumi stack output --json --stack ${stack}`);
  const config = parseJsonObject(configJson, `pulumi config --json --stack ${stack}`);
  const region = typeof outputs.region === "string" && outputs.region !== "" ? outputs.region : configValue(config, "aws:region");
  if (region === undefined)
    throw new Error(`Stack ${stack} has neither a region output nor aws:region config: run \`pulumi up --stack ${stack}\``);
  const secrets: ActionSecretValues = {
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: outputString(outputs, "accessKeyId", stack),
    AWS_SECRET_ACCESS_KEY: outputString(outputs, "senderSecretAccessKey", stack),
  };
  const countries = outputs.allowedCountries;
  if (Array.isArray(countries) && countries.length > 0) secrets.ALLOWED_COUNTRIES = countries.map(String).join(",");
  const optional = { SMS_SENDER_ID: "senderId", SMS_ORIGINATION_NUMBER: "originationNumber", SMS_MAX_PRICE_USD: "maxPriceUsd" } as const;
  for (const [secret, key] of Object.entries(optional) as [keyof typeof optional, string][]) {
    const value = configValue(config, key);
    if (value !== undefined) secrets[secret] = value;
  }
  const experience = outputs.phoneExperience;
  return { secrets, phoneExperience: experience === "unified" || experience === "classic" ? experience : undefined };
}

export interface GatherOptions {
  stack: string | undefined;
  noPulumi: boolean;
  env: NodeJS.ProcessEnv;
}

/** Reads the secrets from the chosen source (runs the Pulumi CLI when that is the source). */
export async function gatherSecrets(options: GatherOptions): Promise<GatheredSecrets> {
  const stackGiven = options.stack !== undefined;
  const cliPresent = stackGiven && !options.noPulumi ? await pulumiAvailable(options.env) : false;
  const source = chooseSecretsSource({ stackGiven, noPulumi: options.noPulumi, cliPresent });
  if (source === "environment" || options.stack === undefined) {
    const why = options.noPulumi
      ? "--no-pulumi was given"
      : stackGiven
        ? `the Pulumi CLI was not found, so stack ${options.stack ?? ""} cannot be read`
        : "no --stack was given";
    return {
      source: "environment",
      description: `environment variables AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION (${why})`,
      secrets: secretsFromEnvironment(options.env, why),
      phoneExperience: undefined,
    };
  }
  const stack = options.stack;
  const outputs = await runPulumi(["stack", "output", "--json", "--show-secrets", "--stack", stack], options.env);
  if (outputs.code !== 0) throw pulumiFailure(`pulumi stack output --json --show-secrets --stack ${stack}`, outputs);
  const config = await runPulumi(["config", "--json", "--stack", stack], options.env);
  if (config.code !== 0) throw pulumiFailure(`pulumi config --json --stack ${stack}`, config);
  return {
    source: "pulumi",
    description: `stack ${stack} (pulumi stack output + pulumi config)`,
    ...secretsFromStack(outputs.stdout, config.stdout, stack),
  };
}
