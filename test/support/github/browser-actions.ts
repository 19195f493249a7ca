/**
 * Does what a browser does on the authorize page: loads it (as `userId`'s browser if given),
 * then submits its form with the chosen button. Resolves to the redirect's Location; when
 * GitHub refuses the request before showing the page, to that error redirect's Location.
 */
export async function submitAuthorizeForm(
  authorizeUrl: string,
  button: "authorize" | "cancel",
  userId: number | undefined,
): Promise<string> {
  const cookie: Record<string, string> = userId === undefined ? {} : { cookie: `gh_user=${userId}` };
  const page = await fetch(authorizeUrl, { headers: cookie, redirect: "manual" });
  await page.arrayBuffer();
  if (page.status === 302) return readLocation(page);
  if (page.status !== 200) throw new Error(`The authorize page answered HTTP ${page.status}`);
  const answer = await fetch(authorizeUrl, {
    method: "POST",
    headers: { ...cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ authorize: button === "authorize" ? "1" : "0" }),
    redirect: "manual",
  });
  await answer.arrayBuffer();
  if (answer.status !== 302) throw new Error(`The authorize form answered HTTP ${answer.status}`);
  return readLocation(answer);
}

function readLocation(response: Response): string {
  const location = response.headers.get("location");
  if (!location) throw new Error("The redirect has no Location");
  return location;
}
