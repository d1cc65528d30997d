/**
 * The Action's secrets, named as the sender reads them (hook/action-secrets.ts): the region and the
 * managed access key, plus the optional sender settings that are set. SNS_ENDPOINT is never
 * deployed: it only points tests and the send-test tool at a local endpoint.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { OptionalSecretName, RequiredSecretName } from "../../hook/action-secrets";
import type { SenderOptions } from "../config/stack-config-types";

export interface ActionSecretInput {
  name: RequiredSecretName | Exclude<OptionalSecretName, "SNS_ENDPOINT">;
  value: pulumi.Input<string>;
}

export interface SenderActionSecretsArgs {
  region: string;
  accessKeyId: pulumi.Input<string>;
  secretAccessKey: pulumi.Input<string>;
  /** The sender ID may be a secret Output (a value stored with `--secret`). */
  sender: Omit<SenderOptions, "senderId"> & { senderId: pulumi.Input<string> | undefined };
}

export function senderActionSecrets(args: SenderActionSecretsArgs): ActionSecretInput[] {
  const secrets: ActionSecretInput[] = [
    { name: "AWS_REGION", value: args.region },
    { name: "AWS_ACCESS_KEY_ID", value: args.accessKeyId },
    { name: "AWS_SECRET_ACCESS_KEY", value: args.secretAccessKey },
  ];
  const { allowedCountries, senderId, originationNumber, maxPriceUsd } = args.sender;
  if (allowedCountries.length > 0) secrets.push({ name: "ALLOWED_COUNTRIES", value: allowedCountries.join(",") });
  if (senderId !== undefined) secrets.push({ name: "SMS_SENDER_ID", value: senderId });
  if (originationNumber !== undefined) secrets.push({ name: "SMS_ORIGINATION_NUMBER", value: originationNumber });
  if (maxPriceUsd !== undefined) secrets.push({ name: "SMS_MAX_PRICE_USD", value: maxPriceUsd });
  return secrets;
}
