// argon2 (a native addon) is loaded on the first login or password set, not at start-up.
const argon2 = () => import('@node-rs/argon2');

// OWASP's argon2id baseline (m=19 MiB, t=2, p=1).
// `Algorithm` is an ambient const enum, unusable under isolatedModules; 2 is Argon2id.
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export async function hashPassword(password: string): Promise<string> {
  const { hash } = await argon2();
  return hash(password, options);
}

// Verifying against this when the e-mail is unknown keeps the response time the same, so timing
// does not reveal which addresses have accounts.
let dummyHash: Promise<string> | null = null;

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  const { verify } = await argon2();
  if (!storedHash) {
    dummyHash ??= hashPassword('kijkruimte-dummy-password');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
