/**
 * IAM is eventually consistent: a key that was created a moment ago may be refused by SNS for a few
 * seconds. During a rotation the Action must not switch to the new key before it works, so the
 * program holds the new key back until it is old enough. Only a key created during this update
 * waits; a key that already existed (every `pulumi up` without a rotation) is passed on at once.
 */

/** How long a new access key is given to propagate before the Action receives it. */
export const NEW_ACCESS_KEY_SETTLE_MS = 10_000;

/**
 * Milliseconds still to wait before a key created at `createDate` (ISO 8601, as IAM reports it)
 * may be handed to the Action; 0 for an older key or an unknown date (previews and mocks).
 */
export function accessKeySettleDelayMs(createDate: string | undefined, nowMs: number, settleMs = NEW_ACCESS_KEY_SETTLE_MS): number {
  if (createDate === undefined || createDate === "") return 0;
  const createdMs = Date.parse(createDate);
  if (Number.isNaN(createdMs)) return 0;
  const age = nowMs - createdMs;
  // A creation date in the future (clock skew) counts as brand new, never as a longer wait.
  return Math.min(settleMs, Math.max(0, settleMs - age));
}

/** Resolves to `value` once a key created at `createDate` has had time to propagate. */
export async function afterAccessKeySettles<T>(value: T, createDate: string | undefined): Promise<T> {
  const delay = accessKeySettleDelayMs(createDate, Date.now());
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  return value;
}
