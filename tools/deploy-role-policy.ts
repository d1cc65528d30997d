/**
 * `npm run deploy-role-policy -- --stack <name> --account <12 digits> [--read-only]`: prints the IAM
 * permissions policy for the role the pipeline assumes to deploy that stack, or with `--read-only` for
 * the role previews and drift detection assume (infra/aws/deploy-role-policy.ts), for the stack's
 * committed configuration (Pulumi.yaml defaults + Pulumi.<stack>.yaml, read the way the offline plan
 * reads them). Offline: no Pulumi CLI, no AWS call. Paste the output into the role's permissions
 * policy; print it again after turning an opt-in on or off.
 */
import { deployRolePolicyDocument } from "../infra/aws/deploy-role-policy";
import type { IamPolicyDocument } from "../infra/aws/iam-policy-document";
import { parseFlags, REPO_ROOT, runAsCommand, stackFlag, UsageError, type ToolIo } from "./command";
import { readCommittedStackConfig } from "./committed-stack-config";

export const DEPLOY_ROLE_POLICY_USAGE = `Usage: npm run deploy-role-policy -- --stack <dev|prod> --account <12-digit AWS account ID> [--read-only]

Prints the permissions policy (JSON) of the IAM role CI assumes to run pulumi for that stack: only the
calls the Pulumi AWS provider makes for this program's resources, only on that stack's resources.
--read-only: only the reads \`pulumi preview --refresh\` makes (previews, drift detection); no write.`;

/** The policy for a stack's committed configuration in the project at `rootDirectory`. */
export function deployRolePolicyForStack(rootDirectory: string, stack: string, accountId: string, readOnly = false): IamPolicyDocument {
  return deployRolePolicyDocument({ accountId, config: readCommittedStackConfig(rootDirectory, stack).config }, { readOnly });
}

export function printDeployRolePolicy(argv: readonly string[], io: ToolIo, rootDirectory: string = REPO_ROOT): number {
  try {
    const flags = parseFlags(argv, {
      stack: { value: true },
      account: { value: true },
      "read-only": { value: false },
      help: { value: false },
    });
    if (flags.help === true) {
      io.out(DEPLOY_ROLE_POLICY_USAGE);
      return 0;
    }
    const stack = stackFlag(flags).split("/").at(-1) ?? "";
    const account = flags.account;
    if (typeof account !== "string")
      throw new UsageError("Flag --account is required (the 12-digit ID of the AWS account the stack deploys to)");
    if (!/^\d{12}$/.test(account))
      throw new UsageError(`Flag --account: ${JSON.stringify(account.slice(0, 20))} is not a 12-digit AWS account ID`);
    io.out(JSON.stringify(deployRolePolicyForStack(rootDirectory, stack, account, flags["read-only"] === true), null, 2));
    return 0;
  } catch (error) {
    io.err(`deploy-role-policy: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError) io.err(DEPLOY_ROLE_POLICY_USAGE);
    return error instanceof UsageError ? 2 : 1;
  }
}

if (require.main === module) runAsCommand((argv, io) => Promise.resolve(printDeployRolePolicy(argv, io)));
