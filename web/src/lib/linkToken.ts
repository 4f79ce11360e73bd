/** The `?token=` of a link we mailed (verify email, reset password); "" when missing. */
export function linkTokenFromUrl(): string {
  return new URLSearchParams(window.location.search).get("token")?.trim() ?? "";
}
