/**
 * Things one Pulumi program may hold only once across its SmsMfa instances (a physical name, an
 * account-wide setting): the first instance to claim a key holds it, and a second instance claiming
 * the same key is told who holds it, so the caller can refuse it with an error naming both. Claims are
 * kept per program run (per root stack resource), so separate runs (tests, previews) never see each
 * other's.
 */
import * as pulumi from "@pulumi/pulumi";

const claimsByRun = new WeakMap<object, Map<string, string>>();

/** The claims of the running program (outside a stack: one set for the process). */
export function programClaims(): Map<string, string> {
  const run: object = pulumi.runtime.getStackResource() ?? claimsByRun;
  const claims = claimsByRun.get(run) ?? new Map<string, string>();
  claimsByRun.set(run, claims);
  return claims;
}

/** The instance that already holds `key`, or undefined (and `key` is now held by `instanceName`). */
export function claimOnce(claims: Map<string, string>, key: string, instanceName: string): string | undefined {
  const holder = claims.get(key);
  if (holder !== undefined && holder !== instanceName) return holder;
  claims.set(key, instanceName);
  return undefined;
}
