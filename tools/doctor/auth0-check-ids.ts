/** Every Auth0 check the doctor can report. Placeholder: the Auth0 half replaces this file with its list. */
export const AUTH0_CHECKS: readonly { id: string; summary: string }[] = [];
