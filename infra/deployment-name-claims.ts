/**
 * An SmsMfa instance's `deploymentName` gives its physical names: the IAM user
 * `auth0-sms-sender-<d>` and path `/auth0-sns-mfa/<d>/`, the Action `sns-sms-sender-<d>-<trigger>` and
 * the `Stack` tag (aws-resource-names.ts, auth0-resource-names.ts). Two instances of one program with
 * the same deploymentName would register two IAM users of one name, which CreateUser refuses for the
 * second (EntityAlreadyExists: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html),
 * and two Actions of one name. So the second instance to claim a deploymentName is refused, before it
 * registers anything, with an error naming both (program-claims.ts).
 */
import { senderUserName } from "./aws/aws-resource-names";
import { claimOnce, programClaims } from "./program-claims";

/** The message of a refused claim. */
export function duplicateDeploymentNameMessage(instanceName: string, holder: string, deploymentName: string): string {
  return (
    `deploymentName: SmsMfa "${instanceName}" and SmsMfa "${holder}" both use deploymentName "${deploymentName}", ` +
    `so both would create the IAM user ${senderUserName(deploymentName)} and the Actions sns-sms-sender-${deploymentName}-*: ` +
    "give each instance its own deploymentName (or leave it unset: it defaults to the instance's name)"
  );
}

/** Undefined once `instanceName` holds `deploymentName` in this program; the refusal when another instance holds it. */
export function claimDeploymentName(deploymentName: string, instanceName: string): string | undefined {
  const holder = claimOnce(programClaims(), `deployment-name/${deploymentName}`, instanceName);
  return holder === undefined ? undefined : duplicateDeploymentNameMessage(instanceName, holder, deploymentName);
}
