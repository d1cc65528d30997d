/**
 * The one place that turns Auth0 credentials into a Management API client (Auth0's Node SDK): a
 * client-credentials grant (the SDK's TokenProvider) or a given API token, for the program
 * (tenant-settings.ts) and the doctor (tools/doctor/auth0-session.ts). A failed token request is a
 * TokenRequestError saying what happened; the API's own errors are left to the caller. `domain` is a
 * host or host:port (`auth0:domain` / AUTH0_DOMAIN), so tests and the offline plan can point it at a
 * loopback stand-in.
 */
import { ManagementClient, ManagementError, TokenProvider } from "auth0";

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

/** Why https://DOMAIN/oauth/token gave no token. Never carries the client secret. */
export class TokenRequestError extends Error {
  override readonly name = "TokenRequestError";
  constructor(
    message: string,
    /** The HTTP status Auth0 answered with; undefined when no answer came (timeout, network). */
    readonly statusCode: number | undefined,
    /** True when no answer came within the timeout. */
    readonly timedOut: boolean,
    /** The OAuth `error` and `error_description` of Auth0's answer, when it has them. */
    readonly oauth: { error: string; description: string | undefined } | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The Management API audience the Auth0 provider asks for by default: https://DOMAIN/api/v2/. */
export function managementAudience(domain: string): string {
  return `https://${domain}/api/v2/`;
}

/** The OAuth error of a token endpoint's JSON answer ({ error, error_description }), if it has one. */
function oauthErrorOf(body: unknown): { error: string; description: string | undefined } | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const { error, error_description: description } = body as Record<string, unknown>;
  if (typeof error !== "string") return undefined;
  return { error, description: typeof description === "string" ? description : undefined };
}

/** A Management API access token from https://DOMAIN/oauth/token (client-credentials grant); a TokenRequestError when none comes. */
export async function requestManagementToken(credentials: ClientCredentials, timeoutSeconds = MANAGEMENT_TIMEOUT_SECONDS): Promise<string> {
  let timedOut = false;
  // The SDK aborts its token request after a fixed 10 s; this fetch applies the caller's timeout too.
  const fetchWithin: typeof fetch = async (input, init) => {
    const deadline = AbortSignal.timeout(timeoutSeconds * 1000);
    try {
      return await fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline });
    } catch (error) {
      if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) timedOut = true;
      throw error;
    }
  };
  const tokens = new TokenProvider({
    domain: credentials.domain,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    audience: credentials.audience ?? managementAudience(credentials.domain),
    fetch: fetchWithin,
  });
  const tokenUrl = `https://${credentials.domain}/oauth/token`;
  try {
    return await tokens.getAccessToken();
  } catch (error) {
    if (timedOut)
      throw new TokenRequestError(`${tokenUrl} did not answer within ${timeoutSeconds} s`, undefined, true, undefined, { cause: error });
    if (error instanceof ManagementError && error.statusCode !== undefined) {
      throw new TokenRequestError(`${tokenUrl} answered ${error.statusCode}`, error.statusCode, false, oauthErrorOf(error.body), {
        cause: error,
      });
    }
    if (error instanceof TypeError)
      throw new TokenRequestError(`${tokenUrl} is unreachable`, undefined, false, undefined, { cause: error });
    throw error;
  }
}

/** A ManagementClient for https://DOMAIN/api/v2 that sends `token`. */
export function managementClient(domain: string, token: string, timeoutSeconds = MANAGEMENT_TIMEOUT_SECONDS): ManagementClient {
  return new ManagementClient({ domain, token, timeoutInSeconds: timeoutSeconds });
}
