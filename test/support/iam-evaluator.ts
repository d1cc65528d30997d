/**
 * Test helper: one request judged by a real IAM policy evaluator (@cloud-copilot/iam-simulate) against
 * one identity policy, in account 123456789012 (the account Pulumi's mocks and the plan answer with).
 */
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import type { IamPolicyDocument } from "../../infra/aws/iam-policy-document";

export const EVALUATOR_ACCOUNT = "123456789012";

type PolicyDocument = NonNullable<Simulation["identityPolicies"][number]>["policy"];

/** The evaluator's verdict ("Allowed", "ImplicitlyDenied", ...) on `action` on `resource` with the request context given. */
export async function iamDecision(
  policy: IamPolicyDocument,
  action: string,
  resource: string,
  context: Record<string, string>,
): Promise<string> {
  const response = await runSimulation(
    {
      identityPolicies: [{ name: "identity", policy: policy as unknown as PolicyDocument }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      request: {
        action,
        principal: `arn:aws:iam::${EVALUATOR_ACCOUNT}:role/github-deploy`,
        resource: { accountId: EVALUATOR_ACCOUNT, resource },
        contextVariables: context,
      },
    },
    {},
  );
  if (response.resultType === "error") throw new Error(`simulation error for ${action} on ${resource}: ${JSON.stringify(response.errors)}`);
  return response.overallResult;
}
