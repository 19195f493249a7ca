/** An OAuth error as GitHub words it, for the token endpoint body or an authorize redirect. */
export interface OAuthError {
  error: string;
  error_description: string;
  error_uri: string;
}

const TOKEN_ERRORS_DOC =
  "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors";
const AUTHORIZE_ERRORS_DOC =
  "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors";

export const incorrectClientCredentials: OAuthError = {
  error: "incorrect_client_credentials",
  error_description: "The client_id and/or client_secret passed are incorrect.",
  error_uri: `${TOKEN_ERRORS_DOC}/#incorrect-client-credentials`,
};

export const tokenRedirectUriMismatch: OAuthError = {
  error: "redirect_uri_mismatch",
  error_description: "The redirect_uri MUST match the registered callback URL for this application.",
  error_uri: `${TOKEN_ERRORS_DOC}/#redirect-uri-mismatch`,
};

export const badVerificationCode: OAuthError = {
  error: "bad_verification_code",
  error_description: "The code passed is incorrect or expired.",
  error_uri: `${TOKEN_ERRORS_DOC}/#bad-verification-code`,
};

// GitHub does not document its PKCE failure; the code is refused with a description that says why.
export function badCodeVerifier(description: string): OAuthError {
  return { ...badVerificationCode, error_description: description };
}

export const badRefreshToken: OAuthError = {
  error: "bad_refresh_token",
  error_description: "The refresh token passed is incorrect or expired.",
  error_uri: `${TOKEN_ERRORS_DOC}/#bad-refresh-token`,
};

export const unsupportedGrantType: OAuthError = {
  error: "unsupported_grant_type",
  error_description: "The grant_type passed is not supported.",
  error_uri: `${TOKEN_ERRORS_DOC}`,
};

export const authorizeRedirectUriMismatch: OAuthError = {
  error: "redirect_uri_mismatch",
  error_description: "The redirect_uri MUST match the registered callback URL for this application.",
  error_uri: `${AUTHORIZE_ERRORS_DOC}/#redirect-uri-mismatch`,
};

export const accessDenied: OAuthError = {
  error: "access_denied",
  error_description: "The user has denied your application access.",
  error_uri: `${AUTHORIZE_ERRORS_DOC}/#access-denied`,
};

export function invalidAuthorizeRequest(description: string): OAuthError {
  return {
    error: "invalid_request",
    error_description: description,
    error_uri: AUTHORIZE_ERRORS_DOC,
  };
}
