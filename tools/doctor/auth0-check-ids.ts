/** Every Auth0 check the doctor can report, with when it runs, for `--help` and the docs. */
export const AUTH0_CHECKS: readonly { id: string; summary: string }[] = [
  { id: "auth0.token", summary: "the stack's Management API credentials get a token (client-credentials grant)" },
  { id: "auth0.token-scopes", summary: "the token carries every scope `pulumi up`, `refresh`, `destroy` and the doctor need" },
  { id: "auth0.phone-experience", summary: "the tenant's phone_consolidated_experience fits the stack's phoneExperience" },
  {
    id: "auth0.guardian-factors",
    summary: "no MFA factor the stack turns off (email, OTP, recovery code) is on in the tenant (pulumi up would leave it on)",
  },
  { id: "auth0.trigger-bindings", summary: "no other Action is bound to the stack's phone trigger (pulumi up would unbind it)" },
  {
    id: "auth0.phone-provider",
    summary: "unified: the tenant's phone provider (before: one pulumi up takes over; after: the enabled custom one)",
  },
  { id: "auth0.custom-phone-provider-actions", summary: "unified: no other custom-phone-provider Action (a tenant allows one)" },
  { id: "auth0.action-deployed", summary: "deployed: the sender Action exists, is built and deployed" },
  { id: "auth0.action-bound", summary: "deployed: the sender Action is bound to its trigger" },
  { id: "auth0.action-secrets", summary: "deployed: the Action carries exactly the stack's secret names (none added by hand)" },
  { id: "auth0.mfa-phone-factor", summary: "deployed: the MFA phone factor is enabled" },
  { id: "auth0.mfa-message-types", summary: "deployed: the MFA phone factor sends SMS (not voice)" },
  { id: "auth0.mfa-phone-provider", summary: "deployed, classic: the MFA phone provider is phone-message-hook (the Action)" },
];
