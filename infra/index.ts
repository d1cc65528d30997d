/**
 * Entry of the Pulumi program (Pulumi.yaml `main: infra/`): read the tenant's settings once, validate
 * the stack's configuration against them (texts measured with the tenant's friendly name), then
 * register one SmsMfa named after the stack (sms-mfa-stack.ts). The runner calls
 * the exported function and turns what it returns into the stack outputs; nothing is registered when
 * the configuration is refused.
 */
import * as pulumi from "@pulumi/pulumi";
import { defineSmsMfaStack, type SmsMfaStackOutputs } from "./sms-mfa-stack";
import { readStackConfig } from "./config/stack-config";
import { readTenantSettings } from "./auth0/tenant-settings";
import { StackConfigError } from "./config/validate-config";

/**
 * The exit code with which @pulumi/pulumi's runner tells the language host that the program has
 * already reported its error (cmd/run/index.ts, nodeJSProcessExitedAfterLoggingUserActionableMessage).
 */
const EXITED_AFTER_REPORTING_ERROR = 32;

export = async function smsMfaProgram(): Promise<SmsMfaStackOutputs | Record<string, never>> {
  const tenant = await readTenantSettings();
  try {
    // Validated, reported, and the texts measured with the tenant's own friendly name, before anything is registered.
    const args = await readStackConfig(tenant);
    return defineSmsMfaStack(args);
  } catch (error) {
    if (!(error instanceof StackConfigError)) throw error;
    // Reported as an error of the run, once, without a stack trace; nothing is registered.
    await pulumi.log.error(error.message);
    process.exitCode = EXITED_AFTER_REPORTING_ERROR;
    return {};
  }
};
