/**
 * `npm run doctor -- --stack NAME [--to +E164] [--json]`: a read-only preflight that tells an operator,
 * before `pulumi up`, what in their AWS account and Auth0 tenant will stop MFA SMS. Reads the stack's
 * committed configuration and, through the Pulumi CLI, its outputs; then runs the AWS checks (the
 * stack's region, the standard credential chain) and the Auth0 checks (the stack's Management API
 * credentials). Each finding is pass, warn or fail with the reason and the next step.
 * Exit 0: nothing failed; 1: something failed; 2: the command line or the credentials are wrong, or
 * the Auth0 domain cannot be reached.
 */
import { parseE164 } from "../hook/phone-number";
import { parseFlags, REPO_ROOT, runAsCommand, stackFlag, UsageError, type ToolIo } from "./command";
import { AWS_CHECKS, awsChecks } from "./doctor/aws-checks";
import { AUTH0_CHECKS } from "./doctor/auth0-check-ids";
import { auth0Checks, DoctorCredentialsError } from "./doctor/auth0-checks";
import type { DoctorCheck } from "./doctor/doctor-check";
import { exitCodeFor, renderHuman, renderJson } from "./doctor/render-checks";
import { loadStackContext } from "./doctor/stack-context";
import { MONITORING_CHECKS, monitoringAwsChecks } from "./doctor/monitoring-checks";

const STACK_CHECKS = [
  { id: "stack.outputs", about: "whether the stack was deployed (pulumi stack output); without the Pulumi CLI it counts as not deployed" },
];

export function doctorUsage(): string {
  const list = (checks: readonly { id: string; about: string }[]) =>
    checks.map(({ id, about }) => `  ${id.padEnd(36)} ${about}`).join("\n");
  const auth0 = AUTH0_CHECKS.map(({ id, summary }) => ({ id, about: summary }));
  return `Usage: npm run doctor -- --stack <dev|prod|org/project/stack> [--to +E164] [--json]

Read-only preflight: what in the AWS account and the Auth0 tenant will stop MFA SMS, before \`pulumi up\`.
  --stack   the stack whose config (Pulumi.<stack>.yaml) and outputs (Pulumi CLI, when installed) to check
  --to      a test phone number (E.164) to check against the SMS sandbox and opt-outs
  --json    print every check as JSON (id, status, reason, next)
AWS: the stack's aws:region, the standard credential chain (AWS_PROFILE, SSO, environment, OIDC role).
Auth0: auth0:domain / auth0:clientId / auth0:clientSecret of the stack, or AUTH0_DOMAIN / AUTH0_CLIENT_ID / AUTH0_CLIENT_SECRET.
Exit status: 0 nothing failed, 1 something failed, 2 the command line or credentials are wrong, or the Auth0 domain cannot be reached.

Checks:
${list(STACK_CHECKS)}
${list(AWS_CHECKS)}
${list(MONITORING_CHECKS)}${auth0.length > 0 ? `\n${list(auth0)}` : ""}

docs/doctor.md explains each check, its next steps and the read-only permissions it needs.`;
}

interface DoctorArgs {
  help: boolean;
  stack: string;
  to: string | undefined;
  json: boolean;
}

export function parseDoctorArgs(argv: readonly string[]): DoctorArgs {
  const flags = parseFlags(argv, { stack: { value: true }, to: { value: true }, json: { value: false }, help: { value: false } });
  if (flags.help === true) return { help: true, stack: "", to: undefined, json: false };
  const to = flags.to;
  if (typeof to === "string" && parseE164(to) === undefined) {
    throw new UsageError("Flag --to: not a phone number in E.164 form (+, country code, number; no spaces), e.g. +14155550100");
  }
  return { help: false, stack: stackFlag(flags), to: typeof to === "string" ? to : undefined, json: flags.json === true };
}

export type Auth0CheckRunner = typeof auth0Checks;

export interface DoctorOptions {
  /** The project folder (Pulumi.yaml and the stack files); default: this repository. */
  rootDirectory?: string;
  /** The Auth0 half; default: auth0Checks. Tests of the AWS half alone pass their own. */
  runAuth0Checks?: Auth0CheckRunner;
}

async function auth0Findings(
  run: Auth0CheckRunner,
  input: Parameters<Auth0CheckRunner>[0],
): Promise<{ checks: DoctorCheck[]; credentialsWrong: boolean }> {
  try {
    return { checks: await run(input), credentialsWrong: false };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof DoctorCredentialsError) {
      return {
        checks: [
          {
            id: "auth0.token",
            status: "fail",
            reason: `${message}.`,
            next:
              error.next ??
              "Set the stack's Auth0 Management API credentials (auth0:domain, auth0:clientId, `pulumi config set --secret auth0:clientSecret`) or AUTH0_DOMAIN / AUTH0_CLIENT_ID / AUTH0_CLIENT_SECRET.",
          },
        ],
        credentialsWrong: true,
      };
    }
    return {
      checks: [
        {
          id: "auth0.token",
          status: "warn",
          reason: `The Auth0 checks could not run: ${message.slice(0, 200)}.`,
          next: "Run the doctor again; if it persists, check the tenant by hand.",
        },
      ],
      credentialsWrong: false,
    };
  }
}

export async function doctor(argv: readonly string[], io: ToolIo, options: DoctorOptions = {}): Promise<number> {
  const { rootDirectory = REPO_ROOT, runAuth0Checks = auth0Checks } = options;
  let args: DoctorArgs;
  try {
    args = parseDoctorArgs(argv);
  } catch (error) {
    io.err(`doctor: ${error instanceof Error ? error.message : String(error)}`);
    io.err(doctorUsage());
    return 2;
  }
  if (args.help) {
    io.out(doctorUsage());
    return 0;
  }
  let context;
  try {
    context = await loadStackContext(args.stack, io.env, rootDirectory);
  } catch (error) {
    io.err(`doctor: stack ${args.stack}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const [aws, auth0] = await Promise.all([
    awsChecks({ config: context.config, deployment: context.deployment, to: args.to }),
    auth0Findings(runAuth0Checks, {
      domain: context.auth0.domain,
      clientId: context.auth0.clientId,
      clientSecret: context.auth0.clientSecret,
      audience: context.auth0.audience,
      phoneExperience: context.config.phoneExperience,
      factors: {
        factorEmail: context.config.factors.email,
        factorOtp: context.config.factors.otp,
        factorRecoveryCode: context.config.factors.recoveryCode,
      },
      stack: context.config.stack,
      deployed: context.deployment.kind === "deployed" ? context.deployment.outputs : undefined,
      expectedSecretNames: context.expectedSecretNames,
      monitoring: context.config.monitoring,
      env: io.env,
    }),
  ]);
  const monitoring =
    context.config.monitoring && !aws.accountUnusable ? await monitoringAwsChecks(context.config.region, context.deployment) : [];
  const checks = [context.outputsCheck, ...aws.checks, ...monitoring, ...auth0.checks];
  const exitCode = exitCodeFor(checks, aws.accountUnusable || auth0.credentialsWrong);
  if (args.json) io.out(renderJson(args.stack, context.config.region, checks, exitCode));
  else for (const line of renderHuman(`npm run doctor: stack ${args.stack} (${context.config.region})`, checks, exitCode)) io.out(line);
  return exitCode;
}

if (require.main === module) runAsCommand(doctor);
