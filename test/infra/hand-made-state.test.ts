/**
 * State made by hand next to the stack's own. An access key created in the console on the sender
 * user makes `DeleteUser` fail ("DeleteConflict: Cannot delete entity, must delete access keys
 * first."), so `pulumi destroy` (and a replacement of the user) would stop there. The user is
 * dedicated to one stack, so the program asks the provider to delete such leftovers with it.
 * Provider rule: terraform-provider-aws internal/service/iam/user.go, resourceUserDelete: with
 * `force_destroy` it deletes the user's access keys, SSH keys, virtual MFA devices, login profile,
 * signing certificates and service-specific credentials before DeleteUser; without it, none.
 */
import { describe, expect, test } from "vitest";
import { IAM_USER, runProgram } from "./run-program";
import type { StackName } from "./stack-files";

describe.each<StackName>(["dev", "prod"])("the %s sender user", (stack) => {
  test("is destroyed together with keys made by hand (forceDestroy)", async () => {
    const run = await runProgram({ stack });
    expect(run.one(IAM_USER).inputs.forceDestroy).toBe(true);
  });
});
