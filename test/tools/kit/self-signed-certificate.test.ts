// The loopback stand-ins' certificate: a serial in DER's one minimal form, so OpenSSL parses every one.
// Rule: ITU-T X.690 8.3.2 (an INTEGER's first nine bits are never all zero or all one).
import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSelfSignedCertificate, derPositiveInteger } from "../../../tools/kit/self-signed-certificate";

const hex = (buffer: Buffer) => buffer.toString("hex");

describe("self-signed certificate", () => {
  it("encodes integers minimally: leading zero bytes dropped, a zero added before a high bit", () => {
    expect(hex(derPositiveInteger(Buffer.from([0x00, 0x00, 0x05])))).toBe("020105");
    expect(hex(derPositiveInteger(Buffer.from([0x00, 0x80, 0x01])))).toBe("0203008001");
    expect(hex(derPositiveInteger(Buffer.from([0x80])))).toBe("02020080");
    expect(hex(derPositiveInteger(Buffer.from([0x00])))).toBe("020100");
    expect(hex(derPositiveInteger(Buffer.from([0x7f, 0x00])))).toBe("02027f00");
  });

  it.each([
    ["a random serial", undefined],
    [
      "a serial whose first byte is zero and the next below 0x80 (1 in 512 random ones)",
      Buffer.from("00123456789abcdef0123456789abcde", "hex"),
    ],
    ["a serial whose first byte has the high bit set", Buffer.from("f0123456789abcdef0123456789abcde", "hex")],
  ])("is parsed by OpenSSL with %s, for 127.0.0.1 and localhost", (_name, serial) => {
    const certificate = new X509Certificate(createSelfSignedCertificate(2, serial).certPem);
    expect(certificate.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(certificate.checkHost("localhost")).toBe("localhost");
    if (serial !== undefined)
      expect(certificate.serialNumber.replace(/^0+/, "")).toBe(serial.toString("hex").toUpperCase().replace(/^0+/, ""));
  });
});
