/**
 * Who the doctor calls AWS as (sts:GetCallerIdentity), and the stack's sender user's access keys
 * (iam:ListAccessKeys): a key the stack does not manage takes the second key slot a rotation needs
 * (IAM allows two keys per user) and makes `pulumi destroy` fail (DeleteConflict: a user with keys
 * cannot be deleted).
 */
import { ListAccessKeysCommand, type AccessKeyMetadata } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { senderUserName } from "../../infra/aws/aws-resource-names";
import { maskAccessKeyId } from "../send-test";
import { callAws, notRunCheck } from "./aws-call";
import type { AwsCheckContext, DeploymentState } from "./aws-doctor-input";
import type { DoctorCheck } from "./doctor-check";

export interface CallerIdentityResult {
  check: DoctorCheck;
  /** True when AWS refused the credentials, none were found, or STS could not be reached: the other AWS checks cannot run. */
  accountUnusable: boolean;
}

export async function callerIdentityCheck(context: AwsCheckContext): Promise<CallerIdentityResult> {
  const id = "aws.caller-identity";
  const result = await callAws("sts:GetCallerIdentity", () => context.clients.sts.send(new GetCallerIdentityCommand({})));
  if (!result.ok) {
    if (result.problem.kind === "credentials") {
      return {
        accountUnusable: true,
        check: {
          id,
          status: "fail",
          reason: `No working AWS credentials: ${result.problem.text}.`,
          next: "Give the doctor credentials for the stack's AWS account through the standard chain (AWS_PROFILE and `aws sso login`, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or the pipeline's OIDC role).",
        },
      };
    }
    if (result.problem.kind === "unreachable") {
      // Like an unreachable Auth0 domain: the doctor could not look at the account, so it must not pass.
      return {
        accountUnusable: true,
        check: {
          id,
          status: "fail",
          reason: `The AWS account could not be reached in ${context.config.region}: ${result.problem.text}; no AWS check ran.`,
          next: "Check aws:region, the network or proxy, and any AWS_ENDPOINT_URL* variable, then run the doctor again.",
        },
      };
    }
    return { accountUnusable: false, check: notRunCheck(id, result.problem, "which AWS identity the doctor runs as") };
  }
  const { Arn, Account } = result.value;
  return {
    accountUnusable: false,
    check: {
      id,
      status: "pass",
      reason: `Calling AWS as ${Arn ?? "(no ARN)"} in account ${Account ?? "(unknown)"}, region ${context.config.region}.`,
      next: "",
    },
  };
}

/** The sender user's name: the deployed stack's, else the name the program gives it. */
export function senderUserOf(stack: string, deployment: DeploymentState): string {
  return (deployment.kind === "deployed" ? deployment.outputs.senderUserName : undefined) ?? senderUserName(stack);
}

/** The verdict on the keys a sender user holds (undefined keys: the user does not exist). */
export function accessKeysVerdict(user: string, keys: readonly AccessKeyMetadata[] | undefined, deployment: DeploymentState): DoctorCheck {
  const id = "aws.sender-access-keys";
  const masked = (list: readonly AccessKeyMetadata[]) => list.map((key) => maskAccessKeyId(key.AccessKeyId)).join(", ");
  const deleteHint = `If nothing uses it, delete it (\`aws iam delete-access-key --user-name ${user} --access-key-id <id>\`); if something does, give that something its own IAM user.`;
  if (keys === undefined) {
    if (deployment.kind === "deployed") {
      return {
        id,
        status: "fail",
        reason: `The stack's sender user ${user} does not exist any more: the Action's key no longer works.`,
        next: "Run `pulumi refresh`, then `pulumi up` to create the user and its key again.",
      };
    }
    return { id, status: "pass", reason: `The sender user ${user} does not exist yet: \`pulumi up\` creates it with one key.`, next: "" };
  }
  if (deployment.kind === "not-deployed") {
    return {
      id,
      status: "fail",
      reason: `The IAM user ${user} already exists (${keys.length} access key${keys.length === 1 ? "" : "s"}) but this stack has not created it: \`pulumi up\` fails with EntityAlreadyExists.`,
      next: `Delete the user if it is left over (its keys first), or adopt it with \`pulumi import\`; or deploy under another stack name.`,
    };
  }
  if (deployment.kind === "unknown") {
    if (keys.length >= 2) {
      return {
        id,
        status: "warn",
        reason: `${user} holds two access keys (${masked(keys)}) and the stack's outputs are unavailable (${deployment.why}), so it is unknown which one the stack manages; with two keys a rotation has no free slot.`,
        next: `Compare with \`pulumi stack output accessKeyId\`. ${deleteHint}`,
      };
    }
    return {
      id,
      status: "warn",
      reason: `${user} holds ${keys.length} access key${keys.length === 1 ? "" : "s"}; the stack's outputs are unavailable (${deployment.why}), so it is unknown whether ${keys.length === 1 ? "it is" : "they are"} the stack's.`,
      next: "Run the doctor where the Pulumi CLI is logged in to the stack's backend.",
    };
  }
  const managed = deployment.outputs.accessKeyId;
  const foreign = keys.filter((key) => key.AccessKeyId !== managed);
  if (foreign.length > 0) {
    return {
      id,
      status: "fail",
      reason: `${user} holds access key${foreign.length === 1 ? "" : "s"} ${masked(foreign)} that this stack does not manage: a key rotation finds no free key slot (IAM allows two) and \`pulumi destroy\` fails with DeleteConflict.`,
      next: deleteHint,
    };
  }
  if (managed === undefined || !keys.some((key) => key.AccessKeyId === managed)) {
    return {
      id,
      status: "fail",
      reason: `The stack's access key ${maskAccessKeyId(managed)} is not on ${user} any more: the Action cannot send.`,
      next: "Run `pulumi refresh`, then `pulumi up` to create a new key and hand it to the Action.",
    };
  }
  const inactive = keys.find((key) => key.AccessKeyId === managed && key.Status !== "Active");
  if (inactive !== undefined) {
    return {
      id,
      status: "fail",
      reason: `The stack's access key ${maskAccessKeyId(managed)} is ${inactive.Status ?? "not active"}: SNS refuses the Action's requests.`,
      next: `Activate it (\`aws iam update-access-key --user-name ${user} --access-key-id <id> --status Active\`) or rotate it (\`npm run rotate-key -- --stack <stack>\`, then \`pulumi up\`).`,
    };
  }
  return { id, status: "pass", reason: `${user} holds only the stack's own access key (${maskAccessKeyId(managed)}).`, next: "" };
}

export async function senderAccessKeysCheck(context: AwsCheckContext): Promise<DoctorCheck> {
  const user = senderUserOf(context.config.stack, context.deployment);
  const keys: AccessKeyMetadata[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 10; page++) {
    const result = await callAws("iam:ListAccessKeys", () =>
      context.clients.iam.send(new ListAccessKeysCommand({ UserName: user, Marker: marker })),
    );
    if (!result.ok) {
      if (result.problem.name.startsWith("NoSuchEntity")) return accessKeysVerdict(user, undefined, context.deployment);
      return notRunCheck("aws.sender-access-keys", result.problem, `the access keys of ${user}`);
    }
    keys.push(...(result.value.AccessKeyMetadata ?? []));
    marker = result.value.IsTruncated === true ? result.value.Marker : undefined;
    if (marker === undefined) break;
  }
  return accessKeysVerdict(user, keys, context.deployment);
}
