// AWS's rules for the security foundations' names and contacts, each returning the problem in
// words. Sources: CloudTrail CreateTrail (trail names), S3's bucket naming rules, the Account API's
// AlternateContact fields (PutAlternateContact).

const IP_ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;

/** CreateTrail: 3-128 of [A-Za-z0-9._-], starting and ending with a letter or digit, no two of ._- side by side, not an IP address. */
export function trailNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 128) return `is ${name.length} characters; CloudTrail takes trail names of 3-128`;
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return "may hold only ASCII letters, digits, periods, underscores and hyphens";
  if (!/^[A-Za-z0-9].*[A-Za-z0-9]$/.test(name)) return "must start and end with a letter or digit";
  if (/[._-]{2}/.test(name)) return "must not have two of . _ - side by side (my-_trail, my--trail)";
  if (IP_ADDRESS.test(name)) return "must not be an IP address";
  return undefined;
}

const RESERVED_BUCKET_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_BUCKET_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/** S3 general purpose bucket names. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `is ${name.length} characters; S3 bucket names are 3-63`;
  if (!/^[a-z0-9.-]+$/.test(name)) return "may hold only lower-case letters, digits, periods and hyphens";
  if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) return "must start and end with a letter or digit";
  if (name.includes("..")) return "must not have two periods side by side";
  if (IP_ADDRESS.test(name)) return "must not be an IP address";
  const prefix = RESERVED_BUCKET_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `must not start with ${prefix} (reserved by S3)`;
  const suffix = RESERVED_BUCKET_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `must not end with ${suffix} (reserved by S3)`;
  return undefined;
}

/** AlternateContact EmailAddress: 1-254 characters, pattern ^[\s]*[\w+=.#|!&-]+@[\w.-]+\.[\w]+[\s]*$ */
export function contactEmailProblem(email: string): string | undefined {
  if (email.length < 1 || email.length > 254) return `is ${email.length} characters; the Account API takes 1-254`;
  if (!/^\s*[\w+=.#|!&-]+@[\w.-]+\.\w+\s*$/.test(email)) return `"${email}" is not an email address the Account API takes (local part of letters, digits and _+=.#|!&-, then @domain.tld)`;
  return undefined;
}

/** AlternateContact PhoneNumber: 1-25 characters, pattern ^[\s0-9()+-]+$ */
export function contactPhoneProblem(phone: string): string | undefined {
  if (phone.length < 1 || phone.length > 25) return `is ${phone.length} characters; the Account API takes 1-25`;
  if (!/^[\s0-9()+-]+$/.test(phone)) return "may hold only digits, spaces and ()+- (the Account API's pattern)";
  return undefined;
}
