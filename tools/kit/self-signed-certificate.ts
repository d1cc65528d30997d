// A self-signed X.509 certificate for 127.0.0.1 and localhost, made with node:crypto alone (no openssl
// CLI, no npm package), so a local HTTPS stand-in (the tests' endpoints, the offline plan's Auth0 stand-in)
// works on any machine that runs Node.
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";

export interface SelfSignedCertificate {
  /** The certificate (PEM). Clients trust it explicitly as their only CA. */
  certPem: string;
  /** The private key (PKCS#8 PEM); stays inside the process that serves it. */
  keyPem: string;
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

const sequence = (...items: Buffer[]): Buffer => tlv(0x30, ...items);

/**
 * A DER INTEGER from unsigned big-endian bytes, in its one minimal form (X.690 8.3.2): leading zero
 * bytes dropped, one zero put back when the high bit is set. A random serial that starts with 0x00 is
 * otherwise refused by OpenSSL ("illegal padding").
 */
export function derPositiveInteger(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  const minimal = bytes.subarray(start);
  const first = minimal[0] ?? 0;
  return tlv(0x02, first >= 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal);
}

function objectIdentifier(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split(".").map(Number);
  const bytes = [40 * a + b];
  for (const arc of rest) {
    const group: number[] = [arc & 0x7f];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) group.unshift((value & 0x7f) | 0x80);
    bytes.push(...group);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, "").slice(2, 14) + "Z"; // YYMMDDHHMMSSZ
  return tlv(0x17, Buffer.from(text, "ascii"));
}

function commonName(name: string): Buffer {
  return sequence(tlv(0x31, sequence(objectIdentifier("2.5.4.3"), tlv(0x0c, Buffer.from(name, "utf8")))));
}

const ECDSA_WITH_SHA256 = sequence(objectIdentifier("1.2.840.10045.4.3.2"));

/**
 * Makes a fresh P-256 key and a certificate valid from one hour ago for `validDays` days, with
 * subjectAltName DNS:localhost and IP:127.0.0.1, marked as a CA so it can be its own trust anchor.
 * `serial`: the serial number's bytes (default 16 random bytes).
 */
export function createSelfSignedCertificate(validDays = 2, serial: Buffer = randomBytes(16)): SelfSignedCertificate {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const now = Date.now();
  const name = commonName("auth0-sns-mfa local stand-in");
  const subjectAltName = sequence(
    objectIdentifier("2.5.29.17"),
    tlv(0x04, sequence(tlv(0x82, Buffer.from("localhost", "ascii")), tlv(0x87, Buffer.from([127, 0, 0, 1])))),
  );
  const basicConstraints = sequence(
    objectIdentifier("2.5.29.19"),
    tlv(0x01, Buffer.from([0xff])),
    tlv(0x04, sequence(tlv(0x01, Buffer.from([0xff])))),
  );
  const toBeSigned = sequence(
    tlv(0xa0, derPositiveInteger(Buffer.from([2]))),
    derPositiveInteger(serial),
    ECDSA_WITH_SHA256,
    name,
    sequence(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + validDays * 86_400_000))),
    name,
    publicKey.export({ type: "spki", format: "der" }),
    tlv(0xa3, sequence(basicConstraints, subjectAltName)),
  );
  const signature = sign("sha256", toBeSigned, { key: privateKey, dsaEncoding: "der" });
  const certificate = sequence(toBeSigned, ECDSA_WITH_SHA256, tlv(0x03, Buffer.from([0]), signature));
  const base64Lines = certificate.toString("base64").match(/.{1,64}/g) ?? [];
  return {
    certPem: `-----BEGIN CERTIFICATE-----\n${base64Lines.join("\n")}\n-----END CERTIFICATE-----\n`,
    keyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}
