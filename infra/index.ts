/**
 * Entry of the Pulumi program (Pulumi.yaml `main: infra/`): read the tenant's settings, validate the
 * stack's configuration against them, then compose the AWS side and the Auth0 side. The runner calls
 * the exported function and turns what it returns into the stack outputs; nothing is registered when
 * the configuration is refused.
 */
import { defineSmsMfaStack, type SmsMfaStackOutputs } from "./sms-mfa-stack";
import { readStackConfig, reportPhoneExperience } from "./stack-config";

export = async function smsMfaProgram(): Promise<SmsMfaStackOutputs> {
  const config = await readStackConfig();
  reportPhoneExperience(config);
  return defineSmsMfaStack(config);
};
