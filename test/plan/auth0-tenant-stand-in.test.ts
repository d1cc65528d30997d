// The plan's loopback stand-in of the Auth0 endpoints the program's raw flag read uses, and how the
// program is pointed at it: through the Auth0 provider's own configuration keys (auth0:domain,
// auth0:clientId, auth0:clientSecret; terraform-provider-auth0 v1.53.0 internal/provider/provider.go),
// with the operator's AUTH0_* variables out of its environment.
import { describe, expect, it } from "vitest";
import { configWithStandIn, environmentWithStandIn, tenantSettingsBody } from "../../plan/auth0-tenant-stand-in";
import { defaultTenantFlag } from "../../plan/create-plan";

describe("the plan's Auth0 stand-in", () => {
  it("answers the tenant settings with phone_consolidated_experience absent when never set (as the Management API does)", () => {
    expect(tenantSettingsBody("unset", "Example Tenant")).toEqual({ friendly_name: "Example Tenant" });
    expect(tenantSettingsBody("off", "Example Tenant")).toEqual({ friendly_name: "Example Tenant", phone_consolidated_experience: false });
    expect(tenantSettingsBody("on", "Example Tenant")).toEqual({ friendly_name: "Example Tenant", phone_consolidated_experience: true });
  });

  it("replaces the stack's auth0:* credentials with the stand-in's, the secret marked secret, and drops an API token and an audience", () => {
    const stack = {
      PULUMI_CONFIG: JSON.stringify({
        "auth0:config:domain": "real.eu.auth0.com",
        "auth0:config:apiToken": "tok",
        "auth0:config:audience": "https://real.eu.auth0.com/api/v2/",
        "auth0-sns-mfa:config:phoneExperience": "auto",
      }),
      PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(["auth0:apiToken"]),
    };
    const pointed = configWithStandIn(stack, { domain: "127.0.0.1:4431", clientId: "plan-client", clientSecret: "s" });
    expect(JSON.parse(pointed.PULUMI_CONFIG)).toEqual({
      "auth0:config:domain": "127.0.0.1:4431",
      "auth0:config:clientId": "plan-client",
      "auth0:config:clientSecret": "s",
      "auth0-sns-mfa:config:phoneExperience": "auto",
    });
    expect(JSON.parse(pointed.PULUMI_CONFIG_SECRET_KEYS)).toEqual(["auth0:clientSecret"]);
  });

  it("removes the operator's AUTH0_* variables from the program's environment and trusts the stand-in's certificate", () => {
    const environment = environmentWithStandIn(
      { PATH: "/bin", AUTH0_DOMAIN: "real", AUTH0_CLIENT_SECRET: "x", AUTH0_API_TOKEN: "t", AUTH0_AUDIENCE: "https://real/api/v2/" },
      { caFile: "/tmp/ca.pem" },
    );
    expect(environment).toEqual({ PATH: "/bin", NODE_EXTRA_CA_CERTS: "/tmp/ca.pem" });
  });

  it("assumes a new tenant by default, or a tenant whose flag is off for a stack that pins classic", () => {
    expect(defaultTenantFlag("auto")).toBe("unset");
    expect(defaultTenantFlag(undefined)).toBe("unset");
    expect(defaultTenantFlag("unified")).toBe("unset");
    expect(defaultTenantFlag("classic")).toBe("off");
  });
});
