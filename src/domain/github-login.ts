/**
 * A GitHub login: letters, digits and hyphens, 39 at most, not starting with a hyphen. (New
 * accounts also cannot end with one or have two in a row, but some old accounts do.)
 */
export const GITHUB_LOGIN = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;

export const isGithubLogin = (value: string): boolean => GITHUB_LOGIN.test(value);
