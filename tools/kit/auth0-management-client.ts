/**
 * The one place that turns Auth0 credentials into a Management API client, with Auth0's Node SDK
 * (`auth0`): a client-credentials grant for the Management API audience (AuthenticationClient), then a
 * ManagementClient on that token; or a ManagementClient on a given API token. Used by the Pulumi
 * program (infra/tenant-phone-flag.ts) and the doctor (tools/doctor/auth0-session.ts). The SDK's
 * errors are left to the caller, which knows what each means to its operator.
 *
 * `domain` is a host or host:port, as `auth0:domain` / AUTH0_DOMAIN hold it: the SDK builds
 * https://DOMAIN/oauth/token and https://DOMAIN/api/v2 from it (a port included), which is what lets
 * tests and the offline plan point it at a loopback stand-in.
 */
import { AuthenticationClient, ManagementClient } from "auth0";

/** Per request. Auth0 answers reads in well under a second. */
export const MANAGEMENT_TIMEOUT_SECONDS = 10;

export interface ClientCredentials {
  /** Host or host:port (no scheme, no path). */
  domain: string;
  clientId: string;
  clientSecret: string;
  /** The audience to ask the token for (the provider's `audience`, for a tenant on a custom domain). Default: managementAudience(domain). */
  audience?: string;
}

/** The Management API audience the Auth0 provider asks for by default: https://DOMAIN/api/v2/. */
export function managementAudience(domain: string): string {
  return `https://${domain}/api/v2/`;
}

/** A Management API access token from https://DOMAIN/oauth/token (client-credentials grant); throws the SDK's errors. */
export async function requestManagementToken(credentials: ClientCredentials, timeoutSeconds = MANAGEMENT_TIMEOUT_SECONDS): Promise<string> {
  const authentication = new AuthenticationClient({
    domain: credentials.domain,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    timeoutDuration: timeoutSeconds * 1000,
  });
  const audience = credentials.audience ?? managementAudience(credentials.domain);
  const { data } = await authentication.oauth.clientCredentialsGrant({ audience });
  return data.access_token;
}

/** A ManagementClient for https://DOMAIN/api/v2 that sends `token`. */
export function managementClient(domain: string, token: string, timeoutSeconds = MANAGEMENT_TIMEOUT_SECONDS): ManagementClient {
  return new ManagementClient({ domain, token, timeoutInSeconds: timeoutSeconds });
}
