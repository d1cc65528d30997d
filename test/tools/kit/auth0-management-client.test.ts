/**
 * The token request's failures without an answer, as the doctor and the program's phone-flag read see
 * them: a tenant that accepts the connection and never answers (the caller's timeout, not the SDK's
 * fixed 10 s), and one that refuses it. Auth0's answers (401 access_denied...) are covered through the
 * Management API stand-in (test/tools/doctor, test/infra/tenant-phone-flag.test.ts).
 */
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { requestManagementToken, TokenRequestError } from "../../../infra/auth0/auth0-management-client";
import { closedPort } from "../../support/closed-port";

const servers: net.Server[] = [];
const sockets: net.Socket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((socket) => socket.destroy());
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A TCP server on 127.0.0.1 that accepts connections and never says anything (the TLS handshake stalls). */
async function silentServer(): Promise<number> {
  const server = net.createServer((socket) => sockets.push(socket));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as net.AddressInfo).port;
}

const credentials = (domain: string) => ({ domain, clientId: "client-id", clientSecret: "client-secret-value" });

describe("requestManagementToken", () => {
  it("gives up after the caller's timeout when the tenant never answers, saying so", async () => {
    const domain = `127.0.0.1:${await silentServer()}`;
    // The SDK's own abort comes after 10 s, past this test's timeout: only the caller's can end it in time.
    const error = await requestManagementToken(credentials(domain), 1).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error).toMatchObject({
      timedOut: true,
      statusCode: undefined,
      message: `https://${domain}/oauth/token did not answer within 1 s`,
    });
  });

  it("reports a refused connection as no answer, the cause kept and no secret in the message", async () => {
    const domain = `127.0.0.1:${await closedPort()}`;
    const error = await requestManagementToken(credentials(domain), 5).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error).toMatchObject({ timedOut: false, statusCode: undefined, message: `https://${domain}/oauth/token is unreachable` });
    expect((error as TokenRequestError).cause).toBeInstanceOf(TypeError);
    expect((error as Error).message).not.toContain("client-secret-value");
  });
});
