/**
 * How the doctor prints its findings: one Markdown list line per check (readable in a terminal and in
 * a GitHub job summary), or JSON with every check; and the exit code they add up to.
 */
import type { CheckStatus, DoctorCheck } from "./doctor-check";

/** 0 nothing failed, 1 something failed, 2 the command line or credentials are wrong (an unreachable Auth0 domain included). */
export function exitCodeFor(checks: readonly DoctorCheck[], credentialsWrong: boolean): number {
  if (credentialsWrong) return 2;
  return checks.some((check) => check.status === "fail") ? 1 : 0;
}

const LABEL: Record<CheckStatus, string> = { pass: "PASS", warn: "WARN", fail: "FAIL" };

export function checkLine(check: DoctorCheck): string {
  const next = check.next === "" ? "" : ` Next: ${check.next}`;
  return `- **${LABEL[check.status]}** \`${check.id}\` ${check.reason}${next}`.replace(/\s*\n\s*/g, " ");
}

export function renderHuman(heading: string, checks: readonly DoctorCheck[], exitCode: number): string[] {
  const count = (status: CheckStatus) => checks.filter((check) => check.status === status).length;
  const verdict =
    exitCode === 2
      ? "fix the credentials or the Auth0 domain (or the command line), then run the doctor again"
      : exitCode === 1
        ? "fix every FAIL before `pulumi up`"
        : "nothing stops `pulumi up`";
  return [
    `### ${heading}`,
    "",
    ...checks.map(checkLine),
    "",
    `**${count("fail")} failed, ${count("warn")} warning${count("warn") === 1 ? "" : "s"}, ${count("pass")} passed**: ${verdict}.`,
  ];
}

export function renderJson(stack: string, region: string, checks: readonly DoctorCheck[], exitCode: number): string {
  return JSON.stringify(
    { stack, region, exitCode, checks: checks.map(({ id, status, reason, next }) => ({ id, status, reason, next })) },
    null,
    2,
  );
}
