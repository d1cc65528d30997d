/**
 * Entry of the Pulumi program (Pulumi.yaml `main: infra/`): validate the stack's configuration
 * (first without the network, then against the tenant's settings), then register one SmsMfa named
 * after the stack (sms-mfa-stack.ts). The runner calls the exported function and turns what it
 * returns into the stack outputs; nothing is registered when the configuration is refused.
 */
import * as pulumi from "@pulumi/pulumi";
import { defineSmsMfaStack, readStackSmsMfaArgs, type SmsMfaStackOutputs } from "./sms-mfa-stack";
import { StackConfigError } from "./config/validate-config";

/**
 * The exit code with which @pulumi/pulumi's runner tells the language host that the program has
 * already reported its error (cmd/run/index.ts, nodeJSProcessExitedAfterLoggingUserActionableMessage).
 */
const EXITED_AFTER_REPORTING_ERROR = 32;

export = async function smsMfaProgram(): Promise<SmsMfaStackOutputs | Record<string, never>> {
  try {
    return defineSmsMfaStack(await readStackSmsMfaArgs());
  } catch (error) {
    if (!(error instanceof StackConfigError)) throw error;
    // Reported as an error of the run, once, without a stack trace; nothing is registered.
    await pulumi.log.error(error.message);
    process.exitCode = EXITED_AFTER_REPORTING_ERROR;
    return {};
  }
};
