/**
 * The pure part of access-key rotation: read the current `accessKeyGeneration`, compute the next one,
 * and explain what `pulumi up` will do with it. The Pulumi program names the sender's access key after
 * its generation (infra/aws/sms-sender.ts), so a new generation is a new key resource: Pulumi creates
 * it, updates what uses it (the Action's secrets), and deletes the old key last.
 */
import { CONFIG_KEYS } from "../infra/config/config-keys";

export const GENERATION_KEY = "accessKeyGeneration";
export const DEFAULT_GENERATION = CONFIG_KEYS.accessKeyGeneration.default;

/** `pulumi config get` output → generation; throws naming the key and stack when it is not a whole number ≥ 1. */
export function parseGeneration(raw: string, stack: string): number {
  const value = raw.trim();
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) {
    throw new Error(
      `${GENERATION_KEY} of stack ${stack} is ${JSON.stringify(value.slice(0, 20))}, not a whole number ≥ 1: ` +
        `fix it with \`pulumi config set ${GENERATION_KEY} <N> --stack ${stack}\``,
    );
  }
  return Number(value);
}

/** Whether `pulumi config get` failed only because the key is not set in the stack (then the default applies). */
export function isKeyNotSet(stderr: string): boolean {
  return /not found/i.test(stderr) && stderr.includes(GENERATION_KEY);
}

export function nextGeneration(current: number): number {
  if (!Number.isSafeInteger(current) || current < 1) throw new Error(`${GENERATION_KEY} must be a whole number ≥ 1, got ${current}`);
  return current + 1;
}

/** What the operator reads after the bump: what changed, what `pulumi up` will do in which order, what to run. */
export function rotationPlan(stack: string, from: number, to: number): string {
  return [
    `${GENERATION_KEY} of stack ${stack}: ${from} → ${to} (written to Pulumi.${stack.split("/").pop() ?? stack}.yaml).`,
    "Nothing has changed in AWS or Auth0 yet. The next `pulumi up` rotates the sender's access key without a gap:",
    `  1. creates access key generation ${to} for the sender's IAM user (it holds both keys for a moment);`,
    "  2. updates the Auth0 Action's secrets AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY and deploys it;",
    `  3. deletes access key generation ${from}, once the Action uses the new one.`,
    "Next:",
    `  pulumi preview --stack ${stack}   # expect: + key gen${to}, ~ Action, - key gen${from}`,
    `  pulumi up --stack ${stack}`,
    `  npm run send-test -- --stack ${stack} --to +<your E.164 number>   # proves the new key sends`,
    `Commit the stack file, or the next deployment from the repository sets the generation back to ${from} (another rotation).`,
    "If `pulumi up` stops before step 3, the old key still works: run it again.",
  ].join("\n");
}
