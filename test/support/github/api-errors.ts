/** GitHub's REST error body: a message, the docs, and (lately) the status as a string. */
function respondApiError(
  status: 401 | 404 | 422,
  message: string,
  documentationUrl = "https://docs.github.com/rest",
): Response {
  return Response.json({ message, documentation_url: documentationUrl, status: String(status) }, { status });
}

export const badCredentials = (): Response => respondApiError(401, "Bad credentials");
export const requiresAuthentication = (): Response => respondApiError(401, "Requires authentication");
export const notFound = (): Response => respondApiError(404, "Not Found");
/**
 * The one refusal the description documents for deleting a token or a grant (besides a failed
 * Basic auth): a token the app cannot delete (unknown, expired, revoked, another app's).
 */
export const accessTokenInvalid = (documentationUrl: string): Response =>
  Response.json(
    {
      message: "Validation Failed",
      errors: [{ resource: "OauthAccess", field: "access_token", code: "invalid" }],
      documentation_url: documentationUrl,
      status: "422",
    },
    { status: 422 },
  );
export const accessTokenMissing = (documentationUrl: string): Response =>
  respondApiError(422, 'Invalid request.\n\n"access_token" wasn\'t supplied.', documentationUrl);
