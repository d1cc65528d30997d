/**
 * The doctor's connection to a tenant's Management API through Auth0's Node SDK: the stack's
 * credentials, one client-credentials grant (the SDK's TokenProvider), a ManagementClient on that token,
 * and every read turned into a value or a sentence saying why it could not run. The client secret and
 * the token never leave this module and never appear in a message.
 */
import { ManagementError, ManagementTimeoutError, type ManagementClient } from "auth0";
import {
  managementAudience,
  managementClient,
  MANAGEMENT_TIMEOUT_SECONDS,
  requestManagementToken,
  TokenRequestError,
} from "../../infra/auth0/auth0-management-client";
import { tokenScopes } from "./auth0-scopes";

/**
 * The credentials are missing, Auth0 refused the token request, or the domain cannot be reached: the
 * command line or config is wrong. `next` is the step to take when it is more specific than "set the
 * credentials".
 */
export class DoctorCredentialsError extends Error {
  override readonly name = "DoctorCredentialsError";
  constructor(
    message: string,
    readonly next?: string,
  ) {
    super(message);
  }
}

export interface Auth0Credentials {
  /** Host or host:port, as `auth0:domain` holds it (no scheme, no path). */
  domain: string;
  clientId: string;
  clientSecret: string;
  /** The token's audience when not the default https://DOMAIN/api/v2/ (`auth0:audience` or AUTH0_AUDIENCE). */
  audience?: string;
}

export interface CredentialSources {
  domain: string;
  clientId: string;
  clientSecret: string;
  /** The stack's `auth0:audience` (empty or absent: AUTH0_AUDIENCE, else the default). */
  audience?: string;
  env: NodeJS.ProcessEnv;
}

const DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?$/;

/**
 * The stack's value, else the Auth0 provider's environment variable (AUTH0_DOMAIN, AUTH0_CLIENT_ID,
 * AUTH0_CLIENT_SECRET, AUTH0_AUDIENCE). Missing or malformed values are a DoctorCredentialsError naming the key.
 */
export function resolveCredentials(sources: CredentialSources): Auth0Credentials {
  const pick = (stackValue: string, envName: string): string =>
    stackValue.trim() !== "" ? stackValue.trim() : (sources.env[envName] ?? "").trim();
  const domain = pick(sources.domain, "AUTH0_DOMAIN");
  const clientId = pick(sources.clientId, "AUTH0_CLIENT_ID");
  const clientSecret = pick(sources.clientSecret, "AUTH0_CLIENT_SECRET");
  const missing = [
    domain === "" ? "auth0:domain (or AUTH0_DOMAIN)" : undefined,
    clientId === "" ? "auth0:clientId (or AUTH0_CLIENT_ID)" : undefined,
    clientSecret === "" ? "auth0:clientSecret (or AUTH0_CLIENT_SECRET)" : undefined,
  ].filter((name): name is string => name !== undefined);
  if (missing.length > 0) throw new DoctorCredentialsError(`Auth0 Management API credentials missing: ${missing.join(", ")}`);
  if (!DOMAIN.test(domain)) {
    throw new DoctorCredentialsError(
      `auth0:domain ${JSON.stringify(domain.slice(0, 80))} is not a host name such as my-tenant.eu.auth0.com (optionally :port; no https://, no path)`,
    );
  }
  const audience = pick(sources.audience ?? "", "AUTH0_AUDIENCE");
  return { domain, clientId, clientSecret, ...(audience === "" ? {} : { audience }) };
}

export { managementAudience };

/** A read that either gave its value or could not run (and why, in words an operator can act on). */
export type Read<T> = { ok: true; value: T } | { ok: false; status: number | undefined; problem: string };

export interface ManagementSession {
  client: ManagementClient;
  /** The token's `scope` claim; undefined when the token carries none that can be read. */
  grantedScopes: string[] | undefined;
}

export type SessionResult = { ok: true; session: ManagementSession } | { ok: false; problem: string };

/**
 * Per request. Auth0 answers reads in well under a second; after a network error the SDK's timer for
 * this timeout stays pending until it fires, so a command should exit explicitly once it has printed.
 */
const TIMEOUT_SECONDS = MANAGEMENT_TIMEOUT_SECONDS;

/** The innermost cause's code or message of a network failure (e.g. "ECONNREFUSED"). */
function networkCause(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    if (current.cause === undefined) return current.message;
    current = current.cause;
  }
  return current instanceof Error ? current.message : String(current);
}

/** The error for a domain the doctor could not reach: nothing about the tenant was checked, and a wrong domain is the usual cause. */
function unreachableDomain(credentials: Auth0Credentials, what: string): DoctorCredentialsError {
  return new DoctorCredentialsError(
    `The Auth0 domain ${credentials.domain} could not be reached: ${what}, so no Auth0 check ran`,
    `Check auth0:domain (or AUTH0_DOMAIN): ${credentials.domain} must be the tenant's domain (e.g. my-tenant.eu.auth0.com) or its custom domain, reachable from here (network, proxy, TLS trust), then run the doctor again.`,
  );
}

/**
 * Asks https://DOMAIN/oauth/token for a Management API token (client-credentials grant). Auth0
 * answering 4xx is a DoctorCredentialsError, and so is a domain that cannot be reached (connection
 * refused, DNS or TLS failure, no answer in time): the doctor could not look, so it must not pass. A
 * tenant that answers but cannot issue a token now (5xx, rate limit) is `ok: false` with the reason,
 * so the checks turn into warnings instead of a crash.
 */
export async function openSession(credentials: Auth0Credentials): Promise<SessionResult> {
  const tokenUrl = `https://${credentials.domain}/oauth/token`;
  let accessToken: string;
  try {
    accessToken = await requestManagementToken(credentials, TIMEOUT_SECONDS);
  } catch (error) {
    if (!(error instanceof TokenRequestError)) throw error;
    const status = error.statusCode;
    if (status !== undefined && status >= 400 && status < 500 && status !== 429) {
      const detail = error.oauth === undefined ? "no error description" : `${error.oauth.error}: ${error.oauth.description}`;
      throw new DoctorCredentialsError(
        `Auth0 refused a Management API token for client ${credentials.clientId} at ${tokenUrl} (${status} ${detail}); check auth0:clientId, auth0:clientSecret and that the application is authorised on the Auth0 Management API`,
      );
    }
    if (status !== undefined) return { ok: false, problem: `${tokenUrl} answered ${status}` };
    if (error.timedOut) throw unreachableDomain(credentials, `${tokenUrl} did not answer within ${TIMEOUT_SECONDS} s`);
    throw unreachableDomain(credentials, `${tokenUrl} is unreachable (${networkCause(error)})`);
  }
  const client = managementClient(credentials.domain, accessToken, TIMEOUT_SECONDS);
  return { ok: true, session: { client, grantedScopes: tokenScopes(accessToken) } };
}

/** The `message` of an Auth0 error body ({ statusCode, error, message, errorCode }), if any. */
function bodyMessage(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const message = (body as Record<string, unknown>).message;
  return typeof message === "string" ? message.slice(0, 200) : undefined;
}

/** Runs one Management API read; an API error, a network failure or an unexpected answer becomes `ok: false`. */
export async function read<T>(endpoint: string, call: () => Promise<T>): Promise<Read<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (error instanceof ManagementTimeoutError) {
      return { ok: false, status: undefined, problem: `GET ${endpoint} did not answer within ${TIMEOUT_SECONDS} s` };
    }
    if (error instanceof ManagementError) {
      const status = error.statusCode;
      if (status === undefined) return { ok: false, status, problem: `GET ${endpoint} is unreachable (${networkCause(error)})` };
      const message = bodyMessage(error.body);
      const meaning =
        status === 403
          ? "the token lacks the scope"
          : status === 404
            ? "not found"
            : status === 429
              ? "rate limited"
              : status === 401
                ? "token rejected"
                : "Auth0 error";
      return {
        ok: false,
        status,
        problem: `GET ${endpoint} answered ${status} (${meaning}${message === undefined ? "" : `: ${message}`})`,
      };
    }
    // Anything else (an answer of an unexpected shape) still must not crash the doctor.
    return {
      ok: false,
      status: undefined,
      problem: `GET ${endpoint} failed (${error instanceof Error ? error.message.slice(0, 200) : String(error)})`,
    };
  }
}

/** Every item of a paged list endpoint (the SDK's Page iterates over all pages). */
export async function allItems<T>(page: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of page) items.push(item);
  return items;
}
