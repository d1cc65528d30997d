// Runs auth0Checks for each input read as a JSON array from stdin and prints one JSON array of
// outcomes ({ checks } or { error: { name, message } }). Tests start it as a child process so that
// Node trusts the stand-in's certificate the standard way, through NODE_EXTRA_CA_CERTS.
import { auth0Checks, DoctorCredentialsError, type Auth0DoctorInput } from "../../tools/doctor/auth0-checks";

type Outcome = { checks: Awaited<ReturnType<typeof auth0Checks>> } | { error: { name: string; credentials: boolean; message: string } };

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const inputs = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Omit<Auth0DoctorInput, "env">[];
  const outcomes = await Promise.all(
    inputs.map(async (input): Promise<Outcome> => {
      try {
        return { checks: await auth0Checks({ ...input, env: process.env }) };
      } catch (error) {
        const { name, message } = error instanceof Error ? error : new Error(String(error));
        return { error: { name, credentials: error instanceof DoctorCredentialsError, message } };
      }
    }),
  );
  // Exit once written: the SDK may keep a request-timeout timer pending after a network error.
  process.stdout.write(JSON.stringify(outcomes), () => process.exit(0));
}

void main();
