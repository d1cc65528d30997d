/**
 * Entry of the Pulumi program (Pulumi.yaml `main: infra/`): read the tenant's settings, validate the
 * stack's configuration against them, then compose the AWS side and the Auth0 side. The runner calls
 * the exported function and turns what it returns into the stack outputs; nothing is registered when
 * the configuration is refused.
 */
import * as pulumi from "@pulumi/pulumi";
import { buildAction } from "./action-bundle";
import { defineSmsMfaStack, type SmsMfaStackOutputs } from "./sms-mfa-stack";
import { readStackConfig, reportPhoneExperience } from "./stack-config";
import { readTenantSettings } from "./tenant-settings";
import { StackConfigError } from "./validate-config";

/**
 * The exit code with which @pulumi/pulumi's runner tells the language host that the program has
 * already reported its error (cmd/run/index.ts, nodeJSProcessExitedAfterLoggingUserActionableMessage).
 */
const EXITED_AFTER_REPORTING_ERROR = 32;

export = async function smsMfaProgram(): Promise<SmsMfaStackOutputs | Record<string, never>> {
  const tenant = await readTenantSettings();
  try {
    const config = await readStackConfig(tenant);
    reportPhoneExperience(config);
    // The texts are measured with the tenant's own friendly name (an empty one renders as nothing).
    return defineSmsMfaStack(config, buildAction, tenant.friendlyName ?? "");
  } catch (error) {
    if (!(error instanceof StackConfigError)) throw error;
    // Reported as an error of the run, once, without a stack trace; nothing is registered.
    await pulumi.log.error(error.message);
    process.exitCode = EXITED_AFTER_REPORTING_ERROR;
    return {};
  }
};
