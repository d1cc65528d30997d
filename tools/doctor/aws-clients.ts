/**
 * The AWS SDK clients the doctor calls, for the stack's region and the standard credential chain.
 * Endpoints come only from the SDK's own configuration (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>,
 * `endpoint_url` in ~/.aws/config). Each call fails within seconds when an API cannot be reached, so
 * an unreachable service is a warning, never a hang.
 */
import { IAMClient } from "@aws-sdk/client-iam";
import { PinpointSMSVoiceV2Client } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { SNSClient } from "@aws-sdk/client-sns";
import { STSClient } from "@aws-sdk/client-sts";

export interface AwsClients {
  sts: STSClient;
  iam: IAMClient;
  sns: SNSClient;
  /** AWS End User Messaging SMS (`pinpoint-sms-voice-v2`): origination identities, spend limits, protect configurations. */
  sms: PinpointSMSVoiceV2Client;
}

/** Per attempt: the TCP/TLS connection must be up within this. */
export const DOCTOR_CONNECTION_TIMEOUT_MS = 3_000;
/** Per attempt: the answer must arrive within this. */
export const DOCTOR_REQUEST_TIMEOUT_MS = 10_000;
/** Attempts per call (read-only calls: a retry changes nothing). */
export const DOCTOR_MAX_ATTEMPTS = 2;

/** The configuration every doctor client shares: the region, the timeouts and the attempts above. */
export function awsClientConfig(region: string) {
  return {
    region,
    maxAttempts: DOCTOR_MAX_ATTEMPTS,
    userAgentAppId: "auth0-sns-mfa-doctor",
    requestHandler: {
      connectionTimeout: DOCTOR_CONNECTION_TIMEOUT_MS,
      requestTimeout: DOCTOR_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
  };
}

export function createAwsClients(region: string): AwsClients {
  const config = awsClientConfig(region);
  return { sts: new STSClient(config), iam: new IAMClient(config), sns: new SNSClient(config), sms: new PinpointSMSVoiceV2Client(config) };
}

export function destroyAwsClients(clients: AwsClients): void {
  for (const client of [clients.sts, clients.iam, clients.sns, clients.sms]) client.destroy();
}
