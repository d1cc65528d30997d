/**
 * The doctor's Auth0 checks. Placeholder with the agreed signature, so the command builds and runs
 * its AWS half; the Auth0 half replaces this file.
 */
import type { DeployedStack, DoctorCheck } from "./doctor-check";

export interface Auth0DoctorInput {
  domain: string;
  clientId: string;
  clientSecret: string;
  phoneExperience: "auto" | "classic" | "unified";
  stack: string;
  deployed?: DeployedStack;
  expectedSecretNames: string[];
  env: NodeJS.ProcessEnv;
}

/** Missing Management API credentials, or a token request the tenant refused (the command exits 2). */
export class DoctorCredentialsError extends Error {
  override readonly name = "DoctorCredentialsError";
}

export async function auth0Checks(input: Auth0DoctorInput): Promise<DoctorCheck[]> {
  void input;
  return Promise.resolve([]);
}
